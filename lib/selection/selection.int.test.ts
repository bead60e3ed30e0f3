// Moving agencies between stages against a real database: every allowed and refused move, the cap
// on places under simultaneous selections, the reserve list's ranks and promotion from it, and
// refusal to anyone but a researcher. Places and ranks are counted over every agency, so these
// tests run in a database of their own, and each test first withdraws whatever the last one left.
import { randomUUID } from "node:crypto";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { STAGE_ORDER } from "@/lib/agencies/stages";
import { toCurrentUser, type CurrentUser } from "@/lib/auth/user";
import { AGENCY_NOT_FOUND } from "@/lib/eoi/reopen";
import type { AgencyStage, TrainingDay } from "@/lib/generated/prisma/enums";
import { ownDatabase } from "@/test/own-database";
import { moveAgencyStage, reorderReserve } from "./moves";
import { canMove, HOLDS_A_PLACE, moveRefusal } from "./transitions";

const session = vi.hoisted(() => ({ current: null as null | { user: Record<string, unknown>; expires: string } }));
// Who next-auth says is signed in, for calling the server actions themselves.
vi.mock("next-auth", async (importOriginal) => ({
  ...(await importOriginal<typeof import("next-auth")>()),
  getServerSession: async () => session.current,
}));
vi.mock("next/cache", () => ({ revalidatePath: () => {}, revalidateTag: () => {} }));

const { client } = ownDatabase("cp_selection_moves");

const NOW = new Date("2027-04-01T10:00:00Z");
const unique = () => randomUUID().slice(0, 8);

let researcher: CurrentUser;

async function setPlaces(agenciesToSelect: number) {
  await client.study.upsert({
    where: { id: 1 },
    create: { id: 1, name: "Connecting People pilot", questionnaireDeadline: new Date("2027-03-16T17:00:00Z") },
    update: { agenciesToSelect },
  });
}

beforeEach(async () => {
  session.current = null;
  await setPlaces(12);
  // Whatever earlier tests left behind neither holds a place nor a rank any more.
  await client.$executeRaw`UPDATE "Agency" SET "stage" = 'WITHDRAWN', "reserveRank" = NULL WHERE "stage" <> 'WITHDRAWN'`;
  const row = await client.user.create({
    data: { email: `researcher.${unique()}@example.org`, name: `Researcher ${unique()}`, role: "RESEARCHER" },
  });
  researcher = toCurrentUser(row)!;
});

async function createAgency(stage: AgencyStage, reserveRank: number | null = null) {
  return client.agency.create({
    data: { organisation: `Organisation ${unique()}`, teamName: `Team ${unique()}`, stage, reserveRank },
  });
}

const move = (agencyId: string, to: AgencyStage, reason = `Reason ${unique()}`, actor: CurrentUser = researcher) =>
  moveAgencyStage(actor, { agencyId, to, reason }, NOW, client);

const reorder = (agencyId: string, direction: "up" | "down") =>
  reorderReserve(researcher, { agencyId, direction }, NOW, client);

const stageOf = (id: string) =>
  client.agency.findUniqueOrThrow({ where: { id }, select: { stage: true, reserveRank: true } });

/** The reserve list as team names in rank order, with their ranks. */
async function reserveList() {
  const rows = await client.agency.findMany({
    where: { stage: "RESERVE" },
    orderBy: { reserveRank: "asc" },
    select: { teamName: true, reserveRank: true },
  });
  return rows.map((row) => `${row.reserveRank}. ${row.teamName}`);
}

/** Adds a worker to the agency who attended every worker day (3 by default), on past sessions. */
async function trainedWorker(agencyId: string, days: TrainingDay[] = ["WORKER_1", "WORKER_2", "WORKER_3"]) {
  const worker = await client.user.create({
    data: {
      email: `worker.${unique()}@example.org`,
      name: `Worker ${unique()}`,
      role: "AGENCY_STAFF",
      agencyId,
      agencyRole: "WORKER",
    },
  });
  for (const [index, trainingDay] of days.entries()) {
    const startsAt = new Date(Date.UTC(2027, 2, 1 + index, 9, 30));
    await client.trainingSession.create({
      data: {
        trainingDay,
        startsAt,
        endsAt: new Date(startsAt.getTime() + 7 * 3600_000),
        trainer: "Trainer",
        capacity: 20,
        onlineUrl: "https://example.org/training",
        bookings: { create: { userId: worker.id, status: "ATTENDED" } },
      },
    });
  }
  return worker;
}

