// The bookings and attendance export against a real database: every booking of this file's two
// agencies in order (session start, agency code, person), a cancelled and a waiting booking among
// them, the completion flag, no staff name or email anywhere in the file, a formula-like team name
// neutralised, the data dictionary naming every column, and the two download routes' guards.
// The database is shared with other tests running at the same time: rows are picked out by this
// file's own booking ids, and nothing assumes how many bookings exist.
import { randomBytes, randomInt } from "node:crypto";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { createResearcherUser, createStaff, unique } from "@/lib/accounts/test-helpers";
import { toCurrentUser } from "@/lib/auth/user";
import { BOM } from "@/lib/csv";
import { db } from "@/lib/db";
import type { AgencyRole, BookingStatus, TrainingDay } from "@/lib/generated/prisma/client";
import { STUDY_DEFAULTS } from "@/lib/study/defaults";
import { expectNotFound, expectSentToSignIn, parseCsv, rowOf } from "@/test/csv-downloads";
import { bookingsExport, bookingsExportDictionary } from "./export";

const session = vi.hoisted(() => ({ current: null as null | { user: Record<string, unknown>; expires: string } }));
vi.mock("next-auth", async (importOriginal) => ({
  ...(await importOriginal<typeof import("next-auth")>()),
  getServerSession: async () => session.current,
}));

const FORMULA_TEAM = '=HYPERLINK("http://evil.example/","Team, B")';

async function settings() {
  const study = await db.study.findUnique({ where: { id: 1 } });
  return {
    workerTrainingDays: study?.workerTrainingDays ?? STUDY_DEFAULTS.workerTrainingDays,
    supervisorExtraDays: study?.supervisorExtraDays ?? STUDY_DEFAULTS.supervisorExtraDays,
  };
}

