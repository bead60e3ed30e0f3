// The recruitment forms' schemas: what they accept, and the message a person sees for each field
// that is wrong. The server parses with the same schemas, so these are also its first refusals.
import { describe, expect, it } from "vitest";
import { z } from "zod";
import {
  agencyTargetSchema,
  correctParticipantSchema,
  dateField,
  newParticipantSchema,
  PARTICIPANT_STEPS,
  participantStepSchema,
  STEP_DATE,
  STEP_STATUS,
  stepFor,
  TARGET_MAX,
} from "./schema";
import { STATUS_ORDER } from "./rules";

const ID = "0b6f7c1e-8a7d-4c1b-9f3e-2d5a6b7c8d9e";
const WORKER = "4f1c2d3e-5a6b-4c7d-8e9f-0a1b2c3d4e5f";
const VALID_NHS = "943 476 5919";

/** The messages per field, as a form shows them; {} when the input is accepted. */
function errors(schema: z.ZodType, input: unknown) {
  const result = schema.safeParse(input);
  if (result.success) return {};
  const { fieldErrors, formErrors } = z.flattenError(result.error);
  return formErrors.length > 0 ? { ...fieldErrors, form: formErrors } : fieldErrors;
}

describe("dateField", () => {
  const field = dateField("consent date");

  it("accepts a real calendar date, with spaces around it trimmed", () => {
    expect(field.parse("2026-03-05")).toBe("2026-03-05");
    expect(field.parse(" 2024-02-29 ")).toBe("2024-02-29");
  });

  it("asks for the date when it is missing or blank", () => {
    expect(field.safeParse(undefined).error?.issues[0]?.message).toBe("Enter the consent date.");
    expect(field.safeParse("").error?.issues[0]?.message).toBe("Enter the consent date.");
    expect(field.safeParse("   ").error?.issues[0]?.message).toBe("Enter the consent date.");
  });

  it("gives a blank date one message, not two", () => {
    expect(field.safeParse("").error?.issues.map((issue) => issue.message)).toEqual(["Enter the consent date."]);
  });

  it("refuses what is not a real date, with an example", () => {
    for (const bad of ["2026-02-30", "2025-02-29", "05/03/2026", "2026-3-5", "yesterday", "2026-13-01"]) {
      expect(field.safeParse(bad).error?.issues.map((issue) => issue.message)).toEqual([
        "Enter the consent date as a real date, for example 5 March 2026.",
      ]);
    }
  });
});

describe("newParticipantSchema", () => {
  const good = { referralDate: "2026-03-05", workerId: WORKER, subgroup: "ADULT_MENTAL_HEALTH", isNewReferral: "yes" };

  it("accepts a referral, turning the radio group's yes/no into true/false", () => {
    expect(newParticipantSchema.parse(good)).toEqual({ ...good, isNewReferral: true });
    expect(newParticipantSchema.parse({ ...good, isNewReferral: "no" }).isNewReferral).toBe(false);
    expect(newParticipantSchema.parse({ ...good, isNewReferral: false }).isNewReferral).toBe(false);
    expect(newParticipantSchema.parse({ ...good, isNewReferral: true }).isNewReferral).toBe(true);
  });

  it("accepts each subgroup", () => {
    for (const subgroup of ["ADULT_MENTAL_HEALTH", "OLDER_ADULT_MENTAL_HEALTH", "LEARNING_DISABILITY"]) {
      expect(newParticipantSchema.safeParse({ ...good, subgroup }).success).toBe(true);
    }
  });

  it("says what is missing, field by field", () => {
    expect(errors(newParticipantSchema, {})).toEqual({
      referralDate: ["Enter the referral date."],
      workerId: ["Choose the worker who works with this participant."],
      subgroup: ["Choose the participant's subgroup."],
      isNewReferral: ["Say whether the participant is newly referred to your team."],
    });
  });

  it("refuses a date that is not real, a worker that is not an id, an unknown subgroup and an answer other than yes or no", () => {
    expect(errors(newParticipantSchema, { ...good, referralDate: "2026-02-30" })).toEqual({
      referralDate: ["Enter the referral date as a real date, for example 5 March 2026."],
    });
    expect(errors(newParticipantSchema, { ...good, workerId: "Siân Jones" })).toEqual({
      workerId: ["Choose the worker who works with this participant."],
    });
    expect(errors(newParticipantSchema, { ...good, subgroup: "CHILDREN" })).toEqual({
      subgroup: ["Choose the participant's subgroup."],
    });
    for (const isNewReferral of ["maybe", "Yes", "true", 1, null]) {
      expect(errors(newParticipantSchema, { ...good, isNewReferral })).toEqual({
        isNewReferral: ["Say whether the participant is newly referred to your team."],
      });
    }
  });

  it("refuses input that is not a form at all", () => {
    expect(newParticipantSchema.safeParse("referral").success).toBe(false);
    expect(newParticipantSchema.safeParse(null).success).toBe(false);
  });
});