const PAIRS = STAGE_ORDER.flatMap((from) => STAGE_ORDER.map((to) => [from, to] as [AgencyStage, AgencyStage]));

describe("every move between two stages", () => {
  it.each(PAIRS.filter(([from, to]) => canMove(from, to)))(
    "%s → %s is made, with its stage change and audit entry",
    async (from, to) => {
      const agency = await createAgency(from, from === "RESERVE" ? 1 : null);
      // Recruitment waits for training (tested on its own below): this agency's staff have completed it.
      if (from === "TRAINING" && to === "RECRUITING") await trainedWorker(agency.id);
      const reason = `Decided at the panel of ${unique()}`;

      const result = await move(agency.id, to, reason);

      expect(result).toMatchObject({ ok: true, message: expect.stringContaining(agency.teamName) });
      expect(await stageOf(agency.id)).toEqual({ stage: to, reserveRank: to === "RESERVE" ? 1 : null });
      const changes = await client.stageChange.findMany({ where: { agencyId: agency.id } });
      expect(changes).toEqual([
        expect.objectContaining({ fromStage: from, toStage: to, byId: researcher.id, at: NOW, reason }),
      ]);
      const audits = await client.auditEvent.findMany({ where: { entity: "Agency", entityId: agency.id } });
      expect(audits).toEqual([
        expect.objectContaining({
          actorId: researcher.id,
          action: "agency.stage_changed",
          before: { stage: from, reserveRank: from === "RESERVE" ? 1 : null },
          after: { stage: to, reserveRank: to === "RESERVE" ? 1 : null, reason },
        }),
      ]);
    },
  );

  it.each(PAIRS.filter(([from, to]) => !canMove(from, to)))(
    "%s → %s is refused and changes nothing",
    async (from, to) => {
      const agency = await createAgency(from, from === "RESERVE" ? 1 : null);

      const result = await move(agency.id, to);

      expect(result).toEqual({ ok: false, formError: moveRefusal(from, to) });
      expect(await stageOf(agency.id)).toEqual({ stage: from, reserveRank: from === "RESERVE" ? 1 : null });
      expect(await client.stageChange.count({ where: { agencyId: agency.id } })).toBe(0);
      expect(await client.auditEvent.count({ where: { entityId: agency.id } })).toBe(0);
    },
  );

  it("answers a move without a reason, or to no stage, with messages per field", async () => {
    const agency = await createAgency("SHORTLISTED");
    expect(
      await moveAgencyStage(researcher, { agencyId: agency.id, to: "SELECTED", reason: "  " }, NOW, client),
    ).toEqual({ ok: false, fieldErrors: { reason: ["Say why the agency moves to this stage."] } });
    expect(
      await moveAgencyStage(researcher, { agencyId: agency.id, to: "SOMEWHERE", reason: "x" }, NOW, client),
    ).toEqual({ ok: false, fieldErrors: { to: ["Choose the stage to move the agency to."] } });
    expect(await moveAgencyStage(researcher, "junk", NOW, client)).toMatchObject({
      ok: false,
      formError: expect.any(String),
    });
    expect(await stageOf(agency.id)).toEqual({ stage: "SHORTLISTED", reserveRank: null });
  });

  it("answers an agency that does not exist with not found", async () => {
    expect(await move(randomUUID(), "WITHDRAWN")).toEqual(AGENCY_NOT_FOUND);
  });
});

describe("the move to recruiting", () => {
  it("waits until every supervisor and worker has attended every day their role needs", async () => {
    const agency = await createAgency("TRAINING");
    expect(await move(agency.id, "RECRUITING")).toEqual({
      ok: false,
      formError: expect.stringMatching(/has no supervisors or workers on its staff list/),
    });

    await trainedWorker(agency.id);
    const halfTrained = await trainedWorker(agency.id, ["WORKER_1", "WORKER_2"]);
    expect(await move(agency.id, "RECRUITING")).toEqual({
      ok: false,
      formError: expect.stringContaining(
        `1 of 2 staff have completed training. Still to complete every day their role needs: ${halfTrained.name}.`,
      ),
    });
    expect(await stageOf(agency.id)).toMatchObject({ stage: "TRAINING" });

    // A supervisor needs the two supervisor days as well; the agency lead needs no training.
    await client.user.update({ where: { id: halfTrained.id }, data: { deactivatedAt: NOW } });
    const supervisor = await trainedWorker(agency.id, ["WORKER_1", "WORKER_2", "WORKER_3", "SUPERVISOR_1"]);
    await client.user.update({ where: { id: supervisor.id }, data: { agencyRole: "SUPERVISOR" } });
    expect(await move(agency.id, "RECRUITING")).toMatchObject({
      ok: false,
      formError: expect.stringContaining(supervisor.name),
    });
    await client.user.update({ where: { id: supervisor.id }, data: { agencyRole: "WORKER" } });

    expect(await move(agency.id, "RECRUITING")).toMatchObject({ ok: true });
    expect(await stageOf(agency.id)).toMatchObject({ stage: "RECRUITING" });
  });
});

