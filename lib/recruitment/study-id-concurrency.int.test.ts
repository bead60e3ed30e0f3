// Many referrals of one agency at the same moment, from several server processes (each its own
// Prisma client and connection pool) against a real database: every one succeeds and the study IDs
// are exactly 1..n, with no gap and no duplicate.
//
// What the agency lock does: createParticipant reads max(sequence) + 1 for the agency and inserts
// it. Without `SELECT … FROM "Agency" … FOR NO KEY UPDATE` first, simultaneous referrals read the
// same max and all but one of each batch fail on the unique study ID (and (agencyId, sequence)):
// Prisma throws P2002 and the person would see an error page. Tried on a scratch copy of
// participants.ts with only the lock taken out, twice: of these 40 simultaneous referrals 3
// succeeded and 37 threw "Unique constraint failed on the constraint: `Participant_studyId_key`", and
// both tests below failed. With the lock, the referrals of one agency queue on its row and each
// reads the max after the previous one committed (READ COMMITTED: each statement sees what was
// committed before it began).
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { toCurrentUser, type AgencyStaffUser } from "@/lib/auth/user";
import type { Db } from "@/lib/db";
import { ownDatabase } from "@/test/own-database";
import { createParticipant } from "./participants";
import { formatStudyId } from "./rules";

const database = ownDatabase("cp_study_ids");
const db = database.client;
/** Four "server processes", each with its own pool, besides the first. */
const processes: Db[] = [db, database.connect(), database.connect(), database.connect()];

const NOW = new Date("2027-03-10T12:00:00Z");
const unique = () => randomUUID().slice(0, 8);

async function createTeam() {
  const agency = await db.agency.create({
    data: { organisation: `Organisation ${unique()}`, teamName: `Team ${unique()}`, stage: "RECRUITING" },
  });
  const people = await db.user.createManyAndReturn({
    data: (["SUPERVISOR", "WORKER"] as const).map((agencyRole) => ({
      email: `${agencyRole.toLowerCase()}.${unique()}@example.org`,
      name: `${agencyRole} ${unique()}`,
      role: "AGENCY_STAFF" as const,
      agencyId: agency.id,
      agencyRole,
    })),
  });
  const [supervisor, worker] = people.map((row) => toCurrentUser(row) as AgencyStaffUser);
  return { agency, supervisor: supervisor!, worker: worker! };
}

type Team = Awaited<ReturnType<typeof createTeam>>;

/** `count` referrals for the team, sent by supervisor and worker in turn, spread over the processes. */
function referrals(team: Team, count: number, offset = 0) {
  return Array.from({ length: count }, (_, index) =>
    createParticipant(
      index % 2 === 0 ? team.supervisor : team.worker,
      { referralDate: "2027-03-01", workerId: team.worker.id, subgroup: "ADULT_MENTAL_HEALTH", isNewReferral: "yes" },
      NOW,
      processes[(index + offset) % processes.length],
    ),
  );
}

const expectedIds = (team: Team, count: number) =>
  Array.from({ length: count }, (_, index) => formatStudyId(team.agency.code, index + 1));

async function storedIds(team: Team) {
  const rows = await db.participant.findMany({
    where: { agencyId: team.agency.id },
    orderBy: { sequence: "asc" },
    select: { studyId: true, sequence: true },
  });
  expect(rows.map((row) => row.sequence)).toEqual(rows.map((_, index) => index + 1));
  return rows.map((row) => row.studyId);
}

describe("study IDs under simultaneous referrals", () => {
  it("gives 40 simultaneous referrals of one agency the IDs 1 to 40, each once", async () => {
    const team = await createTeam();
    const results = await Promise.all(referrals(team, 40));

    expect(results.filter((result) => !result.ok)).toEqual([]);
    const answered = results.map((result) => (result.ok ? result.studyId : null));
    expect(new Set(answered).size).toBe(40);
    expect([...answered].sort()).toEqual(expectedIds(team, 40));
    expect(await storedIds(team)).toEqual(expectedIds(team, 40));
    // One audit entry per referral, naming the ID the person was told.
    const audited = await db.auditEvent.findMany({
      where: { action: "participant.referred", after: { path: ["studyId"], string_starts_with: `CP-` } },
      select: { after: true },
    });
    const auditedIds = audited
      .map((entry) => (entry.after as { studyId: string }).studyId)
      .filter((studyId) => expectedIds(team, 40).includes(studyId));
    expect(auditedIds.sort()).toEqual(expectedIds(team, 40));
  }, 120_000);

  it("numbers two agencies' simultaneous referrals each from 1, independently", async () => {
    const [first, second] = [await createTeam(), await createTeam()];
    const [firstResults, secondResults] = await Promise.all([
      Promise.all(referrals(first, 25)),
      Promise.all(referrals(second, 15, 1)),
    ]);

    expect([...firstResults, ...secondResults].filter((result) => !result.ok)).toEqual([]);
    expect(firstResults.map((result) => (result.ok ? result.studyId : null)).sort()).toEqual(expectedIds(first, 25));
    expect(secondResults.map((result) => (result.ok ? result.studyId : null)).sort()).toEqual(expectedIds(second, 15));
    expect(await storedIds(first)).toEqual(expectedIds(first, 25));
    expect(await storedIds(second)).toEqual(expectedIds(second, 15));
  }, 120_000);
});
