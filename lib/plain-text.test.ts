import { describe, expect, it } from "vitest";
import { z } from "zod";
import { changeNameSchema } from "@/lib/auth/schema";
import { registerAgencySchema } from "@/lib/accounts/schema";
import { reopenQuestionnaireSchema } from "@/lib/eoi/researcher-schema";
import { teamSchema } from "@/lib/eoi/schema";
import { cancelSessionSchema, sessionSchema } from "@/lib/training/schema";
import { firstNonPlainText, isPlainText, plainText } from "./plain-text";

// Found by lib/auth/actions-fuzz.int.test.ts: a NUL in any text field reached PostgreSQL, which
// refuses it, and the action answered with a 500.
describe("plain text", () => {
  it("is what a person types: tabs, line breaks, accents, right-to-left text and emoji included", () => {
    for (const text of ["Leeds", "two lines\r\nand a\ttab", "Siân", "مرحبا", "👩‍👩‍👧 e\u0301", "\u202Eevil\u202C"]) {
      expect(isPlainText(text)).toBe(true);
    }
  });

  it("is not NUL, the other control characters, or half of a surrogate pair", () => {
    for (const text of ["a\u0000b", "\u0007", "\u001B[31m", "\u007F", "\uD800", "x\uDC00y", "\uDBFF"]) {
      expect(isPlainText(text)).toBe(false);
    }
  });

  it("finds the first such string anywhere in an input, keys included", () => {
    expect(firstNonPlainText({ venue: "Hall", marks: [{ status: "ATTENDED" }, { status: "a\u0000" }] })).toEqual([
      "marks",
      1,
      "status",
    ]);
    expect(firstNonPlainText({ ["a\u0000"]: 1 })).toEqual(["a\u0000"]);
    expect(firstNonPlainText({ venue: "Hall", capacity: 3, notes: null })).toBeNull();
    const cyclic: Record<string, unknown> = { name: "x" };
    cyclic.self = cyclic;
    expect(firstNonPlainText(cyclic)).toBeNull();
  });

  it("is asked for, with a message naming the field, by every form's text fields", () => {
    const message = (schema: z.ZodType, input: unknown) =>
      schema.safeParse(input).error?.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`);
    expect(plainText(z.string(), "the name").safeParse("a\u0000").error?.issues[0]?.message).toBe(
      "Remove the hidden control characters from the name (they can come from pasting): type it again as plain text.",
    );
    expect(message(changeNameSchema, { name: "Ann\u0000" })).toEqual([
      "name: Remove the hidden control characters from your name (they can come from pasting): type it again as plain text.",
    ]);
    expect(
      message(registerAgencySchema, {
        organisation: "Trust\u0000",
        teamName: "Team",
        name: "Ann",
        email: "ann@example.org",
        password: "river-lantern-oak-71",
        confirmPassword: "river-lantern-oak-71",
      }),
    ).toEqual([
      expect.stringMatching(/^organisation: Remove the hidden control characters from the name of your organisation/),
    ]);
    expect(message(teamSchema.pick({ address: true }), { address: "1 Street\u0000" })).toEqual([
      expect.stringMatching(/^address: Remove the hidden control characters from this answer/),
    ]);
    expect(
      message(cancelSessionSchema, { sessionId: "3fa85f64-5717-4562-b3fc-2c963f66afa6", reason: "ill\u0000" }),
    ).toEqual([expect.stringMatching(/^reason: Remove the hidden control characters from the reason/)]);
    expect(
      message(sessionSchema, {
        trainingDay: "WORKER_1",
        date: "2099-03-10",
        startTime: "09:30",
        endTime: "16:00",
        venue: "Hall\u0000",
        address: "1 Street",
        trainer: "Trainer",
        capacity: 10,
      }),
    ).toEqual([expect.stringMatching(/^venue: Remove the hidden control characters from the venue/)]);
    expect(
      message(reopenQuestionnaireSchema, {
        agencyId: "3fa85f64-5717-4562-b3fc-2c963f66afa6",
        date: "2099-02-01",
        time: "17:00",
        reason: "away\u0000",
      }),
    ).toEqual([expect.stringMatching(/^reason: Remove the hidden control characters from the reason/)]);
  });
});