describe("participantStepSchema", () => {
  const base = { participantId: ID, date: "2026-03-05" };
  const goodSteps = {
    eligible: { ...base, step: "eligible" },
    "not-eligible": { ...base, step: "not-eligible", reason: "Not on the team's caseload" },
    consent: { ...base, step: "consent" },
    decline: { ...base, step: "decline", reason: "Too busy at the moment" },
    baseline: { ...base, step: "baseline", measures: ["WEMWBS"] },
    "follow-up": { ...base, step: "follow-up", measures: ["SCOPE", "EQ_5D"] },
    withdraw: { ...base, step: "withdraw", reason: "No longer wishes to take part", keepData: "yes" },
    lost: { ...base, step: "lost", reason: "Moved out of the area" },
  } as const;

  it("accepts every step with its fields", () => {
    for (const step of PARTICIPANT_STEPS) {
      const parsed = participantStepSchema.safeParse(goodSteps[step]);
      expect(parsed.success, step).toBe(true);
      expect(parsed.data?.step).toBe(step);
    }
  });

  it("asks for the step's own date, in the words of that step", () => {
    const words = {
      eligible: "screening date",
      "not-eligible": "screening date",
      consent: "consent date",
      decline: "date they declined",
      baseline: "baseline interview date",
      "follow-up": "follow-up interview date",
      withdraw: "withdrawal date",
      lost: "date they were lost to follow-up",
    } as const;
    for (const step of PARTICIPANT_STEPS) {
      const { date: _date, ...withoutDate } = goodSteps[step];
      expect(errors(participantStepSchema, withoutDate), step).toEqual({ date: [`Enter the ${words[step]}.`] });
      expect(errors(participantStepSchema, { ...goodSteps[step], date: "2026-02-31" }), step).toEqual({
        date: [`Enter the ${words[step]} as a real date, for example 5 March 2026.`],
      });
    }
  });

  it("refuses a participant id that is not one, saying to reload", () => {
    expect(errors(participantStepSchema, { ...goodSteps.consent, participantId: "CP-07-0012" })).toEqual({
      participantId: ["The participant in the form is not valid. Reload the page and try again."],
    });
  });

  it("refuses an unknown step, or no form at all", () => {
    expect(errors(participantStepSchema, { ...base, step: "referred" })).toEqual({
      step: ["Choose what to record for this participant. Reload the page and try again."],
    });
    expect(errors(participantStepSchema, undefined)).toEqual({
      form: ["Choose what to record for this participant. Reload the page and try again."],
    });
  });

  it("asks each reason in the words of its step", () => {
    const words = {
      "not-eligible": "why the participant is not eligible",
      decline: "why the participant declined",
      withdraw: "why the participant withdrew",
      lost: "why the participant was lost to follow-up",
    } as const;
    for (const step of ["not-eligible", "decline", "withdraw", "lost"] as const) {
      expect(errors(participantStepSchema, { ...goodSteps[step], reason: "  " }), step).toEqual({
        reason: [`Enter ${words[step]}.`],
      });
      const { reason: _reason, ...withoutReason } = goodSteps[step];
      expect(errors(participantStepSchema, withoutReason), step).toEqual({ reason: [`Enter ${words[step]}.`] });
    }
  });

  it("trims a reason and refuses one longer than 200 characters", () => {
    expect(participantStepSchema.parse({ ...goodSteps.lost, reason: "  Moved away  " })).toMatchObject({
      reason: "Moved away",
    });
    expect(errors(participantStepSchema, { ...goodSteps.lost, reason: "x".repeat(201) })).toEqual({
      reason: [
        "Shorten why the participant was lost to follow-up to 200 characters or fewer (it has 201). A few words are enough.",
      ],
    });
    expect(participantStepSchema.safeParse({ ...goodSteps.lost, reason: "x".repeat(200) }).success).toBe(true);
  });

  it("refuses a reason holding an email address or a valid NHS number, without repeating it", () => {
    const email = errors(participantStepSchema, { ...goodSteps.decline, reason: "Contact via sam.jones@example.org" });
    expect(email).toEqual({
      reason: ["Remove the email address. Participants' records must not hold anyone's contact details."],
    });
    const nhs = errors(participantStepSchema, { ...goodSteps.withdraw, reason: `Duplicate of ${VALID_NHS}` });
    expect(nhs).toEqual({ reason: ["Remove the NHS number. Participants are known by their study ID only."] });
    expect(JSON.stringify(nhs)).not.toContain("5919");
  });

  it("accepts a reason that only looks like it holds a name: the form warns, the schema does not refuse", () => {
    expect(participantStepSchema.safeParse({ ...goodSteps.lost, reason: "Moved in with Siân Jones" }).success).toBe(
      true,
    );
  });

  it("keeps the measures in the interview schedule's order, each once", () => {
    const parsed = participantStepSchema.parse({
      ...goodSteps.baseline,
      measures: ["EQ_5D", "WEMWBS", "EQ_5D", "RESOURCE_GENERATOR_UK", "SCOPE", "WEMWBS"],
    });
    expect(parsed).toMatchObject({ measures: ["RESOURCE_GENERATOR_UK", "WEMWBS", "SCOPE", "EQ_5D"] });
    expect(participantStepSchema.parse({ ...goodSteps["follow-up"], measures: ["EQ_5D", "SCOPE"] })).toMatchObject({
      measures: ["SCOPE", "EQ_5D"],
    });
  });

  it("asks for at least one measure, and only measures from the list", () => {
    for (const step of ["baseline", "follow-up"] as const) {
      expect(errors(participantStepSchema, { ...goodSteps[step], measures: [] }), step).toEqual({
        measures: ["Tick the measures completed at the interview (at least one)."],
      });
      const { measures: _measures, ...withoutMeasures } = goodSteps[step];
      expect(errors(participantStepSchema, withoutMeasures), step).toEqual({
        measures: ["Tick the measures completed at the interview."],
      });
      expect(errors(participantStepSchema, { ...goodSteps[step], measures: ["WEMWBS", "GAD-7"] }), step).toEqual({
        measures: ["Choose the measures from the list."],
      });
    }
  });

  it("turns the withdrawal's yes/no into whether the data may be kept, and asks when it is missing", () => {
    expect(participantStepSchema.parse(goodSteps.withdraw)).toMatchObject({ keepData: true });
    expect(participantStepSchema.parse({ ...goodSteps.withdraw, keepData: "no" })).toMatchObject({ keepData: false });
    expect(participantStepSchema.parse({ ...goodSteps.withdraw, keepData: false })).toMatchObject({ keepData: false });
    const { keepData: _keepData, ...withoutKeepData } = goodSteps.withdraw;
    expect(errors(participantStepSchema, withoutKeepData)).toEqual({
      keepData: ["Say whether the data collected so far may be kept."],
    });
    expect(errors(participantStepSchema, { ...goodSteps.withdraw, keepData: "perhaps" })).toEqual({
      keepData: ["Say whether the data collected so far may be kept."],
    });
  });

  it("drops fields that do not belong to the step", () => {
    const parsed = participantStepSchema.parse({ ...goodSteps.consent, reason: "x", measures: ["WEMWBS"] });
    expect(parsed).toEqual({ participantId: ID, step: "consent", date: "2026-03-05" });
  });
});

