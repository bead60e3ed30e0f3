// What must be true of the database after the writes worker was killed and restarted: every answer
// it printed is in the database, nothing was written without its audit entry and its emails (or the
// other way round), and the rules that the writes keep hold. Each check returns the problems it found
// in plain words (an empty list when all is well), so that a failure says exactly what went wrong.
import type { Db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { STEP_ACTIONS } from "@/lib/recruitment/participants";
import { formatStudyId, PARTICIPANT_MOVES } from "@/lib/recruitment/rules";
import { STEP_STATUS, type ParticipantStep } from "@/lib/recruitment/schema";
import { sessionDay } from "@/lib/training/emails";
import { PLACE_HOLDING_STATUSES, ukDate } from "@/lib/training/rules";
import type { BeginLine, BookInput, CancelInput, OpResult, ReferInput, StepInput } from "./scenario";

/** One write the worker printed the answer of. */
export type DoneOp = BeginLine & { result: OpResult };

export type WritesRun = {
  /** Writes whose answer was printed, in the order printed. */
  done: DoneOp[];
  /** Writes begun but not answered when their worker was killed: each committed or not, unknown which. */
  inFlight: BeginLine[];
};

type Json = Record<string, unknown>;
const json = (value: Prisma.JsonValue | null): Json => (value ?? {}) as Json;

/**
 * Every row the checks read, as one snapshot (REPEATABLE READ): what the database held at one
 * instant, which is what a crash at that instant would leave behind.
 */
export function snapshot(db: Db) {
  return db.$transaction(
    async (tx) => ({
      sessions: await tx.trainingSession.findMany(),
      bookings: await tx.booking.findMany({ orderBy: { id: "asc" } }),
      users: await tx.user.findMany(),
      agencies: await tx.agency.findMany({ orderBy: { code: "asc" } }),
      participants: await tx.participant.findMany(),
      audits: await tx.auditEvent.findMany({
        orderBy: { id: "asc" },
        select: { id: true, action: true, entity: true, entityId: true, before: true, after: true },
      }),
      emails: await tx.outboxEmail.findMany({ select: { id: true, to: true, kind: true, subject: true } }),
      stageChanges: await tx.stageChange.findMany(),
    }),
    { isolationLevel: "RepeatableRead", timeout: 60_000, maxWait: 60_000 },
  );
}

export type State = Awaited<ReturnType<typeof snapshot>>;

const groupBy = <T, K>(items: readonly T[], key: (item: T) => K) => {
  const groups = new Map<K, T[]>();
  for (const item of items) groups.set(key(item), [...(groups.get(key(item)) ?? []), item]);
  return groups;
};

const dateOf = (date: Date | null) => (date === null ? null : date.toISOString().slice(0, 10));

/** The booking.created entries each printed booking answer claims, per person: booked or number N waiting. */
function claimedBookings(input: BookInput, message: string, nameOf: (id: string) => string) {
  const booked = message.startsWith("Booked ")
    ? message
        .slice("Booked ".length, message.indexOf(" on "))
        .split(/, | and /)
        .map((name) => name.trim())
    : [];
  const waiting = input.userIds.filter((id) => !booked.includes(nameOf(id)));
  const first = Number(
    (waiting.length === 1
      ? /is number (\d+) on the waiting list/.exec(message)
      : /are numbers (\d+) (?:and|to) \d+ on the waiting list/.exec(message))?.[1] ?? Number.NaN,
  );
  return new Map(
    input.userIds.map((id) => {
      const place = waiting.indexOf(id);
      return [id, place < 0 ? "BOOKED" : `WAITLISTED ${first + place}`] as const;
    }),
  );
}

/** 1. Every answer the worker printed is in the database, and no more than what was answered or in flight. */
export function committedWrites(state: State, run: WritesRun): string[] {
  const problems: string[] = [];
  const users = new Map(state.users.map((user) => [user.id, user]));
  const nameOf = (id: string) => users.get(id)?.name ?? id;
  const sessionName = (id: string) => {
    const session = state.sessions.find((each) => each.id === id);
    return session ? `the ${session.trainingDay} session on ${sessionDay(session.startsAt)}` : `session ${id}`;
  };
  const audits = (action: string) => state.audits.filter((entry) => entry.action === action);
  const ok = run.done.filter((op) => op.result.ok);

  // Bookings: per session and person, the answers printed are, in order, among the booking.created
  // entries; any other entry can only be a write in flight at a kill.
  const created = groupBy(
    audits("booking.created"),
    (entry) => `${json(entry.after).sessionId} ${json(entry.after).userId}`,
  );
  const claims = new Map<string, { op: string; claim: string }[]>();
  for (const op of ok.filter((each) => each.kind === "book")) {
    const input = op.input as BookInput;
    for (const [userId, claim] of claimedBookings(input, op.result.message ?? "", nameOf)) {
      const key = `${input.sessionId} ${userId}`;
      claims.set(key, [...(claims.get(key) ?? []), { op: op.op, claim }]);
    }
  }
  const inFlightFor = (kind: string, matches: (input: Json) => boolean) =>
    run.inFlight.filter((op) => op.kind === kind && matches(op.input as Json)).length;
  for (const key of new Set([...created.keys(), ...claims.keys()])) {
    const [sessionId, userId] = key.split(" ") as [string, string];
    const entries = (created.get(key) ?? []).map((entry) => {
      const after = json(entry.after);
      return after.status === "WAITLISTED" ? `WAITLISTED ${String(after.waitlistPosition)}` : String(after.status);
    });
    const printed = claims.get(key) ?? [];
    let next = 0;
    let extra = 0;
    for (const entry of entries) {
      if (next < printed.length && printed[next]!.claim === entry) next++;
      else extra++;
    }
    const who = `${nameOf(userId)} on ${sessionName(sessionId)}`;
    if (next < printed.length) {
      problems.push(
        `Booking ${who} (write ${printed[next]!.op}) was answered "${printed[next]!.claim}", but the database's booking entries say ${JSON.stringify(entries)}: a committed booking is lost or changed.`,
      );
    }
    const inFlight = inFlightFor(
      "book",
      (input) => input.sessionId === sessionId && (input.userIds as string[]).includes(userId),
    );
    if (extra > inFlight) {
      problems.push(
        `Booking ${who}: ${extra} booking entries that no answered write made (only ${inFlight} writes were in flight at a kill).`,
      );
    }
  }

  // Cancellations: each answered one is there, with the status it said was cancelled.
  const cancelled = groupBy(audits("booking.cancelled"), (entry) => entry.entityId);
  const cancels = ok.filter((op) => op.kind === "cancel");
  for (const [bookingId, entries] of cancelled) {
    const answered = cancels.filter((op) => (op.input as CancelInput).bookingId === bookingId).length;
    const inFlight = inFlightFor("cancel", (input) => input.bookingId === bookingId);
    if (entries.length < answered || entries.length > answered + inFlight) {
      problems.push(
        `Booking ${bookingId} has ${entries.length} cancellations in the database for ${answered} answered (and ${inFlight} in flight).`,
      );
    }
  }
  for (const op of cancels) {
    const { bookingId } = op.input as CancelInput;
    const wasBooked = (op.result.message ?? "").includes("'s booking on ");
    const entry = (cancelled.get(bookingId) ?? []).find(
      (each) => json(each.before).status === (wasBooked ? "BOOKED" : "WAITLISTED"),
    );
    if (!entry) problems.push(`Cancellation ${op.op} ("${op.result.message}") is not in the database.`);
  }

  // New participants: each answered one is there as answered; no others but those in flight.
  const participants = new Map(state.participants.map((participant) => [participant.id, participant]));
  const refers = ok.filter((op) => op.kind === "refer");
  for (const op of refers) {
    const input = op.input as ReferInput;
    const row = participants.get(op.result.participantId ?? "");
    const actor = users.get(op.actorId);
    if (
      !row ||
      row.studyId !== op.result.studyId ||
      row.agencyId !== actor?.agencyId ||
      row.workerId !== input.workerId ||
      row.subgroup !== input.subgroup ||
      row.isNewReferral !== input.isNewReferral ||
      dateOf(row.referralDate) !== input.referralDate
    ) {
      problems.push(`New participant ${op.result.studyId} (write ${op.op}) is not in the database as it was answered.`);
    }
  }
  for (const agency of state.agencies) {
    const staffOf = (op: BeginLine) => users.get(op.actorId)?.agencyId === agency.id;
    const count = state.participants.filter((participant) => participant.agencyId === agency.id).length;
    const answered = refers.filter(staffOf).length;
    const inFlight = run.inFlight.filter((op) => op.kind === "refer" && staffOf(op)).length;
    if (count < answered || count > answered + inFlight) {
      problems.push(
        `${agency.teamName} has ${count} participants for ${answered} answered referrals (and ${inFlight} in flight).`,
      );
    }
  }

  // Steps: each answered one is there with its date; no others but those in flight.
  const dateColumn = {
    eligible: "screenedDate",
    "not-eligible": "screenedDate",
    consent: "consentDate",
    decline: "declinedDate",
    baseline: "baselineDate",
    "follow-up": "followUpDate",
    withdraw: "withdrawnDate",
    lost: "lostDate",
  } as const satisfies Record<ParticipantStep, string>;
  const steps = ok.filter((op) => op.kind === "step");
  for (const op of steps) {
    const input = op.input as StepInput;
    const step = input.step as ParticipantStep;
    const row = participants.get(input.participantId);
    const entry = state.audits.find(
      (each) => each.entityId === input.participantId && each.action === STEP_ACTIONS[step],
    );
    if (!row || !entry || dateOf(row[dateColumn[step]]) !== input.date) {
      problems.push(`Step "${step}" of participant ${op.result.studyId} (write ${op.op}) is not in the database.`);
    }
  }
  const stepEntries = groupBy(
    state.audits.filter((entry) => entry.entity === "Participant" && entry.action !== "participant.referred"),
    (entry) => entry.entityId,
  );
  for (const [participantId, entries] of stepEntries) {
    const forIt = (op: BeginLine) => (op.input as StepInput).participantId === participantId;
    const answered = steps.filter(forIt).length;
    const inFlight = run.inFlight.filter((op) => op.kind === "step" && forIt(op)).length;
    if (entries.length > answered + inFlight) {
      problems.push(
        `Participant ${participantId} has ${entries.length} steps for ${answered} answered (and ${inFlight} in flight).`,
      );
    }
  }
  return problems;
}

/** 2. The rules the writes keep: capacity, waiting lists, one booking per person, study IDs. */
export function invariants(state: State): string[] {
  const problems: string[] = [];
  const bySession = groupBy(state.bookings, (booking) => booking.sessionId);
  for (const session of state.sessions) {
    const bookings = bySession.get(session.id) ?? [];
    const taken = bookings.filter((booking) =>
      (PLACE_HOLDING_STATUSES as readonly string[]).includes(booking.status),
    ).length;
    const waiting = bookings.filter((booking) => booking.status === "WAITLISTED");
    const label = `The ${session.trainingDay} session on ${sessionDay(session.startsAt)}`;
    if (taken > session.capacity) problems.push(`${label} holds ${taken} places of ${session.capacity}.`);
    if (waiting.length > 0 && taken < session.capacity) {
      problems.push(`${label} has ${waiting.length} people waiting while ${session.capacity - taken} places are free.`);
    }
    const positions = waiting.map((booking) => booking.waitlistPosition).sort((a, b) => (a ?? 0) - (b ?? 0));
    const expected = waiting.map((_booking, index) => index + 1);
    if (JSON.stringify(positions) !== JSON.stringify(expected)) {
      problems.push(
        `${label} has waiting-list positions ${JSON.stringify(positions)} instead of 1 to ${waiting.length}.`,
      );
    }
    if (bookings.some((booking) => booking.status !== "WAITLISTED" && booking.waitlistPosition !== null)) {
      problems.push(`${label} has a waiting-list position on a booking that is not waiting.`);
    }
    if (new Set(bookings.map((booking) => booking.userId)).size !== bookings.length) {
      problems.push(`${label} has two bookings for one person.`);
    }
  }
  const sessions = new Map(state.sessions.map((session) => [session.id, session]));
  const live = state.bookings.filter((booking) => booking.status === "BOOKED" || booking.status === "WAITLISTED");
  for (const [userId, bookings] of groupBy(live, (booking) => booking.userId)) {
    const days = bookings.map((booking) => sessions.get(booking.sessionId)!.trainingDay);
    const dates = bookings.map((booking) => ukDate(sessions.get(booking.sessionId)!.startsAt));
    if (new Set(days).size !== days.length || new Set(dates).size !== dates.length) {
      problems.push(`Person ${userId} holds two live bookings for one training day or one date.`);
    }
  }
  for (const agency of state.agencies) {
    const own = state.participants
      .filter((participant) => participant.agencyId === agency.id)
      .sort((a, b) => a.sequence - b.sequence);
    const sequences = own.map((participant) => participant.sequence);
    if (JSON.stringify(sequences) !== JSON.stringify(own.map((_participant, index) => index + 1))) {
      problems.push(
        `${agency.teamName}'s participants are numbered ${JSON.stringify(sequences)}, not 1 to ${own.length}.`,
      );
    }
    for (const participant of own) {
      if (participant.studyId !== formatStudyId(agency.code, participant.sequence)) {
        problems.push(
          `Participant ${participant.studyId} does not have the study ID of its number ${participant.sequence}.`,
        );
      }
    }
  }
  return problems;
}

const EMAIL_KIND = {
  "booking.created BOOKED": "booking-confirmed",
  "booking.created WAITLISTED": "booking-waitlisted",
  "booking.promoted BOOKED": "booking-promoted",
  "booking.cancelled CANCELLED": "booking-cancelled",
} as Record<string, string>;

/** 3. No change without its audit entry and its emails, and no audit entry or email without its change. */
export function sideRows(state: State): string[] {
  const problems: string[] = [];
  const bookings = new Map(state.bookings.map((booking) => [booking.id, booking]));
  const users = new Map(state.users.map((user) => [user.id, user]));
  const bookingEntries = state.audits.filter((entry) => entry.entity === "Booking");
  const byBooking = groupBy(bookingEntries, (entry) => entry.entityId);

  // Each booking's entries tell its story, and its row is where the last one left it.
  for (const booking of state.bookings) {
    const entries = byBooking.get(booking.id) ?? [];
    const last = entries.at(-1);
    if (entries[0]?.action !== "booking.created" || json(last?.after ?? null).status !== booking.status) {
      problems.push(
        `Booking ${booking.id} is ${booking.status} but its audit trail is ${JSON.stringify(
          entries.map((entry) => `${entry.action} ${String(json(entry.after).status)}`),
        )}.`,
      );
    }
    // Every booking email raises the calendar sequence once, except a new booking's first.
    if (booking.icsSequence !== entries.length - 1) {
      problems.push(
        `Booking ${booking.id} has calendar sequence ${booking.icsSequence} after ${entries.length} changes.`,
      );
    }
  }
  for (const [bookingId, entries] of byBooking) {
    const booking = bookings.get(bookingId);
    if (!booking) problems.push(`${entries.length} audit entries for booking ${bookingId}, which does not exist.`);
    for (const entry of entries) {
      const after = json(entry.after);
      if (booking && (after.sessionId !== booking.sessionId || after.userId !== booking.userId)) {
        problems.push(`Audit entry ${entry.id} for booking ${bookingId} names another session or person.`);
      }
    }
  }

  // One email per booking change: to the person, of the change's kind, about the session.
  const sessionByDay = new Map(
    state.sessions.map((session) => [
      sessionDay(session.startsAt),
      `${session.trainingDay} ${sessionDay(session.startsAt)}`,
    ]),
  );
  const sessionKey = (id: string) => {
    const session = state.sessions.find((each) => each.id === id);
    return session ? `${session.trainingDay} ${sessionDay(session.startsAt)}` : id;
  };
  const count = new Map<string, number>();
  const add = (key: string, by: number) => count.set(key, (count.get(key) ?? 0) + by);
  for (const entry of bookingEntries) {
    const after = json(entry.after);
    const kind = EMAIL_KIND[`${entry.action} ${String(after.status)}`];
    if (!kind) {
      problems.push(`Audit entry ${entry.id} (${entry.action}) is not a change the writes make.`);
      continue;
    }
    add(`${kind} to ${users.get(after.userId as string)?.email} about ${sessionKey(String(after.sessionId))}`, 1);
  }
  for (const email of state.emails) {
    const day = [...sessionByDay.keys()].find((each) => email.subject.endsWith(` on ${each}`));
    if (!day || !Object.values(EMAIL_KIND).includes(email.kind)) {
      problems.push(`Email "${email.subject}" to ${email.to} (${email.kind}) is not about a booking change.`);
      continue;
    }
    add(`${email.kind} to ${email.to} about ${sessionByDay.get(day)}`, -1);
  }
  for (const [key, difference] of count) {
    if (difference !== 0) {
      problems.push(
        difference > 0
          ? `${difference} booking change(s) with no email: ${key}.`
          : `${-difference} email(s) with no booking change: ${key}.`,
      );
    }
  }

  // An agency moves to training with its first booking: one stage change, one audit entry.
  for (const agency of state.agencies) {
    const changes = state.stageChanges.filter((change) => change.agencyId === agency.id).length;
    const entries = state.audits.filter(
      (entry) => entry.action === "agency.stage_changed" && entry.entityId === agency.id,
    ).length;
    const booked = bookingEntries.some(
      (entry) =>
        entry.action === "booking.created" && users.get(json(entry.after).userId as string)?.agencyId === agency.id,
    );
    const moves = agency.stage === "TRAINING" ? 1 : 0;
    // Selected agencies are SELECTED until their first booking; the recruiting ones never move here.
    const selected = agency.stage === "SELECTED" || agency.stage === "TRAINING";
    if (changes !== moves || entries !== moves || (selected && booked !== (moves === 1))) {
      problems.push(
        `${agency.teamName} is at ${agency.stage} with ${changes} stage changes and ${entries} audit entries for them${booked ? " after bookings" : ""}.`,
      );
    }
  }

  // Participants: one referral entry each, and steps that follow the allowed moves to the status held.
  const participants = new Map(state.participants.map((participant) => [participant.id, participant]));
  const participantEntries = groupBy(
    state.audits.filter((entry) => entry.entity === "Participant"),
    (entry) => entry.entityId,
  );
  for (const participant of state.participants) {
    const entries = participantEntries.get(participant.id) ?? [];
    const statuses = entries.map((entry) => String(json(entry.after).status));
    const valid =
      entries[0]?.action === "participant.referred" &&
      entries.filter((entry) => entry.action === "participant.referred").length === 1 &&
      statuses[0] === "REFERRED" &&
      statuses.every(
        (status, index) =>
          index === 0 ||
          (PARTICIPANT_MOVES[statuses[index - 1] as keyof typeof PARTICIPANT_MOVES] as readonly string[]).includes(
            status,
          ),
      ) &&
      statuses.at(-1) === participant.status &&
      entries.every(
        (entry) =>
          entry.action === "participant.referred" ||
          Object.entries(STEP_ACTIONS).some(
            ([step, action]) =>
              action === entry.action && STEP_STATUS[step as ParticipantStep] === json(entry.after).status,
          ),
      );
    if (!valid) {
      problems.push(
        `Participant ${participant.studyId} is ${participant.status} but its audit trail is ${JSON.stringify(
          entries.map((entry) => entry.action),
        )}.`,
      );
    }
  }
  for (const [participantId, entries] of participantEntries) {
    if (!participants.has(participantId)) {
      problems.push(`${entries.length} audit entries for participant ${participantId}, which does not exist.`);
    }
  }
  return problems;
}

/** 4. Every CHECK constraint of the schema holds for every row (and none was added NOT VALID). */
export async function checkConstraints(db: Db): Promise<{ checked: number; problems: string[] }> {
  const constraints = await db.$queryRaw<{ table: string; name: string; definition: string; validated: boolean }[]>`
    SELECT c.relname AS "table", con.conname AS "name", pg_get_constraintdef(con.oid) AS "definition",
           con.convalidated AS "validated"
    FROM pg_constraint con JOIN pg_class c ON c.oid = con.conrelid JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = 'public' AND con.contype = 'c'`;
  const problems: string[] = [];
  for (const { table, name, definition, validated } of constraints) {
    if (!validated) problems.push(`${table}.${name} is NOT VALID: old rows were never checked.`);
    const condition = definition.replace(/^CHECK /, "").replace(/ NOT VALID$/, "");
    const [row] = await db.$queryRawUnsafe<{ broken: number }[]>(
      `SELECT count(*)::int AS "broken" FROM "${table}" WHERE NOT ${condition}`,
    );
    if (row!.broken > 0) problems.push(`${row!.broken} rows of ${table} break ${name}.`);
  }
  return { checked: constraints.length, problems };
}

export async function checkWrites(db: Db, run: WritesRun) {
  const state = await snapshot(db);
  return {
    state,
    committed: committedWrites(state, run),
    invariants: invariants(state),
    sideRows: sideRows(state),
  };
}