describe("the cap on places", () => {
  it("lets exactly one of ten simultaneous selections take the last place", async () => {
    await setPlaces(3);
    // A team in training still fills one of the places.
    await createAgency("SELECTED");
    await createAgency("TRAINING");
    const shortlisted = await Promise.all(Array.from({ length: 10 }, () => createAgency("SHORTLISTED")));

    const results = await Promise.all(shortlisted.map((agency) => move(agency.id, "SELECTED")));

    expect(results.filter((result) => result.ok)).toHaveLength(1);
    const refused = results.filter((result) => !result.ok);
    expect(refused).toHaveLength(9);
    for (const result of refused) {
      expect(result).toEqual({
        ok: false,
        formError: expect.stringMatching(
          /^All 3 places are taken: 3 agencies are selected or further along, so Team \w+ cannot be selected now\. Move a selected agency to the reserve list or withdraw it first\.$/,
        ),
      });
    }
    expect(await client.agency.count({ where: { stage: { in: [...HOLDS_A_PLACE] } } })).toBe(3);
    const ids = shortlisted.map((agency) => agency.id);
    expect(await client.agency.count({ where: { id: { in: ids }, stage: "SELECTED" } })).toBe(1);
    expect(await client.stageChange.count({ where: { agencyId: { in: ids } } })).toBe(1);
    expect(await client.auditEvent.count({ where: { entityId: { in: ids } } })).toBe(1);
  });

  it("counts every stage a selected agency goes on to, and frees a place when one leaves", async () => {
    await setPlaces(5);
    const holders = await Promise.all(HOLDS_A_PLACE.map((stage) => createAgency(stage)));
    const waiting = await createAgency("SHORTLISTED");

    expect(await move(waiting.id, "SELECTED")).toEqual({
      ok: false,
      formError: `All 5 places are taken: 5 agencies are selected or further along, so ${waiting.teamName} cannot be selected now. Move a selected agency to the reserve list or withdraw it first.`,
    });
    // Those not yet selected, or no longer, hold no place.
    await createAgency("RESERVE", 1);
    await createAgency("NOT_SELECTED");
    await createAgency("SHORTLISTED");

    const completed = holders.find((agency) => agency.stage === "COMPLETED")!;
    expect(await move(completed.id, "WITHDRAWN", "Left the study")).toMatchObject({ ok: true });
    expect(await move(waiting.id, "SELECTED")).toEqual({
      ok: true,
      message: `${waiting.teamName} is now selected: 5 of 5 places are taken. The agency is told when the team sends the decisions.`,
    });
  });

  it("frees a place when a selected agency goes to the reserve list or is not selected", async () => {
    await setPlaces(1);
    const first = await createAgency("SELECTED");
    const second = await createAgency("SHORTLISTED");
    expect(await move(second.id, "SELECTED")).toMatchObject({
      ok: false,
      formError: expect.stringMatching(/^The study's only place is taken: 1 agency is selected or further along/),
    });
    expect(await move(first.id, "RESERVE")).toMatchObject({ ok: true });
    expect(await move(second.id, "SELECTED")).toMatchObject({ ok: true });
    expect(await move(second.id, "NOT_SELECTED")).toMatchObject({ ok: true });
    expect(await move(first.id, "SELECTED")).toMatchObject({ ok: true });
  });
});

describe("the reserve list", () => {
  async function reserveOf(count: number) {
    const agencies = [];
    for (let index = 0; index < count; index++) {
      const agency = await createAgency("SHORTLISTED");
      const result = await move(agency.id, "RESERVE");
      expect(result).toEqual({
        ok: true,
        message: `${agency.teamName} is now on the reserve list, at number ${index + 1}. The agency is told when the team sends the decisions.`,
      });
      agencies.push(agency);
    }
    return agencies;
  }

  it("adds agencies at the end, in the order they join", async () => {
    const [a, b, c] = await reserveOf(3);
    expect(await reserveList()).toEqual([`1. ${a!.teamName}`, `2. ${b!.teamName}`, `3. ${c!.teamName}`]);
    // A not-selected agency and a selected one join at the end too.
    const declined = await createAgency("NOT_SELECTED");
    const selected = await createAgency("SELECTED");
    await move(declined.id, "RESERVE");
    await move(selected.id, "RESERVE");
    expect(await reserveList()).toEqual([
      `1. ${a!.teamName}`,
      `2. ${b!.teamName}`,
      `3. ${c!.teamName}`,
      `4. ${declined.teamName}`,
      `5. ${selected.teamName}`,
    ]);
  });

  it("closes the gap when an agency leaves the list, however it leaves", async () => {
    const [a, b, c, d, e] = await reserveOf(5);
    expect(await move(b!.id, "NOT_SELECTED", "Cannot release staff")).toMatchObject({ ok: true });
    expect(await reserveList()).toEqual([
      `1. ${a!.teamName}`,
      `2. ${c!.teamName}`,
      `3. ${d!.teamName}`,
      `4. ${e!.teamName}`,
    ]);
    expect(await stageOf(b!.id)).toEqual({ stage: "NOT_SELECTED", reserveRank: null });
    expect(await move(d!.id, "WITHDRAWN", "Withdrew")).toMatchObject({ ok: true });
    expect(await move(a!.id, "SELECTED", "Promoted")).toMatchObject({ ok: true });
    expect(await reserveList()).toEqual([`1. ${c!.teamName}`, `2. ${e!.teamName}`]);
    // The last one leaving closes nothing and leaves the rest as they were.
    expect(await move(e!.id, "WITHDRAWN")).toMatchObject({ ok: true });
    expect(await reserveList()).toEqual([`1. ${c!.teamName}`]);
  });

  it("moves an agency up or down by swapping it with its neighbour, audited on both", async () => {
    const [a, b, c] = await reserveOf(3);

    expect(await reorder(c!.id, "up")).toEqual({
      ok: true,
      message: `${c!.teamName} moved up to number 2 on the reserve list; ${b!.teamName} is now number 3.`,
    });
    expect(await reserveList()).toEqual([`1. ${a!.teamName}`, `2. ${c!.teamName}`, `3. ${b!.teamName}`]);
    expect(await reorder(a!.id, "down")).toMatchObject({ ok: true });
    expect(await reserveList()).toEqual([`1. ${c!.teamName}`, `2. ${a!.teamName}`, `3. ${b!.teamName}`]);

    const audits = await client.auditEvent.findMany({
      where: { action: "agency.reserve_reordered", entityId: { in: [b!.id, c!.id] } },
      orderBy: { id: "asc" },
    });
    expect(audits.map(({ entityId, before, after, actorId }) => ({ entityId, before, after, actorId }))).toEqual([
      {
        entityId: c!.id,
        before: { reserveRank: 3 },
        after: { reserveRank: 2, swappedWith: b!.id },
        actorId: researcher.id,
      },
      {
        entityId: b!.id,
        before: { reserveRank: 2 },
        after: { reserveRank: 3, swappedWith: c!.id },
        actorId: researcher.id,
      },
      // Then a moved down past c: c's own entry.
      {
        entityId: c!.id,
        before: { reserveRank: 2 },
        after: { reserveRank: 1, swappedWith: a!.id },
        actorId: researcher.id,
      },
    ]);
  });

  it("refuses to move the first agency up or the last one down, changing nothing", async () => {
    const [a, b] = await reserveOf(2);
    expect(await reorder(a!.id, "up")).toEqual({
      ok: false,
      formError: `${a!.teamName} is already first on the reserve list, so it cannot move up. To change the order, move another agency instead.`,
    });
    expect(await reorder(b!.id, "down")).toEqual({
      ok: false,
      formError: `${b!.teamName} is already last on the reserve list, so it cannot move down. To change the order, move another agency instead.`,
    });
    expect(await reserveList()).toEqual([`1. ${a!.teamName}`, `2. ${b!.teamName}`]);
    expect(
      await client.auditEvent.count({
        where: { action: "agency.reserve_reordered", entityId: { in: [a!.id, b!.id] } },
      }),
    ).toBe(0);
  });

  it("refuses to reorder an agency that is not on the reserve list", async () => {
    await reserveOf(2);
    const selected = await createAgency("SELECTED");
    expect(await reorder(selected.id, "up")).toEqual({
      ok: false,
      formError: `${selected.teamName} is not on the reserve list (its stage is “Selected”), so it cannot be moved up or down the list. Reload the page to see the list as it is now.`,
    });
    expect(await reorder(randomUUID(), "down")).toEqual(AGENCY_NOT_FOUND);
    expect(await reorderReserve(researcher, { agencyId: selected.id, direction: "sideways" }, NOW, client)).toEqual({
      ok: false,
      fieldErrors: { direction: ["Move the agency up or down the reserve list."] },
    });
  });

  it("promotes the first reserve agency when a selected agency withdraws", async () => {
    await setPlaces(3);
    const selected = await Promise.all([createAgency("SELECTED"), createAgency("SELECTED"), createAgency("SELECTED")]);
    const [first, second] = await reserveOf(2);

    // While every place is taken, promotion is refused and the list stays as it is.
    expect(await move(first!.id, "SELECTED", "Promoted")).toMatchObject({
      ok: false,
      formError: expect.stringMatching(/^All 3 places are taken/),
    });
    expect(await reserveList()).toEqual([`1. ${first!.teamName}`, `2. ${second!.teamName}`]);

    expect(await move(selected[0].id, "WITHDRAWN", "The team was reorganised")).toMatchObject({ ok: true });
    expect(await move(first!.id, "SELECTED", "A place became free")).toEqual({
      ok: true,
      message: `${first!.teamName} is now selected from the reserve list: 3 of 3 places are taken. The agency is told when the team sends the decisions.`,
    });

    expect(await stageOf(first!.id)).toEqual({ stage: "SELECTED", reserveRank: null });
    expect(await reserveList()).toEqual([`1. ${second!.teamName}`]);
    expect(await client.stageChange.findMany({ where: { agencyId: first!.id }, orderBy: { at: "asc" } })).toEqual([
      expect.objectContaining({ fromStage: "SHORTLISTED", toStage: "RESERVE" }),
      expect.objectContaining({
        fromStage: "RESERVE",
        toStage: "SELECTED",
        reason: "A place became free",
        byId: researcher.id,
      }),
    ]);
  });
});

describe("anyone but a researcher", () => {
  it("is told the agency does not exist, and nothing changes", async () => {
    const agency = await createAgency("RESERVE", 1);
    await createAgency("RESERVE", 2);
    const row = await client.user.create({
      data: {
        email: `lead.${unique()}@example.org`,
        name: "Lead",
        role: "AGENCY_STAFF",
        agencyId: agency.id,
        agencyRole: "LEAD",
      },
    });
    const lead = toCurrentUser(row)!;

    expect(await move(agency.id, "SELECTED", "We choose ourselves", lead)).toEqual(AGENCY_NOT_FOUND);
    expect(await reorderReserve(lead, { agencyId: agency.id, direction: "down" }, NOW, client)).toEqual(
      AGENCY_NOT_FOUND,
    );
    expect(await stageOf(agency.id)).toEqual({ stage: "RESERVE", reserveRank: 1 });
    expect(await client.auditEvent.count({ where: { entityId: agency.id } })).toBe(0);
  });

  it("cannot call the server actions: agency staff get not found, signed-out visitors go to sign in", async () => {
    const { moveAgencyStageAction, reorderReserveAction, saveReviewAction, sendDecisionsAction } =
      await import("./actions");
    const agency = await createAgency("SHORTLISTED");
    const calls = [
      () => moveAgencyStageAction({ agencyId: agency.id, to: "SELECTED", reason: "Because" }),
      () => reorderReserveAction({ agencyId: agency.id, direction: "up" }),
      () => saveReviewAction({ agencyId: agency.id }),
      () => sendDecisionsAction({ confirm: true }),
    ];
    const outcome = (call: () => Promise<unknown>) =>
      call().then(
        (value) => `returned ${JSON.stringify(value)}`,
        (error: unknown) => String((error as { digest?: string }).digest ?? error),
      );

    session.current = {
      user: {
        id: randomUUID(),
        role: "AGENCY_STAFF",
        agencyId: agency.id,
        agencyRole: "LEAD",
        name: "Lead",
        email: "lead@example.org",
      },
      expires: "2999-01-01T00:00:00Z",
    };
    for (const call of calls) expect(await outcome(call)).toMatch(/NEXT_HTTP_ERROR_FALLBACK;404/);

    session.current = null;
    for (const call of calls) expect(await outcome(call)).toMatch(/NEXT_REDIRECT.*\/signin/);
    expect(await stageOf(agency.id)).toEqual({ stage: "SHORTLISTED", reserveRank: null });
  });
});