describe("the steps' statuses and dates", () => {
  it("gives each step a status and a date rule, and each status after referral its step", () => {
    expect(STEP_STATUS).toEqual({
      eligible: "ELIGIBLE",
      "not-eligible": "NOT_ELIGIBLE",
      consent: "CONSENTED",
      decline: "DECLINED",
      baseline: "BASELINE_DONE",
      "follow-up": "FOLLOW_UP_DONE",
      withdraw: "WITHDRAWN",
      lost: "LOST_TO_FOLLOW_UP",
    });
    expect(STEP_DATE.eligible).toBe("screening");
    expect(STEP_DATE["not-eligible"]).toBe("screening");
    expect(STEP_DATE["follow-up"]).toBe("followUp");
    for (const status of STATUS_ORDER) {
      const step = stepFor(status);
      if (status === "REFERRED") expect(step).toBeNull();
      else expect(STEP_STATUS[step!]).toBe(status);
    }
  });
});

describe("correctParticipantSchema", () => {
  it("accepts a participant and a reason", () => {
    expect(correctParticipantSchema.parse({ participantId: ID, reason: " Consent date entered by mistake " })).toEqual({
      participantId: ID,
      reason: "Consent date entered by mistake",
    });
  });

  it("asks for the reason, refuses identifiers in it and a participant that is not an id", () => {
    expect(errors(correctParticipantSchema, { participantId: "x", reason: "" })).toEqual({
      participantId: ["The participant in the form is not valid. Reload the page and try again."],
      reason: ["Enter why the step is being undone."],
    });
    expect(errors(correctParticipantSchema, { participantId: ID, reason: `Wrong person: ${VALID_NHS}` })).toEqual({
      reason: ["Remove the NHS number. Participants are known by their study ID only."],
    });
  });
});

