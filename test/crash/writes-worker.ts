// The crash test's "server": a separate process that makes the app's own writes through its own
// capabilities (bookPeople, cancelBooking, createParticipant, recordParticipantStep) against the
// database in DATABASE_URL, several at once, and prints a line before each write and a line with the
// capability's answer after it (stdout is a pipe, written synchronously: a line printed survives a
// kill). The test kills it with SIGKILL at chosen moments and starts it again; every choice is
// read from the database, so a new process carries on from whatever the killed one committed.
//
// CRASH_CONFIG (JSON): seed, generation (0, 1, … one per start), loops (writes at once), opsPerLoop.
import { toCurrentUser, type AgencyStaffUser } from "@/lib/auth/user";
import { db } from "@/lib/db";
import type { ParticipantStatus, Subgroup } from "@/lib/generated/prisma/client";
import { createParticipant, recordParticipantStep } from "@/lib/recruitment/participants";
import { addDays, isFinalStatus, PARTICIPANT_MOVES } from "@/lib/recruitment/rules";
import { stepFor, SUBGROUPS } from "@/lib/recruitment/schema";
import { bookPeople, cancelBooking } from "@/lib/training/booking";
import { ukDate } from "@/lib/training/rules";
import { waitForGo } from "./go";
import { mixSeed, seededRandom, type Random } from "./random";
import { NOW, TODAY, type OpKind, type OpResult, type WorkerLine } from "./scenario";

const config = JSON.parse(process.env.CRASH_CONFIG ?? "{}") as {
  seed: number;
  generation: number;
  loops: number;
  opsPerLoop: number;
};

function print(line: WorkerLine) {
  process.stdout.write(`${JSON.stringify(line)}\n`);
}

type Team = {
  agencyId: string;
  recruiting: boolean;
  supervisor: AgencyStaffUser;
  /** Everyone who takes training (the supervisor and the workers). */
  trainees: AgencyStaffUser[];
  workers: AgencyStaffUser[];
};

async function loadTeams(): Promise<Team[]> {
  const agencies = await db.agency.findMany({
    orderBy: { code: "asc" },
    select: { id: true, stage: true, staff: { orderBy: { email: "asc" } } },
  });
  return agencies.map((agency) => {
    const staff = agency.staff.map((row) => toCurrentUser(row) as AgencyStaffUser);
    const supervisor = staff.find((person) => person.agencyRole === "SUPERVISOR")!;
    return {
      agencyId: agency.id,
      // Selected agencies move to training with their first booking; they never record participants.
      recruiting: agency.stage === "RECRUITING",
      supervisor,
      trainees: staff,
      workers: staff.filter((person) => person.agencyRole === "WORKER"),
    };
  });
}

type Session = { id: string; trainingDay: string; startsAt: Date };

type Op = { kind: OpKind; actor: AgencyStaffUser; input: Record<string, unknown> };

/** A booking for one or two people of a team, on a session of a day they still need (mostly). */
async function chooseBooking(random: Random, team: Team, sessions: readonly Session[]): Promise<Op> {
  const people = random.sample(team.trainees, random.chance(0.2) ? 2 : 1);
  const live = await db.booking.findMany({
    where: { userId: people[0]!.id, status: { in: ["BOOKED", "WAITLISTED"] } },
    select: { session: { select: { trainingDay: true, startsAt: true } } },
  });
  const open = sessions.filter(
    (session) =>
      !live.some(
        (booking) =>
          booking.session.trainingDay === session.trainingDay ||
          ukDate(booking.session.startsAt) === ukDate(session.startsAt),
      ),
  );
  // Now and then any session at all, which the rules may refuse (and then nothing may be written).
  const session = open.length > 0 && !random.chance(0.25) ? random.pick(open) : random.pick(sessions);
  return { kind: "book", actor: team.supervisor, input: { sessionId: session.id, userIds: people.map((p) => p.id) } };
}

async function chooseCancellation(random: Random, team: Team): Promise<Op | null> {
  const live = await db.booking.findMany({
    where: { status: { in: ["BOOKED", "WAITLISTED"] }, person: { agencyId: team.agencyId } },
    orderBy: { id: "asc" },
    select: { id: true },
  });
  if (live.length === 0) return null;
  return { kind: "cancel", actor: team.supervisor, input: { bookingId: random.pick(live).id } };
}