async function buildBookings() {
  const token = unique();
  // A year nobody else uses, so these sessions sort among themselves only.
  const year = 3000 + randomInt(0, 5000);
  const at = (monthDay: string, time = "09:00") => new Date(`${year}-${monthDay}T${time}:00Z`);

  const agencyA = await db.agency.create({
    data: { organisation: `Organisation ${token}`, teamName: `Team A ${token}`, stage: "TRAINING" },
  });
  const agencyB = await db.agency.create({
    data: { organisation: `Organisation ${token}`, teamName: FORMULA_TEAM, stage: "TRAINING" },
  });
  const person = async (agencyId: string, role: AgencyRole, label: string) => {
    const staff = await createStaff(agencyId, role, `${label} Pryce-Ōwen ${token}`);
    return { ...staff, email: (await db.user.findUniqueOrThrow({ where: { id: staff.id } })).email };
  };
  const lead = await person(agencyA.id, "LEAD", "Lead");
  const sup = await person(agencyA.id, "SUPERVISOR", "Supervisor");
  const w1 = await person(agencyA.id, "WORKER", "Finisher");
  const w2 = await person(agencyA.id, "WORKER", "Waiter");
  const w3 = await person(agencyA.id, "WORKER", "Newcomer");
  const ex = await person(agencyA.id, "WORKER", "Leaver");
  await db.user.update({ where: { id: ex.id }, data: { deactivatedAt: at("03-01") } });
  // Agency B's worker has the lowest person_id, so only ordering by agency code puts them after A's people.
  const lowId = `00000000-0000-4000-8000-${randomBytes(6).toString("hex")}`;
  const bRow = await db.user.create({
    data: {
      id: lowId,
      email: `other.${token}@example.org`,
      name: `Other Pryce-Ōwen ${token}`,
      role: "AGENCY_STAFF",
      agencyId: agencyB.id,
      agencyRole: "WORKER",
    },
  });
  const b = { ...toCurrentUser(bRow)!, email: bRow.email };

  const trainer = `Trainer ${token}`;
  const newSession = (
    trainingDay: TrainingDay,
    startsAt: Date,
    extra: { capacity?: number; venue?: string | null; onlineUrl?: string | null; cancelled?: boolean } = {},
  ) =>
    db.trainingSession.create({
      data: {
        trainingDay,
        startsAt,
        endsAt: new Date(startsAt.getTime() + 6 * 3_600_000),
        venue: extra.venue === undefined ? "Civic Centre" : extra.venue,
        address: extra.venue === null ? null : "1 Market Street, Leeds",
        onlineUrl: extra.onlineUrl ?? null,
        trainer,
        capacity: extra.capacity ?? 20,
        status: extra.cancelled ? "CANCELLED" : "SCHEDULED",
        cancelledAt: extra.cancelled ? at("01-05") : null,
        cancelReason: extra.cancelled ? "Trainer unwell" : null,
      },
    });
  const s1 = await newSession("WORKER_1", at("01-10"));
  const s2 = await newSession("WORKER_2", at("01-17"), { venue: null, onlineUrl: "https://meet.example/abc" });
  const cancelledSession = await newSession("WORKER_2", at("01-18"), { cancelled: true });
  const s3 = await newSession("WORKER_3", at("01-24"), { onlineUrl: "https://meet.example/def" });
  const s4 = await newSession("SUPERVISOR_1", at("01-31"));
  const s5 = await newSession("WORKER_1", at("02-07"), { capacity: 1 });

  const book = (
    sessionId: string,
    userId: string,
    status: BookingStatus,
    extra: { waitlistPosition?: number; createdAt?: Date; cancelledAt?: Date; attendanceMarkedAt?: Date } = {},
  ) =>
    db.booking.create({
      data: {
        sessionId,
        userId,
        status,
        bookedById: sup.id,
        ...extra,
        ...(status === "ATTENDED" || status === "ABSENT"
          ? { attendanceMarkedById: sup.id, attendanceMarkedAt: extra.attendanceMarkedAt ?? at("01-10", "16:00") }
          : {}),
      },
    });

  const bookings = {
    s1Sup: await book(s1.id, sup.id, "ATTENDED"),
    s1W1: await book(s1.id, w1.id, "ATTENDED", {
      createdAt: new Date("2026-11-02T10:15:30.500Z"),
      attendanceMarkedAt: at("01-10", "15:45"),
    }),
    s1W2: await book(s1.id, w2.id, "ABSENT"),
    s1Ex: await book(s1.id, ex.id, "ATTENDED"),
    s1B: await book(s1.id, b.id, "ATTENDED"),
    s2Sup: await book(s2.id, sup.id, "ATTENDED"),
    s2W1: await book(s2.id, w1.id, "ATTENDED"),
    s2W2: await book(s2.id, w2.id, "CANCELLED", { cancelledAt: new Date("2026-12-01T08:00:00Z") }),
    cancelledW3: await book(cancelledSession.id, w3.id, "CANCELLED", { cancelledAt: at("01-05") }),
    s3Sup: await book(s3.id, sup.id, "ATTENDED"),
    s3W1: await book(s3.id, w1.id, "ATTENDED"),
    s4Sup: await book(s4.id, sup.id, "ABSENT"),
    s5W3: await book(s5.id, w3.id, "BOOKED"),
    s5W2: await book(s5.id, w2.id, "WAITLISTED", { waitlistPosition: 1 }),
  };
  return {
    token,
    agencyA,
    agencyB,
    people: { lead, sup, w1, w2, w3, ex, b },
    sessions: { s1, s2, cancelledSession, s3, s4, s5 },
    bookings,
    trainer,
    at,
  };
}