describe("agencyTargetSchema", () => {
  const agencyId = ID;
  const whole = "Enter the target as a whole number, or leave it blank to share out the study target.";

  it("takes a blank target as a share of the study target (null)", () => {
    expect(agencyTargetSchema.parse({ agencyId, target: "" })).toEqual({ agencyId, target: null });
    expect(agencyTargetSchema.parse({ agencyId, target: "   " })).toEqual({ agencyId, target: null });
    expect(agencyTargetSchema.parse({ agencyId, target: null })).toEqual({ agencyId, target: null });
  });

  it("takes a whole number typed or sent, from 0 to the maximum", () => {
    expect(agencyTargetSchema.parse({ agencyId, target: " 24 " })).toEqual({ agencyId, target: 24 });
    expect(agencyTargetSchema.parse({ agencyId, target: "0" })).toEqual({ agencyId, target: 0 });
    expect(agencyTargetSchema.parse({ agencyId, target: 30 })).toEqual({ agencyId, target: 30 });
    expect(agencyTargetSchema.parse({ agencyId, target: String(TARGET_MAX) })).toEqual({
      agencyId,
      target: TARGET_MAX,
    });
  });

  it("refuses what is not a whole number in range, saying why", () => {
    for (const target of ["abc", "2.5", 2.5, "twelve", undefined]) {
      expect(errors(agencyTargetSchema, { agencyId, target }), String(target)).toEqual({ target: [whole] });
    }
    expect(errors(agencyTargetSchema, { agencyId, target: "-1" })).toEqual({
      target: ["The target cannot be below 0."],
    });
    expect(errors(agencyTargetSchema, { agencyId, target: String(TARGET_MAX + 1) })).toEqual({
      target: [`The target cannot be above ${TARGET_MAX}.`],
    });
  });

  it("refuses an agency that is not an id", () => {
    expect(errors(agencyTargetSchema, { agencyId: "7", target: "" })).toEqual({
      agencyId: ["The agency in the form is not valid. Reload the page and try again."],
    });
  });
});
