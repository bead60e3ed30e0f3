// The research team's correction against a real database: each status taken back one step to the
// right status with that step's dates, reasons and measures cleared (and everything before kept, so
// the row still passes the CHECK constraints); a withdrawal going back to where it was made from; a
// participant only referred refused; agency staff answered "not found"; an email address in the
// reason refused with nothing written; the audit entry with the reason; and a record changed since
// the page was opened refused. Each test makes its own agency and participants.
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { createResearcherUser, createStaff } from "@/lib/accounts/test-helpers";
import { db } from "@/lib/db";
import type { ParticipantStatus, Prisma } from "@/lib/generated/prisma/client";
import { correctParticipant, undoPlan } from "./corrections";
import { addParticipants, recruitingAgency } from "./test-fixtures";

const NOW = new Date("2026-12-01T12:00:00Z");
const REASON = "Entered against the wrong participant";

async function one(status: ParticipantStatus, extra: Partial<Prisma.ParticipantUncheckedCreateInput> = {}) {
  const { agency, worker } = await recruitingAgency();
  const [participant] = await addParticipants(agency, worker.id, [{ status }]);
  if (Object.keys(extra).length > 0) {
    return {
      agency,
      worker,
      participant: await db.participant.update({ where: { id: participant!.id }, data: extra }),
    };
  }
  return { agency, worker, participant: participant! };
}

const auditOf = (participantId: string) =>
  db.auditEvent.findMany({ where: { entity: "Participant", entityId: participantId }, orderBy: { at: "asc" } });

const ALL_CLEARABLE = [
  "screenedDate",
  "ineligibleReason",
  "consentDate",
  "declinedDate",
  "declineReason",
  "baselineDate",
  "followUpDate",
  "withdrawnDate",
  "withdrawalReason",
  "keepDataOnWithdrawal",
  "lostDate",
  "lostReason",
] as const;

const CASES: { from: ParticipantStatus; to: ParticipantStatus; cleared: string[]; undone: string }[] = [
  { from: "ELIGIBLE", to: "REFERRED", cleared: ["screenedDate"], undone: "Screened: eligible” (10 January 2026)" },
  {
    from: "NOT_ELIGIBLE",
    to: "REFERRED",
    cleared: ["screenedDate", "ineligibleReason"],
    undone: "Screened: not eligible” (10 January 2026)",
  },
  { from: "CONSENTED", to: "ELIGIBLE", cleared: ["consentDate"], undone: "Consented” (15 January 2026)" },
  {
    from: "DECLINED",
    to: "ELIGIBLE",
    cleared: ["declinedDate", "declineReason"],
    undone: "Declined” (16 January 2026)",
  },
  {
    from: "BASELINE_DONE",
    to: "CONSENTED",
    cleared: ["baselineDate", "baselineMeasures", "followUpDueNotifiedAt"],
    undone: "Baseline interview done” (20 January 2026)",
  },
  {
    from: "FOLLOW_UP_DONE",
    to: "BASELINE_DONE",
    cleared: ["followUpDate", "followUpMeasures"],
    undone: "Follow-up interview done” (20 October 2026)",
  },
  {
    from: "WITHDRAWN",
    to: "CONSENTED",
    cleared: ["withdrawnDate", "withdrawalReason", "keepDataOnWithdrawal"],
    undone: "Withdrawn” (1 February 2026)",
  },
  {
    from: "LOST_TO_FOLLOW_UP",
    to: "BASELINE_DONE",
    cleared: ["lostDate", "lostReason"],
    undone: "Lost to follow-up” (30 November 2026)",
  },
];