describe("the bookings export", () => {
  it("writes every booking of every status, in order of session start, agency code and person", async () => {
    const built = await buildBookings();
    const { agencyA, agencyB, people, sessions, bookings } = built;
    const { header, rows } = await bookingsExport();
    const ours = new Set(Object.values(bookings).map((booking) => booking.id));
    const mine = rows.filter((row) => ours.has(row[0] as string)).map((row) => rowOf(header, row));
    expect(mine).toHaveLength(ours.size);

    // On the first session: agency A's people by person_id, then agency B's.
    const aOnS1 = [bookings.s1Sup, bookings.s1W1, bookings.s1W2, bookings.s1Ex].sort((x, y) =>
      x.userId < y.userId ? -1 : 1,
    );
    expect(agencyA.code).toBeLessThan(agencyB.code);
    expect(mine.map((row) => row.booking_id)).toEqual(
      [
        ...aOnS1,
        bookings.s1B,
        ...[bookings.s2Sup, bookings.s2W1, bookings.s2W2].sort((x, y) => (x.userId < y.userId ? -1 : 1)),
        bookings.cancelledW3,
        ...[bookings.s3Sup, bookings.s3W1].sort((x, y) => (x.userId < y.userId ? -1 : 1)),
        bookings.s4Sup,
        ...[bookings.s5W3, bookings.s5W2].sort((x, y) => (x.userId < y.userId ? -1 : 1)),
      ].map((booking) => booking.id),
    );

    const byId = new Map(mine.map((row) => [row.booking_id, row]));
    expect(byId.get(bookings.s1W1.id)).toEqual({
      booking_id: bookings.s1W1.id,
      session_id: sessions.s1.id,
      training_day: "WORKER_1",
      session_status: "SCHEDULED",
      session_starts_at: sessions.s1.startsAt,
      session_ends_at: sessions.s1.endsAt,
      session_online: false,
      session_venue: "Civic Centre",
      trainer: built.trainer,
      capacity: 20,
      agency_code: agencyA.code,
      agency_id: agencyA.id,
      team_name: agencyA.teamName,
      person_id: people.w1.id,
      person_role: "WORKER",
      person_active: true,
      booking_status: "ATTENDED",
      waitlist_position: null,
      booked_at: new Date("2026-11-02T10:15:30.500Z"),
      cancelled_at: null,
      attendance_marked_at: built.at("01-10", "15:45"),
      person_completed_training: true,
    });
    // Online only: no venue.
    expect(byId.get(bookings.s2W1.id)).toMatchObject({ session_online: true, session_venue: null });
    expect(byId.get(bookings.s3W1.id)).toMatchObject({ session_online: true, session_venue: "Civic Centre" });
    // A cancelled booking, and a booking on a cancelled session, are there with their times.
    expect(byId.get(bookings.s2W2.id)).toMatchObject({
      booking_status: "CANCELLED",
      cancelled_at: new Date("2026-12-01T08:00:00Z"),
      waitlist_position: null,
      attendance_marked_at: null,
    });
    expect(byId.get(bookings.cancelledW3.id)).toMatchObject({
      session_id: sessions.cancelledSession.id,
      session_status: "CANCELLED",
      booking_status: "CANCELLED",
    });
    // The waiting list, with its place.
    expect(byId.get(bookings.s5W2.id)).toMatchObject({
      booking_status: "WAITLISTED",
      waitlist_position: 1,
      capacity: 1,
      cancelled_at: null,
    });
    expect(byId.get(bookings.s5W3.id)).toMatchObject({ booking_status: "BOOKED", attendance_marked_at: null });
    expect(byId.get(bookings.s1W2.id)).toMatchObject({ booking_status: "ABSENT", person_role: "WORKER" });
    expect(byId.get(bookings.s4Sup.id)).toMatchObject({ training_day: "SUPERVISOR_1", person_role: "SUPERVISOR" });
    expect(byId.get(bookings.s1Ex.id)).toMatchObject({ person_active: false, person_id: people.ex.id });
    expect(byId.get(bookings.s1B.id)).toMatchObject({
      agency_code: agencyB.code,
      agency_id: agencyB.id,
      team_name: FORMULA_TEAM,
    });

    // Completion: the finisher attended all three worker days; the waiter was absent, cancelled and
    // is waiting; the supervisor attended the worker days but was absent from supervisor day 1.
    const { workerTrainingDays, supervisorExtraDays } = await settings();
    const completed = (id: string) =>
      mine.filter((row) => row.person_id === id).map((row) => row.person_completed_training);
    expect(completed(people.w1.id)).toEqual([true, true, true]);
    expect(completed(people.w2.id)).toEqual([false, false, false]);
    expect(completed(people.sup.id)).toEqual(Array(4).fill(supervisorExtraDays === 0));
    expect(completed(people.w3.id)).toEqual([false, false]);
    expect(completed(people.b.id)).toEqual([workerTrainingDays === 1]);
  });

  it("names every column in the data dictionary, with Stata-safe names, types and codes", async () => {
    await buildBookings();
    const { header, rows, dictionary } = await bookingsExport();
    expect(dictionary.map((entry) => entry.column)).toEqual(header);
    expect(bookingsExportDictionary()).toEqual(dictionary);
    expect(header).toEqual([
      "booking_id",
      "session_id",
      "training_day",
      "session_status",
      "session_starts_at",
      "session_ends_at",
      "session_online",
      "session_venue",
      "trainer",
      "capacity",
      "agency_code",
      "agency_id",
      "team_name",
      "person_id",
      "person_role",
      "person_active",
      "booking_status",
      "waitlist_position",
      "booked_at",
      "cancelled_at",
      "attendance_marked_at",
      "person_completed_training",
    ]);
    for (const name of header) expect(name).toMatch(/^[a-z][a-z0-9_]{0,31}$/);
    for (const row of rows) expect(row).toHaveLength(header.length);
    for (const entry of dictionary) expect(entry.label.length, entry.column).toBeGreaterThan(3);

    const entry = (column: string) => dictionary.find((item) => item.column === column);
    expect(entry("booking_id")?.notes).toContain("byte-order mark");
    expect(entry("training_day")).toMatchObject({
      type: "code",
      values: expect.stringContaining("SUPERVISOR_2 = Supervisor day 2"),
    });
    expect(entry("training_day")?.values).toContain("WORKER_1 = Worker day 1");
    expect(entry("booking_status")?.type).toBe("code");
    for (const code of ["BOOKED = ", "WAITLISTED = On the waiting list", "CANCELLED = ", "ATTENDED = ", "ABSENT = "]) {
      expect(entry("booking_status")?.values).toContain(code);
    }
    expect(entry("session_status")?.values).toMatch(/SCHEDULED = .*; CANCELLED = /);
    expect(entry("person_role")?.values).toBe("SUPERVISOR = Supervisor; WORKER = Worker; LEAD = Agency lead");
    expect(entry("person_id")?.notes).toMatch(/names and email addresses are not in this file/);
    for (const column of ["session_online", "person_active", "person_completed_training"]) {
      expect(entry(column), column).toMatchObject({ type: "boolean", values: "1 = yes; 0 = no" });
    }
    for (const column of [
      "session_starts_at",
      "session_ends_at",
      "booked_at",
      "cancelled_at",
      "attendance_marked_at",
    ]) {
      expect(entry(column), column).toMatchObject({ type: "datetime", notes: expect.stringContaining("UTC") });
    }
    expect(entry("team_name")).toMatchObject({ type: "text", notes: expect.stringContaining("apostrophe") });
    expect(entry("waitlist_position")?.type).toBe("integer");
  });
});

