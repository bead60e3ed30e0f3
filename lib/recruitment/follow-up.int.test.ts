// The follow-up list against a real database: a fixed set of participants with baselines at known
// dates and a fixed "today" land in the right list (overdue, due now or soon, done) with the right
// due date, window and days, the same as followUpState says; due dates at the end of a month are
// clamped as followUpDue clamps them; the agency filter narrows the lists; withdrawn, lost and
// not-yet-at-baseline participants are never listed. loadFollowUpList counts every participant in
// the database, so this file runs in a database of its own.
import { randomUUID } from "node:crypto";
import { beforeEach, describe, expect, it } from "vitest";
import type { ParticipantStatus } from "@/lib/generated/prisma/enums";
import { ownDatabase } from "@/test/own-database";
import { loadFollowUpAgencyFilter, loadFollowUpList, type FollowUpRow } from "./follow-up";
import { addDays, followUpDue, followUpSchedule, followUpState, formatStudyId, type FollowUpSettings } from "./rules";

const { client } = ownDatabase("cp_follow_up_list");

const unique = () => randomUUID().slice(0, 8);
// 15 June 2031, 13:00 in the UK: "today" is 2031-06-15.
const NOW = new Date("2031-06-15T12:00:00Z");
const TODAY = "2031-06-15";
const day = (date: string) => new Date(`${date}T00:00:00Z`);

async function saveSettings(settings: FollowUpSettings) {
  await client.study.upsert({
    where: { id: 1 },
    create: {
      id: 1,
      name: "Connecting People pilot",
      questionnaireDeadline: new Date("2030-03-16T17:00:00Z"),
      ...settings,
    },
    update: settings,
  });
}

async function createAgency(stage: "RECRUITING" | "FOLLOW_UP" | "WITHDRAWN" = "RECRUITING") {
  return client.agency.create({
    data: { organisation: `Organisation ${unique()}`, teamName: `Team ${unique()}`, stage },
  });
}

type Agency = Awaited<ReturnType<typeof createAgency>>;

/**
 * A participant whose record holds what its status needs (the CHECKs of the participant record):
 * referred, screened and consented two weeks before the baseline (or before `consent`).
 */
async function createParticipant(
  agency: Agency,
  sequence: number,
  status: ParticipantStatus,
  dates: { baseline?: string; consent?: string; followUp?: string; withdrawn?: string; lost?: string } = {},
) {
  const consent = dates.consent ?? (dates.baseline ? addDays(dates.baseline, -14) : "2030-01-01");
  const reachedConsent = ["CONSENTED", "BASELINE_DONE", "FOLLOW_UP_DONE", "WITHDRAWN", "LOST_TO_FOLLOW_UP"].includes(
    status,
  );
  return client.participant.create({
    data: {
      studyId: formatStudyId(agency.code, sequence),
      agencyId: agency.id,
      sequence,
      subgroup: "ADULT_MENTAL_HEALTH",
      isNewReferral: true,
      status,
      referralDate: day(consent),
      screenedDate: status === "REFERRED" ? null : day(consent),
      consentDate: reachedConsent ? day(consent) : null,
      baselineDate: dates.baseline ? day(dates.baseline) : null,
      baselineMeasures: dates.baseline ? ["WEMWBS", "EQ_5D"] : [],
      followUpDate: dates.followUp ? day(dates.followUp) : null,
      followUpMeasures: dates.followUp ? ["WEMWBS"] : [],
      withdrawnDate: dates.withdrawn ? day(dates.withdrawn) : null,
      withdrawalReason: dates.withdrawn ? "Moved away" : null,
      keepDataOnWithdrawal: dates.withdrawn ? true : null,
      lostDate: dates.lost ? day(dates.lost) : null,
      lostReason: dates.lost ? "No reply to three letters" : null,
    },
  });
}

const studyIds = (rows: FollowUpRow[]) => rows.map((row) => row.studyId);

