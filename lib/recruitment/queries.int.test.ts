// The researchers' participant list and detail against a real database: the filters (agency,
// status, subgroup, a study ID typed in lower case with spaces), newest referral first, 50 a page
// with a page past the end showing the last, the counts by status under the filter, and bad values
// in the address explained and left out. The database is shared with other tests: every list here
// is filtered to this file's own agencies, and nothing assumes how many participants exist.
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { unique } from "@/lib/accounts/test-helpers";
import { db } from "@/lib/db";
import {
  checkAgencyChoice,
  getResearcherParticipant,
  listParticipantAgencyChoices,
  listResearcherParticipants,
  PARTICIPANT_PAGE_SIZE,
  parseParticipantSearchParams,
  participantsHref,
} from "./queries";
import { followUpState, formatStudyId } from "./rules";
import { loadRecruitmentSettings } from "./target-queries";
import { addParticipants, recruitingAgency, type ParticipantSpec } from "./test-fixtures";

const NOW = new Date("2026-12-01T12:00:00Z");

describe("the researchers' participant list", () => {
  it("filters by agency, status and subgroup, and counts by status under the rest of the filter", async () => {
    const { agency, worker } = await recruitingAgency();
    const other = await recruitingAgency();
    await addParticipants(agency, worker.id, [
      { status: "REFERRED", referralDate: "2026-01-01" },
      { status: "ELIGIBLE", referralDate: "2026-01-03" },
      { status: "BASELINE_DONE", subgroup: "LEARNING_DISABILITY", referralDate: "2026-01-02" },
      { status: "BASELINE_DONE", referralDate: "2026-01-04" },
      { status: "WITHDRAWN", subgroup: "LEARNING_DISABILITY" },
    ]);
    await addParticipants(other.agency, other.worker.id, [{ status: "BASELINE_DONE" }]);

    const all = await listResearcherParticipants({ agencyId: agency.id }, NOW);
    expect(all.total).toBe(5);
    expect(all.rows.every((row) => row.agency.id === agency.id)).toBe(true);
    // Newest referral first.
    expect(all.rows.map((row) => row.referralDate)).toEqual([
      "2026-01-05",
      "2026-01-04",
      "2026-01-03",
      "2026-01-02",
      "2026-01-01",
    ]);
    const counts = Object.fromEntries(all.statusCounts.map((entry) => [entry.status, entry.count]));
    expect(counts).toMatchObject({ REFERRED: 1, ELIGIBLE: 1, BASELINE_DONE: 2, WITHDRAWN: 1, CONSENTED: 0 });
    expect(all.statusCounts).toHaveLength(9);

    const atBaseline = await listResearcherParticipants({ agencyId: agency.id, status: "BASELINE_DONE" }, NOW);
    expect(atBaseline.total).toBe(2);
    expect(atBaseline.rows.map((row) => row.status)).toEqual(["BASELINE_DONE", "BASELINE_DONE"]);
    // The counts stay those of every status, so the other statuses can be chosen from them.
    expect(atBaseline.statusCounts.find((entry) => entry.status === "REFERRED")?.count).toBe(1);

    const learning = await listResearcherParticipants({ agencyId: agency.id, subgroup: "LEARNING_DISABILITY" }, NOW);
    expect(learning.rows.map((row) => row.studyId).sort()).toEqual(
      [formatStudyId(agency.code, 3), formatStudyId(agency.code, 5)].sort(),
    );
    expect(Object.fromEntries(learning.statusCounts.map((entry) => [entry.status, entry.count]))).toMatchObject({
      BASELINE_DONE: 1,
      WITHDRAWN: 1,
      REFERRED: 0,
    });

    // Each row has what the table shows: the agency, the worker's name, the dates and the follow-up.
    const baselineRow = atBaseline.rows.find((row) => row.studyId === formatStudyId(agency.code, 4))!;
    expect(baselineRow).toMatchObject({
      agency: { id: agency.id, code: agency.code, teamName: agency.teamName },
      workerName: worker.name,
      subgroup: "ADULT_MENTAL_HEALTH",
      referralDate: "2026-01-04",
      consentDate: "2026-01-15",
      baselineDate: "2026-01-20",
    });
    // Where the follow-up stands on 1 December 2026 under the study's settings (overdue under the
    // defaults: due 20 October, give or take 28 days).
    const settings = await loadRecruitmentSettings();
    expect(baselineRow.followUp).toBe(
      followUpState({ status: "BASELINE_DONE", baselineDate: "2026-01-20" }, "2026-12-01", settings),
    );
    expect(baselineRow.followUp).not.toBe("not-applicable");
    const referredRow = all.rows.find((row) => row.status === "REFERRED")!;
    expect(referredRow).toMatchObject({ consentDate: null, baselineDate: null, followUp: "not-applicable" });
  });

  it("finds one participant by a study ID typed in lower case with spaces", async () => {
    const { agency, worker } = await recruitingAgency();
    await addParticipants(agency, worker.id, [{}, { status: "CONSENTED" }]);
    const studyId = formatStudyId(agency.code, 2);
    const parsed = parseParticipantSearchParams({ q: `  ${studyId.toLowerCase()} ` });
    expect(parsed.problems).toEqual({});
    expect(parsed.filter).toEqual({ studyId });
    const found = await listResearcherParticipants(parsed.filter, NOW);
    expect(found.total).toBe(1);
    expect(found.rows[0]).toMatchObject({ studyId, status: "CONSENTED" });
    expect(found.statusCounts.find((entry) => entry.status === "CONSENTED")?.count).toBe(1);
  });

  it("shows 50 a page, and the last page for a page past the end", async () => {
    const { agency, worker } = await recruitingAgency();
    const specs = Array.from({ length: PARTICIPANT_PAGE_SIZE + 5 }, (_, index): ParticipantSpec => ({
      referralDate: `2026-0${1 + Math.floor(index / 28)}-${String(1 + (index % 28)).padStart(2, "0")}`,
    }));
    await addParticipants(agency, worker.id, specs);

    const first = await listResearcherParticipants({ agencyId: agency.id }, NOW);
    expect(first).toMatchObject({ total: 55, page: 1, pageCount: 2 });
    expect(first.rows).toHaveLength(50);
    const second = await listResearcherParticipants({ agencyId: agency.id, page: 2 }, NOW);
    expect(second.rows).toHaveLength(5);
    const seen = new Set([...first.rows, ...second.rows].map((row) => row.id));
    expect(seen.size).toBe(55);
    // The oldest referral is last of all.
    expect(second.rows.at(-1)?.referralDate).toBe("2026-01-01");

    const past = await listResearcherParticipants({ agencyId: agency.id, page: 99 }, NOW);
    expect(past.page).toBe(2);
    expect(past.rows.map((row) => row.id)).toEqual(second.rows.map((row) => row.id));

    expect(participantsHref({ agencyId: agency.id, status: "REFERRED" }, 2)).toBe(
      `/researcher/participants?agency=${agency.id}&status=REFERRED&page=2`,
    );
    expect(participantsHref({})).toBe("/researcher/participants");
  });

  it("explains bad values in the address and leaves them out, keeping the good ones", () => {
    const parsed = parseParticipantSearchParams({
      q: "Jane Smith",
      status: "HAPPY",
      subgroup: ["LEARNING_DISABILITY", "ADULT_MENTAL_HEALTH"],
      agency: "not-an-id",
      page: "-3",
    });
    expect(parsed.filter).toEqual({ subgroup: "LEARNING_DISABILITY" });
    expect(parsed.page).toBe(1);
    expect(parsed.values).toMatchObject({ q: "Jane Smith", status: "HAPPY", agency: "not-an-id" });
    expect(parsed.problems.q).toMatch(/not a study ID.*CP-07-0012/);
    expect(parsed.problems.status).toBe("Choose a status from the list.");
    expect(parsed.problems.agency).toMatch(/Choose an agency from the list/);
    expect(parsed.problems.page).toMatch(/first page/);
    expect(parsed.problems.subgroup).toBeUndefined();

    // A blank field counts as not given.
    expect(parseParticipantSearchParams({ q: " ", status: "" })).toEqual({
      filter: {},
      page: 1,
      values: {},
      problems: {},
    });
  });

  it("drops an agency that is not one of the choices, and offers agencies that recruit", async () => {
    const { agency } = await recruitingAgency();
    const draft = await db.agency.create({
      data: { organisation: `Organisation ${unique()}`, teamName: `Team ${unique()}`, stage: "DRAFT" },
    });
    const choices = await listParticipantAgencyChoices();
    expect(choices.map((choice) => choice.id)).toContain(agency.id);
    expect(choices.map((choice) => choice.id)).not.toContain(draft.id);

    const parsed = parseParticipantSearchParams({ agency: randomUUID(), status: "REFERRED" });
    expect(parsed.filter.agencyId).toBeDefined();
    checkAgencyChoice(parsed, choices);
    expect(parsed.filter).toEqual({ status: "REFERRED" });
    expect(parsed.problems.agency).toMatch(/not one of the list/);

    const good = parseParticipantSearchParams({ agency: agency.id });
    checkAgencyChoice(good, choices);
    expect(good.filter).toEqual({ agencyId: agency.id });
    expect(good.problems).toEqual({});
  });
});

describe("one participant for the research team", () => {
  it("has every field of the record with its agency and worker; an unknown or malformed id is null", async () => {
    const { agency, worker } = await recruitingAgency();
    const [, lost] = await addParticipants(agency, worker.id, [{}, { status: "LOST_TO_FOLLOW_UP" }]);
    const participant = await getResearcherParticipant(lost!.id);
    expect(participant).toMatchObject({
      studyId: formatStudyId(agency.code, 2),
      agency: { id: agency.id, code: agency.code, teamName: agency.teamName, stage: "RECRUITING" },
      worker: { id: worker.id, name: worker.name },
      status: "LOST_TO_FOLLOW_UP",
      isNewReferral: false,
      referralDate: "2026-01-05",
      screenedDate: "2026-01-10",
      consentDate: "2026-01-15",
      baselineDate: "2026-01-20",
      baselineMeasures: ["WEMWBS", "EQ_5D"],
      followUpDate: null,
      lostDate: "2026-11-30",
      lostReason: "No reply",
      withdrawnDate: null,
    });
    expect(await getResearcherParticipant(randomUUID())).toBeNull();
    expect(await getResearcherParticipant("not-a-uuid")).toBeNull();
  });
});