describe("the download routes", () => {
  const exportUrl = "http://localhost:3000/researcher/export/bookings";
  const dictionaryUrl = "http://localhost:3000/researcher/export/bookings/dictionary";
  const routes = async () => ({
    csv: (await import("@/app/(app)/researcher/export/bookings/route")).GET,
    dictionary: (await import("@/app/(app)/researcher/export/bookings/dictionary/route")).GET,
  });

  it("sends a signed-out visitor to sign in, and coming back here after", async () => {
    const { csv, dictionary } = await routes();
    await expectSentToSignIn(csv, exportUrl);
    await expectSentToSignIn(dictionary, dictionaryUrl);
  });

  it("answers agency staff with not found, and no data", async () => {
    const { people, bookings } = await buildBookings();
    session.current = { user: people.lead, expires: "2999-01-01T00:00:00Z" };
    const { csv, dictionary } = await routes();
    await expectNotFound(csv, exportUrl, [bookings.s1W1.id, "booking_id"]);
    await expectNotFound(dictionary, dictionaryUrl, [bookings.s1W1.id, "booking_id"]);
  });

  it("gives a researcher the CSV: UTF-8 with a BOM, no staff names or emails, formulas neutralised", async () => {
    const { people, bookings, sessions, agencyB } = await buildBookings();
    session.current = { user: await createResearcherUser(), expires: "2999-01-01T00:00:00Z" };
    const { csv, dictionary } = await routes();

    const response = await csv(new Request(exportUrl));
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("Content-Disposition")).toMatch(
      /^attachment; filename="connecting-people-bookings-\d{4}-\d{2}-\d{2}\.csv"$/,
    );
    expect(response.headers.get("Cache-Control")).toBe("no-store");
    const bytes = Buffer.from(await response.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString("utf8");
    expect(text.startsWith(`${BOM}booking_id,session_id,`)).toBe(true);
    expect(text.endsWith("\r\n")).toBe(true);

    // People appear only as their id: never a name or an email address.
    for (const person of Object.values(people)) {
      expect(text).not.toContain(person.name);
      expect(text).not.toContain(person.email);
      expect(text.toLowerCase()).not.toContain(person.email.split("@")[0]!.toLowerCase());
    }
    expect(text).not.toContain("Pryce-Ōwen");
    expect(text).toContain(people.w1.id);

    const [header = [], ...records] = parseCsv(text.slice(BOM.length));
    for (const record of records) expect(record).toHaveLength(header.length);
    const row = (bookingId: string) =>
      Object.fromEntries(header.map((name, i) => [name, records.find((record) => record[0] === bookingId)![i]]));
    expect(row(bookings.s1B.id)).toMatchObject({
      agency_id: agencyB.id,
      team_name: `'${FORMULA_TEAM}`,
      session_starts_at: sessions.s1.startsAt.toISOString().replace(".000Z", "Z"),
      session_online: "0",
      person_active: "1",
      waitlist_position: "",
      cancelled_at: "",
    });
    expect(row(bookings.s1W1.id)).toMatchObject({ booked_at: "2026-11-02T10:15:30Z", person_completed_training: "1" });
    expect(row(bookings.s5W2.id)).toMatchObject({ booking_status: "WAITLISTED", waitlist_position: "1" });
    expect(row(bookings.s1Ex.id)).toMatchObject({ person_active: "0" });
    // The raw text quotes the formula so its own quotes and comma stay inside one cell.
    expect(text).toContain(`"'=HYPERLINK(""http://evil.example/"",""Team, B"")"`);

    const dictionaryResponse = await dictionary(new Request(dictionaryUrl));
    expect(dictionaryResponse.status).toBe(200);
    expect(dictionaryResponse.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    expect(dictionaryResponse.headers.get("Content-Disposition")).toBe(
      'attachment; filename="connecting-people-bookings-dictionary.csv"',
    );
    const dictionaryBytes = Buffer.from(await dictionaryResponse.arrayBuffer());
    expect([...dictionaryBytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const [dictionaryHeader, ...entries] = parseCsv(dictionaryBytes.toString("utf8").slice(BOM.length));
    expect(dictionaryHeader).toEqual(["column", "label", "type", "values", "notes"]);
    expect(entries.map((entry) => entry[0])).toEqual(header);
  });
});

beforeEach(() => {
  session.current = null;
});