describe("the follow-up list", () => {
  beforeEach(() => saveSettings({ followUpMonths: 9, followUpWindowDays: 28 }));

  it("puts each participant in the right list with its due date, window and days", async () => {
    const agency = await createAgency();
    await client.user.create({
      data: {
        email: `supervisor.${unique()}@example.org`,
        name: "Supervisor",
        role: "AGENCY_STAFF",
        agencyId: agency.id,
        agencyRole: "SUPERVISOR",
      },
    });
    const other = await createAgency("FOLLOW_UP"); // no supervisor or lead
    const at = (sequence: number) => formatStudyId(agency.code, sequence);

    // Baseline done, from long overdue to not yet due (9 months, window 28 days either side).
    const fixtures = [
      // Due 1 March 2031, window closed 29 March: 78 days ago.
      await createParticipant(agency, 1, "BASELINE_DONE", { baseline: "2030-06-01" }),
      // Due 17 May, window closed yesterday.
      await createParticipant(agency, 2, "BASELINE_DONE", { baseline: "2030-08-17" }),
      // Due 18 May, window closes today.
      await createParticipant(agency, 3, "BASELINE_DONE", { baseline: "2030-08-18" }),
      // Due today.
      await createParticipant(agency, 4, "BASELINE_DONE", { baseline: "2030-09-15" }),
      // Due 13 July, window opens today.
      await createParticipant(agency, 5, "BASELINE_DONE", { baseline: "2030-10-13" }),
      // Window opens in 28 days (13 July): due soon.
      await createParticipant(agency, 6, "BASELINE_DONE", { baseline: "2030-11-10" }),
      // Window opens in 29 days: not yet, not listed.
      await createParticipant(agency, 7, "BASELINE_DONE", { baseline: "2030-11-11" }),
      // Followed up inside the window (1 February to 29 March 2031).
      await createParticipant(agency, 8, "FOLLOW_UP_DONE", { baseline: "2030-06-01", followUp: "2031-03-10" }),
      // Followed up 10 days after the window closed (7 November 2030).
      await createParticipant(agency, 9, "FOLLOW_UP_DONE", { baseline: "2030-01-10", followUp: "2030-11-17" }),
      // Followed up 2 days before the window opened (22 November 2030).
      await createParticipant(agency, 10, "FOLLOW_UP_DONE", { baseline: "2030-03-20", followUp: "2030-11-20" }),
      // Never listed: withdrawn or lost after baseline (their windows long closed), not yet at baseline.
      await createParticipant(agency, 11, "WITHDRAWN", { baseline: "2030-06-01", withdrawn: "2031-01-05" }),
      await createParticipant(agency, 12, "LOST_TO_FOLLOW_UP", { baseline: "2030-06-01", lost: "2031-05-01" }),
      await createParticipant(agency, 13, "CONSENTED", { consent: "2030-06-01" }),
      await createParticipant(agency, 14, "ELIGIBLE", { consent: "2030-06-01" }),
      await createParticipant(agency, 15, "REFERRED", { consent: "2030-06-01" }),
    ];
    const elsewhere = await createParticipant(other, 1, "BASELINE_DONE", { baseline: "2030-07-01" });
    // The supervisors were emailed about number 3.
    const notifiedAt = new Date("2031-04-20T08:15:00Z");
    await client.participant.update({ where: { id: fixtures[2]!.id }, data: { followUpDueNotifiedAt: notifiedAt } });

    const list = await loadFollowUpList({ agencyId: agency.id, now: NOW, client });
    expect(list.today).toBe(TODAY);
    expect(list.settings).toEqual({ followUpMonths: 9, followUpWindowDays: 28 });
    expect(studyIds(list.overdue)).toEqual([at(1), at(2)]);
    expect(studyIds(list.due)).toEqual([at(3), at(4), at(5), at(6)]);
    expect(studyIds(list.done)).toEqual([at(8), at(10), at(9)]); // the most recent interview first
    expect(list.counts).toEqual({ overdue: 2, due: 4, done: 3, doneInWindow: 1, notYet: 1 });

    const byId = new Map([...list.overdue, ...list.due, ...list.done].map((row) => [row.studyId, row]));
    expect(byId.get(at(1))).toMatchObject({
      teamName: agency.teamName,
      agencyId: agency.id,
      agencyStage: "RECRUITING",
      subgroup: "ADULT_MENTAL_HEALTH",
      baselineDate: "2030-06-01",
      due: "2031-03-01",
      opens: "2031-02-01",
      closes: "2031-03-29",
      daysSinceClosed: 78,
      notifiedAt: null,
      hasRecipients: true,
    });
    expect(byId.get(at(2))).toMatchObject({ due: "2031-05-17", closes: "2031-06-14", daysSinceClosed: 1 });
    expect(byId.get(at(3))).toMatchObject({ due: "2031-05-18", closes: TODAY, daysUntilDue: -28, notifiedAt });
    expect(byId.get(at(4))).toMatchObject({ due: TODAY, opens: "2031-05-18", daysUntilDue: 0, daysUntilOpens: -28 });
    expect(byId.get(at(5))).toMatchObject({ due: "2031-07-13", opens: TODAY, daysUntilOpens: 0, daysUntilDue: 28 });
    expect(byId.get(at(6))).toMatchObject({ due: "2031-08-10", opens: "2031-07-13", daysUntilOpens: 28 });
    expect(byId.get(at(8))).toMatchObject({ followUpDate: "2031-03-10", daysEarly: 0, daysLate: 0 });
    expect(byId.get(at(9))).toMatchObject({ followUpDate: "2030-11-17", closes: "2030-11-07", daysLate: 10 });
    expect(byId.get(at(10))).toMatchObject({ followUpDate: "2030-11-20", opens: "2030-11-22", daysEarly: 2 });

    // Every participant is where followUpState puts it, with the schedule followUpSchedule gives.
    const settings = list.settings;
    for (const participant of fixtures) {
      const baselineDate = participant.baselineDate?.toISOString().slice(0, 10) ?? null;
      const state = followUpState({ status: participant.status, baselineDate }, TODAY, settings);
      const where = list.overdue.some((row) => row.id === participant.id)
        ? "overdue"
        : list.due.some((row) => row.id === participant.id)
          ? "due"
          : list.done.some((row) => row.id === participant.id)
            ? "done"
            : "none";
      const expected = { overdue: "overdue", due: "due", "due-soon": "due", done: "done" } as Record<string, string>;
      expect([participant.studyId, where]).toEqual([participant.studyId, expected[state] ?? "none"]);
      const row = byId.get(participant.studyId);
      if (row) expect(row).toMatchObject(followUpSchedule(baselineDate!, settings));
    }

    // The other agency's participant: overdue, with no one to email; not in this agency's lists.
    expect(studyIds([...list.overdue, ...list.due, ...list.done])).not.toContain(elsewhere.studyId);
    const theirs = await loadFollowUpList({ agencyId: other.id, now: NOW, client });
    expect(studyIds(theirs.overdue)).toEqual([elsewhere.studyId]);
    expect(theirs.overdue[0]).toMatchObject({
      teamName: other.teamName,
      agencyStage: "FOLLOW_UP",
      hasRecipients: false,
    });
    expect(theirs.counts).toEqual({ overdue: 1, due: 0, done: 0, doneInWindow: 0, notYet: 0 });

    // Every agency together (this database holds only these two).
    const all = await loadFollowUpList({ now: NOW, client });
    expect(studyIds(all.overdue)).toEqual([at(1), elsewhere.studyId, at(2)]);
    expect(all.counts).toEqual({ overdue: 3, due: 4, done: 3, doneInWindow: 1, notYet: 1 });

    // Other settings move every date: 12 months, 14 days either side.
    await saveSettings({ followUpMonths: 12, followUpWindowDays: 14 });
    const longer = await loadFollowUpList({ agencyId: agency.id, now: NOW, client });
    expect(studyIds(longer.overdue)).toEqual([]);
    expect(studyIds(longer.due)).toEqual([at(1)]);
    expect(longer.due[0]).toMatchObject({ due: "2031-06-01", opens: "2031-05-18", closes: TODAY });
    expect(byIdOf(longer.done).get(at(9))).toMatchObject({ due: "2031-01-10", opens: "2030-12-27", daysEarly: 40 });
    expect(longer.counts).toMatchObject({ overdue: 0, due: 1, notYet: 6, doneInWindow: 0 });
  });

  it("clamps due dates at the end of a month as followUpDue does", async () => {
    const agency = await createAgency();
    const baselines = [
      "2026-08-31", // + 6 months: 28 February 2027
      "2027-08-31", // + 6 months: 29 February 2028 (leap year)
      "2026-03-31", // + 6 months: 30 September
      "2026-05-31", // + 9 months: 28 February 2027
      "2027-05-31", // + 9 months: 29 February 2028
      "2026-12-31",
      "2027-02-28",
      "2028-02-29",
      "2026-01-30",
    ];
    const participants = [];
    for (const [index, baseline] of baselines.entries()) {
      participants.push(await createParticipant(agency, index + 1, "BASELINE_DONE", { baseline }));
    }
    // Far enough on that every window has closed: all overdue.
    const later = new Date("2040-01-01T12:00:00Z");
    for (const followUpMonths of [6, 9, 1, 12, 18]) {
      await saveSettings({ followUpMonths, followUpWindowDays: 7 });
      const list = await loadFollowUpList({ agencyId: agency.id, now: later, client });
      const dueOf = new Map(list.overdue.map((row) => [row.studyId, row.due]));
      for (const [index, baseline] of baselines.entries()) {
        expect([followUpMonths, baseline, dueOf.get(participants[index]!.studyId)]).toEqual([
          followUpMonths,
          baseline,
          followUpDue(baseline, followUpMonths),
        ]);
      }
    }
    await saveSettings({ followUpMonths: 6, followUpWindowDays: 7 });
    const sixMonths = byIdOf((await loadFollowUpList({ agencyId: agency.id, now: later, client })).overdue);
    expect(sixMonths.get(participants[0]!.studyId)?.due).toBe("2027-02-28");
    expect(sixMonths.get(participants[1]!.studyId)?.due).toBe("2028-02-29");
  });
});

