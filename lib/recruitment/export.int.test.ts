// The participants export against a real database: the header (Stata-safe names, in the order the
// study asked for), a known row's values, the data dictionary naming exactly the columns, a reason
// that looks like a formula neutralised, workers only as worker_id (never a name), the download
// routes for researchers only, and the rows read in batches so that 100,000 participants use the
// same memory as a few (in a database of its own, with more rows than one batch).
import { describe, expect, it, vi } from "vitest";
import { createResearcherUser, createStaff, unique } from "@/lib/accounts/test-helpers";
import { BOM, type Cell } from "@/lib/csv";
import { db, type Db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { expectNotFound, expectSentToSignIn, parseCsv, rowOf } from "@/test/csv-downloads";
import { ownDatabase } from "@/test/own-database";
import { participantExport, participantExportDictionary } from "./export";
import { followUpSchedule, formatStudyId } from "./rules";
import { loadRecruitmentSettings } from "./target-queries";
import { addParticipants, day as midnight } from "./test-fixtures";

const session = vi.hoisted(() => ({ current: null as null | { user: Record<string, unknown>; expires: string } }));
vi.mock("next-auth", async (importOriginal) => ({
  ...(await importOriginal<typeof import("next-auth")>()),
  getServerSession: async () => session.current,
}));

const FORMULA_REASON = "=cmd|' /C calc'!A0";

/** A calendar date as the export's date cells hold it: the day as the CSV writes it, YYYY-MM-DD. */
const day = (date: string) => date;

/** Names with a comma, quotes and a letter outside ASCII, which the CSV must carry (or leave out) intact. */
async function recruitingAgency(client: Db = db) {
  const token = unique();
  const agency = await client.agency.create({
    data: { organisation: `Organisation ${token}`, teamName: `Team, "${token}"`, stage: "RECRUITING" },
  });
  const worker = await client.user.create({
    data: {
      email: `worker.${token}@example.org`,
      name: `Worker Pryce-Ōwen ${token}`,
      role: "AGENCY_STAFF",
      agencyId: agency.id,
      agencyRole: "WORKER",
    },
  });
  return { agency, worker };
}

async function collect(rows: AsyncIterable<Cell[]>): Promise<Cell[][]> {
  const all: Cell[][] = [];
  for await (const row of rows) all.push(row);
  return all;
}

const HEADER = [
  "study_id",
  "agency_code",
  "agency_team",
  "subgroup",
  "is_new_referral",
  "worker_id",
  "status",
  "referral_date",
  "screened_date",
  "eligible",
  "ineligible_reason",
  "consent_date",
  "declined_date",
  "decline_reason",
  "baseline_date",
  "baseline_resource_generator_uk",
  "baseline_wemwbs",
  "baseline_scope",
  "baseline_eq_5d",
  "follow_up_due_date",
  "follow_up_window_opens",
  "follow_up_window_closes",
  "follow_up_date",
  "follow_up_resource_generator_uk",
  "follow_up_wemwbs",
  "follow_up_scope",
  "follow_up_eq_5d",
  "follow_up_in_window",
  "withdrawn_date",
  "withdrawal_reason",
  "keep_data_on_withdrawal",
  "lost_date",
  "lost_reason",
];

describe("the participants export", () => {
  it("writes a known participant's whole record in the columns the study asked for", async () => {
    const { agency, worker } = await recruitingAgency();
    const [referred, followedUp, notEligible, withdrawn] = await addParticipants(agency, worker.id, [
      { subgroup: "LEARNING_DISABILITY" },
      { status: "FOLLOW_UP_DONE", subgroup: "OLDER_ADULT_MENTAL_HEALTH" },
      { status: "NOT_ELIGIBLE" },
      { status: "WITHDRAWN", extra: { withdrawalReason: FORMULA_REASON, keepDataOnWithdrawal: false } },
    ]);
    const { header, rows, dictionary } = await participantExport();
    expect(header).toEqual(HEADER);
    expect(dictionary.map((entry) => entry.column)).toEqual(header);

    const mine = new Map(
      (await collect(rows))
        .filter((row) => String(row[0]).startsWith(formatStudyId(agency.code, 1).slice(0, -4)))
        .map((row) => [row[0], rowOf(header, row)]),
    );
    expect(mine.size).toBe(4);
    for (const row of mine.values()) expect(Object.keys(row)).toHaveLength(HEADER.length);

    const settings = await loadRecruitmentSettings();
    const schedule = followUpSchedule("2026-01-20", settings);
    const inWindow = schedule.opens <= "2026-10-20" && "2026-10-20" <= schedule.closes;
    expect(mine.get(followedUp!.studyId)).toEqual({
      study_id: followedUp!.studyId,
      agency_code: agency.code,
      agency_team: agency.teamName,
      subgroup: "OLDER_ADULT_MENTAL_HEALTH",
      is_new_referral: false,
      worker_id: worker.id,
      status: "FOLLOW_UP_DONE",
      referral_date: day("2026-01-05"),
      screened_date: day("2026-01-10"),
      eligible: true,
      ineligible_reason: null,
      consent_date: day("2026-01-15"),
      declined_date: null,
      decline_reason: null,
      baseline_date: day("2026-01-20"),
      baseline_resource_generator_uk: false,
      baseline_wemwbs: true,
      baseline_scope: false,
      baseline_eq_5d: true,
      follow_up_due_date: day(schedule.due),
      follow_up_window_opens: day(schedule.opens),
      follow_up_window_closes: day(schedule.closes),
      follow_up_date: day("2026-10-20"),
      follow_up_resource_generator_uk: false,
      follow_up_wemwbs: true,
      follow_up_scope: false,
      follow_up_eq_5d: false,
      follow_up_in_window: inWindow,
      withdrawn_date: null,
      withdrawal_reason: null,
      keep_data_on_withdrawal: null,
      lost_date: null,
      lost_reason: null,
    });
    // Not yet interviewed: the measures are missing, not "not completed".
    expect(mine.get(referred!.studyId)).toMatchObject({
      subgroup: "LEARNING_DISABILITY",
      is_new_referral: true,
      screened_date: null,
      eligible: null,
      baseline_wemwbs: null,
      follow_up_due_date: null,
      follow_up_in_window: null,
    });
    expect(mine.get(notEligible!.studyId)).toMatchObject({
      eligible: false,
      ineligible_reason: "Outside the team's area",
    });
    expect(mine.get(withdrawn!.studyId)).toMatchObject({
      status: "WITHDRAWN",
      withdrawn_date: day("2026-02-01"),
      withdrawal_reason: FORMULA_REASON,
      keep_data_on_withdrawal: false,
      baseline_date: null,
    });
  });

  it("gives the follow-up due date and window as the follow-up list does, at the end of a month too", async () => {
    const { agency, worker } = await recruitingAgency();
    const baselines = ["2026-03-31", "2026-05-31", "2026-08-31", "2026-10-31", "2026-12-31"];
    const made = await addParticipants(
      agency,
      worker.id,
      baselines.map((baseline) => ({ status: "BASELINE_DONE" as const, extra: { baselineDate: midnight(baseline) } })),
    );
    const settings = await loadRecruitmentSettings();
    const { header, rows } = await participantExport();
    const mine = new Map(
      (await collect(rows))
        .filter((row) => made.some((participant) => participant.studyId === row[0]))
        .map((row) => [row[0], rowOf(header, row)]),
    );
    expect(mine.size).toBe(baselines.length);
    baselines.forEach((baseline, i) => {
      const schedule = followUpSchedule(baseline, settings);
      expect(mine.get(made[i]!.studyId), baseline).toMatchObject({
        baseline_date: day(baseline),
        follow_up_due_date: day(schedule.due),
        follow_up_window_opens: day(schedule.opens),
        follow_up_window_closes: day(schedule.closes),
        follow_up_date: null,
        follow_up_in_window: null,
      });
    });
  });

  it("describes every column in the data dictionary, with Stata-safe names, codes and types", async () => {
    const dictionary = await participantExportDictionary();
    expect(dictionary.map((entry) => entry.column)).toEqual(HEADER);
    for (const name of HEADER) expect(name).toMatch(/^[a-z][a-z0-9_]{0,31}$/);
    for (const entry of dictionary) expect(entry.label.length, entry.column).toBeGreaterThan(3);
    const entry = (column: string) => dictionary.find((item) => item.column === column)!;
    expect(entry("study_id").notes).toContain("byte-order mark");
    expect(entry("status")).toMatchObject({
      type: "code",
      values: expect.stringContaining("BASELINE_DONE = Baseline interview done"),
    });
    expect(entry("subgroup").values).toBe(
      "ADULT_MENTAL_HEALTH = Adult mental health; OLDER_ADULT_MENTAL_HEALTH = Older adult functional mental health; LEARNING_DISABILITY = Learning disability",
    );
    expect(entry("baseline_wemwbs")).toMatchObject({ type: "boolean", values: "1 = yes; 0 = no" });
    expect(entry("follow_up_date")).toMatchObject({ type: "date", notes: expect.stringContaining("YYYY-MM-DD") });
    expect(entry("withdrawal_reason")).toMatchObject({ type: "text", notes: expect.stringContaining("apostrophe") });
    expect(entry("worker_id").notes).toMatch(/names are not in this file/);
  });
});

describe("reading the participants in batches", () => {
  const own = ownDatabase("cp_participant_export");

  /**
   * The client, counting in `batches` the participants each query returns (a batch comes as one
   * JSON array of rows), without changing what it returns (one query per batch).
   */
  const countingBatches = (client: Db, batches: number[]) =>
    new Proxy(client, {
      get(target, property) {
        if (property !== "$queryRaw") return Reflect.get(target, property, target);
        return async (query: Prisma.Sql) => {
          const found = await target.$queryRaw<{ json: string }[]>(query);
          expect(found).toHaveLength(1);
          batches.push((JSON.parse(found[0]!.json) as unknown[]).length);
          return found;
        };
      },
    }) as Db;

  it("reads every participant once, in order of study ID, a batch at a time", async () => {
    const { agency, worker } = await recruitingAgency(own.client);
    const made = await addParticipants(
      agency,
      worker.id,
      Array.from({ length: 7 }, () => ({ status: "CONSENTED" as const })),
      own.client,
    );
    const batches: number[] = [];
    const { rows } = await participantExport({ batchSize: 3, client: countingBatches(own.client, batches) });
    const all = await collect(rows);
    expect(batches).toEqual([3, 3, 1]);
    expect(all.map((row) => row[0])).toEqual(made.map((participant) => participant.studyId));
  });

  it("stops after a last batch that is full, with every participant once, in order", async () => {
    // A second agency, whose participants come after the first's, so batches cross agencies.
    const second = await recruitingAgency(own.client);
    await addParticipants(
      second.agency,
      second.worker.id,
      [{ status: "REFERRED" }, { status: "DECLINED" }],
      own.client,
    );
    const everyone = await own.client.participant.findMany({ select: { studyId: true }, orderBy: { studyId: "asc" } });
    const batches: number[] = [];
    const { rows } = await participantExport({
      batchSize: everyone.length,
      client: countingBatches(own.client, batches),
    });
    expect((await collect(rows)).map((row) => row[0])).toEqual(everyone.map((participant) => participant.studyId));
    expect(batches).toEqual([everyone.length, 0]);
  });
});

describe("the download routes", () => {
  const exportUrl = "http://localhost:3000/researcher/export/participants";
  const dictionaryUrl = "http://localhost:3000/researcher/export/participants/dictionary";
  const routes = async () => ({
    csv: (await import("@/app/(app)/researcher/export/participants/route")).GET,
    dictionary: (await import("@/app/(app)/researcher/export/participants/dictionary/route")).GET,
  });

  it("sends a signed-out visitor to sign in, and back here after", async () => {
    session.current = null;
    const { csv, dictionary } = await routes();
    await expectSentToSignIn(csv, exportUrl);
    await expectSentToSignIn(dictionary, dictionaryUrl);
  });

  it("answers agency staff with not found, and no data", async () => {
    const { agency, worker } = await recruitingAgency();
    const [participant] = await addParticipants(agency, worker.id, [{ status: "CONSENTED" }]);
    session.current = { user: await createStaff(agency.id, "SUPERVISOR"), expires: "2999-01-01T00:00:00Z" };
    const { csv, dictionary } = await routes();
    await expectNotFound(csv, exportUrl, [participant!.studyId, "study_id"]);
    await expectNotFound(dictionary, dictionaryUrl, [participant!.studyId, "study_id"]);
  });

  it("gives a researcher the CSV: UTF-8 with a BOM, the header, their row, formulas neutralised, no worker names", async () => {
    const { agency, worker } = await recruitingAgency();
    const [participant] = await addParticipants(agency, worker.id, [
      { status: "LOST_TO_FOLLOW_UP", extra: { lostReason: FORMULA_REASON } },
    ]);
    session.current = { user: await createResearcherUser(), expires: "2999-01-01T00:00:00Z" };
    const { csv, dictionary } = await routes();

    const response = await csv(new Request(exportUrl));
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("Content-Disposition")).toMatch(
      /^attachment; filename="connecting-people-participants-\d{4}-\d{2}-\d{2}\.csv"$/,
    );
    expect(response.headers.get("Cache-Control")).toBe("no-store");
    const bytes = Buffer.from(await response.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString("utf8");
    expect(text.startsWith(`${BOM}${HEADER.join(",")}\r\n`)).toBe(true);
    expect(text).not.toContain(worker.name);
    expect(text).not.toContain("Pryce-Ōwen");
    expect(text).not.toContain(worker.email);

    const [header = [], ...records] = parseCsv(text.slice(BOM.length));
    expect(header).toEqual(HEADER);
    for (const record of records) expect(record).toHaveLength(HEADER.length);
    const record = records.find((each) => each[0] === participant!.studyId)!;
    expect(Object.fromEntries(header.map((name, i) => [name, record[i]]))).toMatchObject({
      agency_code: String(agency.code),
      agency_team: agency.teamName,
      worker_id: worker.id,
      status: "LOST_TO_FOLLOW_UP",
      baseline_date: "2026-01-20",
      baseline_wemwbs: "1",
      baseline_scope: "0",
      follow_up_date: "",
      follow_up_wemwbs: "",
      lost_date: "2026-11-30",
      lost_reason: `'${FORMULA_REASON}`,
    });

    const answer = await dictionary(new Request(dictionaryUrl));
    expect(answer.status).toBe(200);
    expect(answer.headers.get("Content-Disposition")).toBe(
      'attachment; filename="connecting-people-participants-dictionary.csv"',
    );
    const [dictionaryHeader, ...entries] = parseCsv((await answer.text()).replace(/^\uFEFF/, ""));
    expect(dictionaryHeader).toEqual(["column", "label", "type", "values", "notes"]);
    expect(entries.map((entry) => entry[0])).toEqual(HEADER);
  });
});
