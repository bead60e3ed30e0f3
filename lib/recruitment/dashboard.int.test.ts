// The researchers' dashboard numbers on a fixed data set, checked number by number: staff trained
// per agency (the same rule as the training matrix: every day the role needs attended, on a session
// that was not cancelled; active supervisors and workers only), recruitment per agency and in total
// against own and shared targets, the running total by consent date and by month, and the
// projected date. The queries read whole tables, so the data set has a database of its own.
import { describe, expect, beforeAll, it } from "vitest";
import type { AgencyRole, AgencyStage, BookingStatus, TrainingDay } from "@/lib/generated/prisma/enums";
import { ownDatabase } from "@/test/own-database";
import {
  agencyPage,
  agencyTargetSummary,
  dashboardHref,
  parseDashboardSearchParams,
  placeHoldersTrained,
  recruitmentOverview,
  trainingOverview,
} from "./dashboard";

const { client } = ownDatabase("cp_recruitment_dashboard");

const NOW = new Date("2027-06-15T10:00:00Z");
const day = (date: string) => new Date(`${date}T00:00:00Z`);

beforeAll(async () => {
  // 20 participants in all; each worker needs worker days 1 and 2, a supervisor also supervisor day 1.
  await client.study.create({
    data: {
      id: 1,
      name: "Connecting People pilot",
      questionnaireDeadline: new Date("2027-01-16T17:00:00Z"),
      participantTarget: 20,
      workerTrainingDays: 2,
      supervisorExtraDays: 1,
    },
  });
});

describe("before anyone is recruited", () => {
  it("has nothing to count, chart or project", async () => {
    const overview = await recruitmentOverview(NOW, client);
    expect(overview).toMatchObject({
      today: "2027-06-15",
      studyTarget: 20,
      total: { referred: 0, recruited: 0, baseline: 0, followedUp: 0, withdrawnOrLost: 0 },
      targetsTotal: 0,
      agencies: [],
      series: [],
      months: [],
      projection: { kind: "too-few" },
    });
    expect(overview.total.progress.label).toBe("0/20 (0 %)");
    expect(await trainingOverview(client)).toEqual({
      agencies: [],
      trainees: 0,
      completed: 0,
      agenciesFullyTrained: 0,
    });
  });
});