describe("undoing the last step of a participant's record", () => {
  it.each(CASES)(
    "takes $from back to $to, clearing that step and keeping the rest",
    async ({ from, to, cleared, undone }) => {
      const notified = from === "BASELINE_DONE" ? { followUpDueNotifiedAt: new Date("2026-10-01T08:00:00Z") } : {};
      const { participant } = await one(from, notified);
      const researcher = await createResearcherUser();

      const result = await correctParticipant(researcher, { participantId: participant.id, reason: REASON }, NOW);
      expect(result).toMatchObject({ ok: true, participantId: participant.id, studyId: participant.studyId });
      if (!result.ok) return;
      expect(result.message).toContain(`Undid “${undone}`);
      expect(result.message).toContain(participant.studyId);

      const after = await db.participant.findUniqueOrThrow({ where: { id: participant.id } });
      expect(after.status).toBe(to);
      for (const field of cleared) {
        const value = after[field as keyof typeof after];
        if (Array.isArray(value)) expect(value, field).toEqual([]);
        else expect(value, field).toBeNull();
      }
      // What was recorded before the step undone is still there.
      for (const field of [...ALL_CLEARABLE, "baselineMeasures", "followUpMeasures"] as const) {
        if (cleared.includes(field)) continue;
        expect(after[field], field).toEqual(participant[field]);
      }
      expect(after.referralDate).toEqual(participant.referralDate);
    },
  );

  it("takes a withdrawal back to the status it was made from, told by the latest date", async () => {
    const researcher = await createResearcherUser();
    const fromBaseline = await one("WITHDRAWN", {
      baselineDate: new Date("2026-01-20T00:00:00Z"),
      baselineMeasures: ["SCOPE"],
    });
    const fromEligible = await one("WITHDRAWN", { consentDate: null });
    for (const [{ participant }, to] of [
      [fromBaseline, "BASELINE_DONE"],
      [fromEligible, "ELIGIBLE"],
    ] as const) {
      const result = await correctParticipant(researcher, { participantId: participant.id, reason: REASON }, NOW);
      expect(result.ok).toBe(true);
      const after = await db.participant.findUniqueOrThrow({ where: { id: participant.id } });
      expect(after).toMatchObject({
        status: to,
        withdrawnDate: null,
        withdrawalReason: null,
        keepDataOnWithdrawal: null,
      });
    }
    const kept = await db.participant.findUniqueOrThrow({ where: { id: fromBaseline.participant.id } });
    expect(kept.baselineMeasures).toEqual(["SCOPE"]);
  });

  it("takes two steps back when undone twice, each with its own audit entry", async () => {
    const { participant } = await one("BASELINE_DONE");
    const researcher = await createResearcherUser();
    await correctParticipant(researcher, { participantId: participant.id, reason: "Wrong baseline date" }, NOW);
    await correctParticipant(researcher, { participantId: participant.id, reason: "Consent form not signed" }, NOW);
    const after = await db.participant.findUniqueOrThrow({ where: { id: participant.id } });
    expect(after).toMatchObject({ status: "ELIGIBLE", consentDate: null, baselineDate: null });
    const entries = await auditOf(participant.id);
    expect(entries.map((entry) => (entry.after as { reason?: string }).reason)).toEqual([
      "Wrong baseline date",
      "Consent form not signed",
    ]);
  });

  it("writes the audit entry with what was there before, what is there now and the reason", async () => {
    const { participant } = await one("DECLINED");
    const researcher = await createResearcherUser();
    await correctParticipant(researcher, { participantId: participant.id, reason: `  ${REASON}  ` }, NOW);
    const [entry, ...more] = await auditOf(participant.id);
    expect(more).toHaveLength(0);
    expect(entry).toMatchObject({
      actorId: researcher.id,
      action: "participant.step_undone",
      entity: "Participant",
      entityId: participant.id,
      before: { status: "DECLINED", declinedDate: "2026-01-16", declineReason: "Too busy" },
      after: { status: "ELIGIBLE", declinedDate: null, declineReason: null, reason: REASON },
    });
  });

  it("refuses a participant only referred: there is nothing to undo", async () => {
    const { participant } = await one("REFERRED");
    const researcher = await createResearcherUser();
    const result = await correctParticipant(researcher, { participantId: participant.id, reason: REASON }, NOW);
    expect(result).toEqual({
      ok: false,
      formError: `${participant.studyId} is only referred: nothing has been recorded after the referral, so there is nothing to undo.`,
    });
    expect(await auditOf(participant.id)).toHaveLength(0);
    expect(
      undoPlan({
        ...participant,
        status: "REFERRED",
        screenedDate: null,
        consentDate: null,
        declinedDate: null,
        baselineDate: null,
        followUpDate: null,
        withdrawnDate: null,
        lostDate: null,
      }),
    ).toBeNull();
  });

  it("answers agency staff, even of the participant's own agency, as if the participant did not exist", async () => {
    const { agency, participant } = await one("CONSENTED");
    const supervisor = await createStaff(agency.id, "SUPERVISOR");
    const result = await correctParticipant(supervisor, { participantId: participant.id, reason: REASON }, NOW);
    expect(result).toMatchObject({ ok: false, formError: expect.stringMatching(/could not be found/) });
    const after = await db.participant.findUniqueOrThrow({ where: { id: participant.id } });
    expect(after.status).toBe("CONSENTED");
    expect(await auditOf(participant.id)).toHaveLength(0);

    // A researcher asking for an id nobody has gets the same answer.
    const researcher = await createResearcherUser();
    const unknown = await correctParticipant(researcher, { participantId: randomUUID(), reason: REASON }, NOW);
    expect(unknown).toEqual(result);
  });

  it("refuses a reason holding an email address, or none, and writes nothing", async () => {
    const { participant } = await one("CONSENTED");
    const researcher = await createResearcherUser();
    const withEmail = await correctParticipant(
      researcher,
      { participantId: participant.id, reason: "Wrong one, see jo.bloggs@example.org" },
      NOW,
    );
    expect(withEmail).toMatchObject({ ok: false, fieldErrors: { reason: [expect.stringMatching(/email address/)] } });
    // The refusal never repeats the address back.
    expect(JSON.stringify(withEmail)).not.toContain("jo.bloggs");
    const empty = await correctParticipant(researcher, { participantId: participant.id, reason: "   " }, NOW);
    expect(empty).toMatchObject({ ok: false, fieldErrors: { reason: ["Enter why the step is being undone."] } });
    const junk = await correctParticipant(researcher, "junk", NOW);
    expect(junk.ok).toBe(false);

    const after = await db.participant.findUniqueOrThrow({ where: { id: participant.id } });
    expect(after.status).toBe("CONSENTED");
    expect(after.consentDate).toEqual(participant.consentDate);
    expect(await auditOf(participant.id)).toHaveLength(0);
  });

  it("refuses when the record has moved on since the page was opened", async () => {
    const { participant } = await one("BASELINE_DONE");
    const researcher = await createResearcherUser();
    const result = await correctParticipant(
      researcher,
      { participantId: participant.id, reason: REASON, expectedStatus: "CONSENTED" },
      NOW,
    );
    expect(result).toMatchObject({
      ok: false,
      formError: expect.stringMatching(/changed since.*Baseline interview done/),
    });
    expect((await db.participant.findUniqueOrThrow({ where: { id: participant.id } })).status).toBe("BASELINE_DONE");
  });

  it("says what will be undone before it is", () => {
    const base = {
      screenedDate: "2026-03-01",
      consentDate: "2026-03-02",
      declinedDate: null,
      baselineDate: "2026-03-05",
      baselineMeasures: ["WEMWBS" as const],
      followUpDate: null,
      withdrawnDate: null,
      lostDate: null,
    };
    expect(undoPlan({ ...base, status: "BASELINE_DONE" })?.sentence).toBe(
      "This will undo “Baseline interview done” (5 March 2026) and return the participant to “Consented”.",
    );
    expect(undoPlan({ ...base, baselineDate: null, withdrawnDate: "2026-03-09", status: "WITHDRAWN" })).toMatchObject({
      to: "CONSENTED",
      sentence: "This will undo “Withdrawn” (9 March 2026) and return the participant to “Consented”.",
    });
  });
});