function chooseReferral(random: Random, team: Team): Op {
  return {
    kind: "refer",
    actor: random.pick(team.trainees),
    input: {
      workerId: random.pick(team.workers).id,
      subgroup: random.pick(SUBGROUPS) satisfies Subgroup,
      isNewReferral: random.chance(0.5),
      referralDate: addDays("2030-06-01", random.int(0, 200)),
    },
  };
}

const REASONS = ["Moved out of the area", "Did not want to take part", "Too unwell at the moment"];

async function chooseStep(random: Random, team: Team): Promise<Op | null> {
  const open = await db.participant.findMany({
    where: { agencyId: team.agencyId },
    orderBy: { sequence: "asc" },
    select: {
      id: true,
      status: true,
      referralDate: true,
      screenedDate: true,
      consentDate: true,
      baselineDate: true,
    },
  });
  const candidates = open.filter((participant) => !isFinalStatus(participant.status));
  if (candidates.length === 0) return null;
  const participant = random.pick(candidates);
  const to: ParticipantStatus = random.pick(PARTICIPANT_MOVES[participant.status]);
  const step = stepFor(to)!;
  const latest = [participant.referralDate, participant.screenedDate, participant.consentDate, participant.baselineDate]
    .filter((date): date is Date => date !== null)
    .map((date) => date.toISOString().slice(0, 10))
    .sort()
    .at(-1)!;
  let date = addDays(latest, random.int(0, 30));
  if (date > TODAY) date = TODAY;
  // Now and then a date in the future, which is refused.
  if (random.chance(0.1)) date = addDays(TODAY, 3);
  const extra =
    step === "baseline" || step === "follow-up"
      ? { measures: ["WEMWBS", "EQ_5D"] }
      : step === "withdraw"
        ? { reason: random.pick(REASONS), keepData: random.chance(0.5) }
        : step === "not-eligible" || step === "decline" || step === "lost"
          ? { reason: random.pick(REASONS) }
          : {};
  return {
    kind: "step",
    actor: random.pick(team.trainees),
    input: { participantId: participant.id, step, date, ...extra },
  };
}

async function chooseOp(random: Random, teams: readonly Team[], sessions: readonly Session[]): Promise<Op> {
  const team = random.pick(teams);
  const roll = random.next();
  if (roll < 0.2) return (await chooseCancellation(random, team)) ?? chooseBooking(random, team, sessions);
  if (team.recruiting && roll < 0.4) return chooseReferral(random, team);
  if (team.recruiting && roll < 0.65) return (await chooseStep(random, team)) ?? chooseReferral(random, team);
  return chooseBooking(random, team, sessions);
}

function perform({ kind, actor, input }: Op): Promise<OpResult> {
  switch (kind) {
    case "book":
      return bookPeople(actor, input, NOW);
    case "cancel":
      return cancelBooking(actor, input, NOW);
    case "refer":
      return createParticipant(actor, input, NOW);
    case "step":
      return recordParticipantStep(actor, input, NOW);
  }
}

async function main() {
  const teams = await loadTeams();
  const sessions = await db.trainingSession.findMany({
    orderBy: { startsAt: "asc" },
    select: { id: true, trainingDay: true, startsAt: true },
  });
  // Each loop has agencies of its own, so one person's writes are never made by two loops at once
  // and the order of a loop's lines is the order its writes committed. Sessions are shared by all.
  await Promise.all(
    Array.from({ length: config.loops }, async (_, loop) => {
      const random = seededRandom(mixSeed(config.seed, config.generation, loop));
      const owned = teams.filter((_team, index) => index % config.loops === loop);
      for (let count = 1; count <= config.opsPerLoop; count++) {
        const op = await chooseOp(random, owned, sessions);
        const id = `${config.generation}.${loop}.${count}`;
        print({ e: "begin", op: id, loop, kind: op.kind, actorId: op.actor.id, input: op.input });
        let result: OpResult;
        try {
          result = await perform(op);
        } catch (error) {
          // A busy machine can make a transaction outlast Prisma's timeout: it is rolled back, or,
          // if its commit was under way, maybe not. Either way it stays "in flight" for the checks.
          print({ e: "error", op: id, message: error instanceof Error ? error.message : String(error) });
          continue;
        }
        print({ e: "done", op: id, result });
      }
    }),
  );
  print({ e: "finished" });
  await db.$disconnect();
}

await waitForGo();
await main();