describe("a fixed data set", () => {
  const ids = {} as Record<string, string>;
  const codes = {} as Record<string, number>;
  const sessions = {} as Record<string, string>;
  let sequence = 0;

  async function agency(key: string, teamName: string, stage: AgencyStage, participantTarget: number | null = null) {
    const row = await client.agency.create({
      data: { organisation: `${teamName} organisation`, teamName, stage, participantTarget },
    });
    ids[key] = row.id;
    codes[key] = row.code;
  }

  /** A member of staff with bookings: [session key, status]. */
  async function person(
    agencyKey: string,
    agencyRole: AgencyRole,
    bookings: [string, BookingStatus][],
    deactivated = false,
  ) {
    sequence += 1;
    await client.user.create({
      data: {
        email: `person${sequence}@example.org`,
        name: `Person ${sequence}`,
        role: "AGENCY_STAFF",
        agencyId: ids[agencyKey],
        agencyRole,
        deactivatedAt: deactivated ? NOW : null,
        bookings: { create: bookings.map(([session, status]) => ({ sessionId: sessions[session]!, status })) },
      },
    });
  }

  let participantNumber = 0;
  async function participant(agencyKey: string, record: Record<string, unknown>) {
    participantNumber += 1;
    const dates = Object.fromEntries(
      Object.entries(record).map(([key, value]) =>
        typeof value === "string" && /^\d{4}-\d{2}-\d{2}$/.test(value) ? [key, day(value)] : [key, value],
      ),
    );
    await client.participant.create({
      data: {
        studyId: `CP-${String(codes[agencyKey]).padStart(2, "0")}-${String(participantNumber).padStart(4, "0")}`,
        agencyId: ids[agencyKey]!,
        sequence: participantNumber,
        subgroup: "ADULT_MENTAL_HEALTH",
        isNewReferral: true,
        referralDate: day("2027-03-01"),
        ...dates,
      },
    });
  }

  const MEASURES = ["WEMWBS"] as const;

  beforeAll(async () => {
    const session = async (key: string, trainingDay: TrainingDay, startsAt: string, cancelled = false) => {
      const row = await client.trainingSession.create({
        data: {
          trainingDay,
          startsAt: new Date(startsAt),
          endsAt: new Date(new Date(startsAt).getTime() + 6 * 3600_000),
          trainer: "Trainer",
          capacity: 30,
          onlineUrl: "https://example.org/training",
          status: cancelled ? "CANCELLED" : "SCHEDULED",
          cancelledAt: cancelled ? new Date(startsAt) : null,
          cancelReason: cancelled ? "Trainer ill" : null,
        },
      });
      sessions[key] = row.id;
    };
    await session("w1", "WORKER_1", "2027-02-01T09:30:00Z");
    await session("w2", "WORKER_2", "2027-02-08T09:30:00Z");
    await session("w2-cancelled", "WORKER_2", "2027-02-09T09:30:00Z", true);
    await session("w2-later", "WORKER_2", "2027-07-08T09:30:00Z");
    await session("w3", "WORKER_3", "2027-02-15T09:30:00Z");
    await session("s1", "SUPERVISOR_1", "2027-02-22T09:30:00Z");

    await agency("alder", "Alder Team", "RECRUITING");
    await agency("birch", "Birch Team", "TRAINING", 8);
    await agency("cedar", "Cedar Team", "FOLLOW_UP");
    await agency("damson", "Damson Team", "SELECTED");
    await agency("elm", "Elm Team", "WITHDRAWN");
    await agency("fir", "Fir Team", "SUBMITTED");
    await agency("gorse", "Gorse Team", "COMPLETED");

    // Alder: 2 of 4 trained.
    await person("alder", "SUPERVISOR", [
      ["w1", "ATTENDED"],
      ["w2", "ATTENDED"],
      ["s1", "ATTENDED"],
    ]);
    await person("alder", "WORKER", [
      ["w1", "ATTENDED"],
      ["w2", "ATTENDED"],
    ]);
    await person("alder", "WORKER", [
      ["w1", "ATTENDED"],
      ["w2-later", "BOOKED"],
    ]);
    await person("alder", "WORKER", [
      ["w1", "ATTENDED"],
      ["w2-cancelled", "ATTENDED"],
    ]);
    await person(
      "alder",
      "WORKER",
      [
        ["w1", "ATTENDED"],
        ["w2", "ATTENDED"],
      ],
      true,
    ); // left the team
    await person("alder", "LEAD", []); // leads take no training
    // Birch: 1 of 2 (the supervisor has not done supervisor day 1; absent from worker day 2 counts for nothing).
    await person("birch", "WORKER", [
      ["w1", "ATTENDED"],
      ["w2", "ATTENDED"],
    ]);
    await person("birch", "SUPERVISOR", [
      ["w1", "ATTENDED"],
      ["w2", "ATTENDED"],
      ["s1", "ABSENT"],
    ]);
    // Cedar: 1 of 1, with a day the study does not ask for.
    await person("cedar", "WORKER", [
      ["w1", "ATTENDED"],
      ["w2", "ATTENDED"],
      ["w3", "ATTENDED"],
    ]);
    // Damson is selected but not in training yet: not counted.
    await person("damson", "WORKER", [
      ["w1", "ATTENDED"],
      ["w2", "ATTENDED"],
    ]);

    // Alder: 7 referred, 5 recruited, 3 at baseline, 1 followed up, 2 withdrawn or lost.
    await participant("alder", {});
    await participant("alder", { status: "NOT_ELIGIBLE", screenedDate: "2027-03-02", ineligibleReason: "Out of area" });
    await participant("alder", { status: "CONSENTED", screenedDate: "2027-03-02", consentDate: "2027-03-10" });
    await participant("alder", {
      status: "BASELINE_DONE",
      screenedDate: "2027-03-02",
      consentDate: "2027-03-10",
      baselineDate: "2027-03-15",
      baselineMeasures: MEASURES,
    });
    await participant("alder", {
      status: "FOLLOW_UP_DONE",
      screenedDate: "2027-03-02",
      consentDate: "2027-04-05",
      baselineDate: "2027-04-06",
      baselineMeasures: MEASURES,
      followUpDate: "2027-06-01",
      followUpMeasures: MEASURES,
    });
    await participant("alder", {
      status: "WITHDRAWN",
      screenedDate: "2027-03-02",
      consentDate: "2027-04-20",
      withdrawnDate: "2027-05-01",
      withdrawalReason: "Moved away",
      keepDataOnWithdrawal: true,
    });
    await participant("alder", {
      status: "LOST_TO_FOLLOW_UP",
      screenedDate: "2027-03-02",
      consentDate: "2027-05-03",
      baselineDate: "2027-05-04",
      baselineMeasures: MEASURES,
      lostDate: "2027-06-01",
      lostReason: "No reply",
    });
    // Birch: 3 referred, 1 recruited.
    await participant("birch", { status: "CONSENTED", screenedDate: "2027-05-19", consentDate: "2027-05-20" });
    await participant("birch", {
      status: "DECLINED",
      screenedDate: "2027-05-19",
      declinedDate: "2027-05-21",
      declineReason: "Not now",
    });
    await participant("birch", { status: "ELIGIBLE", screenedDate: "2027-05-19" });
    // Cedar: 1 referred, recruited and at baseline.
    await participant("cedar", {
      status: "BASELINE_DONE",
      screenedDate: "2027-03-09",
      consentDate: "2027-03-10",
      baselineDate: "2027-03-12",
      baselineMeasures: MEASURES,
    });
    // Elm withdrew from the pilot after recruiting 1 (who withdrew too): listed, with no target.
    await participant("elm", {
      status: "WITHDRAWN",
      screenedDate: "2027-04-01",
      consentDate: "2027-04-05",
      withdrawnDate: "2027-04-10",
      withdrawalReason: "Agency withdrew",
      keepDataOnWithdrawal: false,
    });
    await participant("elm", {});
  });

  it("counts the staff trained per agency in training or further, and in total", async () => {
    const training = await trainingOverview(client);
    expect(
      training.agencies.map(({ teamName, stage, trainees, completed, allCompleted }) => ({
        teamName,
        stage,
        trainees,
        completed,
        allCompleted,
      })),
    ).toEqual([
      { teamName: "Alder Team", stage: "RECRUITING", trainees: 4, completed: 2, allCompleted: false },
      { teamName: "Birch Team", stage: "TRAINING", trainees: 2, completed: 1, allCompleted: false },
      { teamName: "Cedar Team", stage: "FOLLOW_UP", trainees: 1, completed: 1, allCompleted: true },
      { teamName: "Gorse Team", stage: "COMPLETED", trainees: 0, completed: 0, allCompleted: false },
    ]);
    expect(training.agencies[0]!.id).toBe(ids.alder);
    expect(training).toMatchObject({ trainees: 7, completed: 4, agenciesFullyTrained: 1 });
  });

  it("counts recruitment per agency against its own target or its share", async () => {
    const overview = await recruitmentOverview(NOW, client);
    expect(
      overview.agencies.map((row) => [
        row.teamName,
        row.referred,
        row.recruited,
        row.baseline,
        row.followedUp,
        row.withdrawnOrLost,
        row.target,
        row.progress.label,
      ]),
    ).toEqual([
      // 20 less Birch's own 8 leaves 12, shared by the 4 others holding a place.
      ["Alder Team", 7, 5, 3, 1, 2, { id: ids.alder, target: 3, shared: true }, "5/3 (166 %)"],
      ["Birch Team", 3, 1, 0, 0, 0, { id: ids.birch, target: 8, shared: false }, "1/8 (12 %)"],
      ["Cedar Team", 1, 1, 1, 0, 0, { id: ids.cedar, target: 3, shared: true }, "1/3 (33 %)"],
      ["Damson Team", 0, 0, 0, 0, 0, { id: ids.damson, target: 3, shared: true }, "0/3 (0 %)"],
      ["Elm Team", 2, 1, 0, 0, 1, null, "1/0 (no target set)"],
      ["Gorse Team", 0, 0, 0, 0, 0, { id: ids.gorse, target: 3, shared: true }, "0/3 (0 %)"],
    ]);
    expect(overview.total).toMatchObject({
      referred: 13,
      recruited: 8,
      baseline: 4,
      followedUp: 1,
      withdrawnOrLost: 3,
    });
    expect(overview.total.progress.label).toBe("8/20 (40 %)");
    expect(overview.targetsTotal).toBe(20);
    expect(overview.studyTarget).toBe(20);
  });

  it("builds the running total by consent date and by month, up to this month", async () => {
    const overview = await recruitmentOverview(NOW, client);
    expect(overview.series).toEqual([
      { date: "2027-03-10", recruited: 3, total: 3 },
      { date: "2027-04-05", recruited: 2, total: 5 },
      { date: "2027-04-20", recruited: 1, total: 6 },
      { date: "2027-05-03", recruited: 1, total: 7 },
      { date: "2027-05-20", recruited: 1, total: 8 },
    ]);
    expect(overview.months).toEqual([
      { month: "2027-03", recruited: 3, total: 3 },
      { month: "2027-04", recruited: 3, total: 6 },
      { month: "2027-05", recruited: 2, total: 8 },
      { month: "2027-06", recruited: 0, total: 8 },
    ]);
  });

  it("projects the date the study target is reached at the rate so far", async () => {
    const overview = await recruitmentOverview(NOW, client);
    // 8 recruited in the 97 days from 10 March to 15 June; 12 more at that rate take 146 days.
    expect(overview.projection).toEqual({
      kind: "projected",
      date: "2027-11-08",
      perWeek: 0.6,
      sentence: "At the current rate (about 0.6 a week), the target of 20 would be reached around 8 November 2027.",
    });
  });

  it("gives one agency's target and recruitment for its page", async () => {
    expect(await agencyTargetSummary(ids.alder!, client)).toEqual({
      ownTarget: null,
      target: { id: ids.alder, target: 3, shared: true },
      recruited: 5,
      progress: { n: 5, target: 3, percent: 166, label: "5/3 (166 %)" },
      studyTarget: 20,
    });
    expect(await agencyTargetSummary(ids.birch!, client)).toMatchObject({
      ownTarget: 8,
      target: { target: 8, shared: false },
      recruited: 1,
    });
    // No place and no own target: nothing to show.
    expect(await agencyTargetSummary(ids.elm!, client)).toBeNull();
    expect(await agencyTargetSummary(ids.fir!, client)).toBeNull();
    expect(await agencyTargetSummary("00000000-0000-4000-8000-000000000000", client)).toBeNull();
    expect(await agencyTargetSummary("not-an-id", client)).toBeNull();
  });
  it("pages the per-agency table, furthest behind target first, by name or by most recruited", async () => {
    const { agencies } = await recruitmentOverview(NOW, client);
    const names = (sort: "behind" | "name" | "recruited", search = "", page = 1, perPage = 50) =>
      agencyPage(agencies, { sort, search, page, perPage }).rows.map((row) => row.teamName);
    // Smallest share of its target first (Damson and Gorse 0 %, Birch 12 %, Cedar 33 %, Alder 166 %);
    // Elm has no target, so it is never behind one.
    expect(names("behind")).toEqual([
      "Damson Team",
      "Gorse Team",
      "Birch Team",
      "Cedar Team",
      "Alder Team",
      "Elm Team",
    ]);
    expect(names("name")).toEqual(["Alder Team", "Birch Team", "Cedar Team", "Damson Team", "Elm Team", "Gorse Team"]);
    expect(names("recruited")).toEqual([
      "Alder Team",
      "Birch Team",
      "Cedar Team",
      "Elm Team",
      "Damson Team",
      "Gorse Team",
    ]);
    // Part of a team name, any case.
    expect(names("name", "  DER ")).toEqual(["Alder Team"]);
    expect(names("name", "r team")).toEqual(["Alder Team", "Cedar Team"]);
    expect(agencyPage(agencies, { sort: "name", search: "no such", page: 1 })).toEqual({
      rows: [],
      matching: 0,
      page: 1,
      pageCount: 1,
    });
    // Two a page: the second page, and a page past the last shows the last.
    expect(names("name", "", 2, 2)).toEqual(["Cedar Team", "Damson Team"]);
    const last = agencyPage(agencies, { sort: "name", search: "", page: 99, perPage: 2 });
    expect(last).toMatchObject({ matching: 6, page: 3, pageCount: 3 });
    expect(last.rows.map((row) => row.teamName)).toEqual(["Elm Team", "Gorse Team"]);
  });

  it("reads the table's order, search and page from the address, and explains what it cannot use", () => {
    expect(parseDashboardSearchParams({})).toEqual({ options: { sort: "behind", search: "", page: 1 }, problems: [] });
    expect(parseDashboardSearchParams({ q: " Alder ", sort: "name", page: "2" })).toEqual({
      options: { sort: "name", search: "Alder", page: 2 },
      problems: [],
    });
    const bad = parseDashboardSearchParams({ q: "x".repeat(201), sort: "DROP TABLE", page: "-1" });
    expect(bad.options).toEqual({ sort: "behind", search: "", page: 1 });
    expect(bad.problems).toEqual([
      "The agency name to look for is longer than 200 characters.",
      "The order in the address was not understood, so the agencies furthest behind come first.",
      "The page number in the address was not understood, so the first page is shown.",
    ]);
    expect(dashboardHref({ sort: "behind", search: "", page: 1 })).toBe("/researcher#recruitment-by-agency");
    expect(dashboardHref({ sort: "recruited", search: "A & B", page: 3 })).toBe(
      "/researcher?q=A+%26+B&sort=recruited&page=3#recruitment-by-agency",
    );
  });

  it("keeps the study-wide numbers while nothing is written, and shows a write at once", async () => {
    // Nothing written between two reads: the second is the kept answer, not counted again.
    const first = await recruitmentOverview(NOW, client);
    const again = await recruitmentOverview(NOW, client);
    expect(again.agencies).toBe(first.agencies);
    const training = await trainingOverview(client);
    expect((await trainingOverview(client)).agencies[0]).toBe(training.agencies[0]);

    // Damson records a participant who consents today: the next read counts them.
    await participant("damson", { status: "CONSENTED", screenedDate: "2027-06-14", consentDate: "2027-06-15" });
    const after = await recruitmentOverview(NOW, client);
    expect(after.agencies).not.toBe(first.agencies);
    expect(after.total).toMatchObject({ referred: 14, recruited: 9 });
    expect(after.agencies.find((row) => row.id === ids.damson)).toMatchObject({ referred: 1, recruited: 1 });
    expect(after.series.at(-1)).toEqual({ date: "2027-06-15", recruited: 1, total: 9 });

    // A researcher gives Damson its own target: the targets follow at once.
    await client.agency.update({ where: { id: ids.damson }, data: { participantTarget: 1 } });
    const targeted = await recruitmentOverview(NOW, client);
    expect(targeted.agencies.find((row) => row.id === ids.damson)!.progress.label).toBe("1/1 (100 %)");

    // Birch's supervisor attends supervisor day 1 after all: Birch is fully trained at once.
    const before = await placeHoldersTrained(client);
    const birchSupervisor = await client.user.findFirstOrThrow({
      where: { agencyId: ids.birch, agencyRole: "SUPERVISOR" },
    });
    await client.booking.updateMany({
      where: { userId: birchSupervisor.id, sessionId: sessions.s1 },
      data: { status: "ATTENDED" },
    });
    expect((await trainingOverview(client)).agencies.find((row) => row.id === ids.birch)).toMatchObject({
      trainees: 2,
      completed: 2,
      allCompleted: true,
    });
    expect(await placeHoldersTrained(client)).toEqual({
      agencies: before.agencies,
      fullyTrained: before.fullyTrained + 1,
    });
  });
});