describe("the agency filter", () => {
  it("names the agency asked for, and explains an agency that cannot be found", async () => {
    const agency = await createAgency();
    const withdrawn = await createAgency("WITHDRAWN");
    const draft = await client.agency.create({
      data: { organisation: `Organisation ${unique()}`, teamName: `Draft ${unique()}`, stage: "DRAFT" },
    });

    const none = await loadFollowUpAgencyFilter(undefined, client);
    expect(none).toMatchObject({ agency: null, problem: null });
    const choiceIds = none.choices.map((choice) => choice.id);
    expect(choiceIds).toContain(agency.id);
    expect(choiceIds).toContain(withdrawn.id);
    expect(choiceIds).not.toContain(draft.id);

    expect(await loadFollowUpAgencyFilter(agency.id, client)).toMatchObject({
      agency: { id: agency.id, teamName: agency.teamName },
      problem: null,
    });
    // A known agency at a stage without participants is still the one shown, and offered.
    const asked = await loadFollowUpAgencyFilter([draft.id, agency.id], client);
    expect(asked.agency).toEqual({ id: draft.id, teamName: draft.teamName });
    expect(asked.choices[0]).toEqual({ id: draft.id, teamName: draft.teamName });

    for (const unknown of [randomUUID(), "not-an-id", "1; DROP TABLE"]) {
      const result = await loadFollowUpAgencyFilter(unknown, client);
      expect(result.agency).toBeNull();
      expect(result.problem).toMatch(/could not be found, so the participants of every agency are shown/);
    }
    // An empty value is no filter at all.
    expect(await loadFollowUpAgencyFilter("", client)).toMatchObject({ agency: null, problem: null });
  });
});

function byIdOf(rows: FollowUpRow[]) {
  return new Map(rows.map((row) => [row.studyId, row]));
}
