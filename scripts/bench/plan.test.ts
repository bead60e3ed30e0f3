import { describe, expect, it } from "vitest";
import { STATUS_ORDER } from "@/lib/recruitment/rules";
import { planDataset, SMALL_SIZES, SUPERVISOR_AGENCY_PARTICIPANTS, SUPERVISOR_EMAIL } from "./plan";

const plan = (seed: number, today = "2026-11-26") =>
  planDataset({ seed, today, passwordHash: "hash", sizes: SMALL_SIZES });
const table = (result: ReturnType<typeof plan>, name: string) => result.tables.find((each) => each.name === name)!;

describe("planDataset", () => {
  const first = plan(8);

  it("plans exactly the sizes asked for", () => {
    expect(table(first, "Agency").rows).toBe(50);
    expect(table(first, "User").rows).toBe(1_000 + 4);
    expect(table(first, "TrainingSession").rows).toBe(100);
    expect(table(first, "Booking").rows).toBe(2_000);
    expect(table(first, "Participant").rows).toBe(5_000);
    expect(table(first, "ExpressionOfInterest").rows).toBe(50);
  });

  it("is the same for the same seed and day, and different for another seed", () => {
    const again = plan(8);
    for (const each of first.tables) expect(table(again, each.name).values).toEqual(each.values);
    expect(table(plan(9), "Participant").values.referralDate).not.toEqual(
      table(first, "Participant").values.referralDate,
    );
  });

  it("has participants at every status and agencies at every stage", () => {
    for (const status of STATUS_ORDER) expect(first.statusCounts[status] ?? 0, status).toBeGreaterThan(0);
    expect(Object.values(first.stageCounts).every((count) => count > 0)).toBe(true);
  });

  it("gives study IDs in the app's format, unique, numbered within each agency from 1", () => {
    const participants = table(first, "Participant").values;
    const ids = participants.studyId as string[];
    expect(new Set(ids).size).toBe(ids.length);
    const agencyCode = new Map(
      (table(first, "Agency").values.id as string[]).map((id, index) => [
        id,
        table(first, "Agency").values.code![index] as number,
      ]),
    );
    ids.forEach((studyId, index) => {
      const code = agencyCode.get(participants.agencyId![index] as string)!;
      expect(studyId).toBe(
        `CP-${String(code).padStart(2, "0")}-${String(participants.sequence![index]).padStart(4, "0")}`,
      );
    });
  });

  it("gives the supervisor who signs in a recruiting agency with 100 participants", () => {
    const users = table(first, "User").values;
    const row = (users.email as string[]).indexOf(SUPERVISOR_EMAIL);
    expect(users.agencyRole![row]).toBe("SUPERVISOR");
    expect(users.deactivatedAt![row]).toBeNull();
    expect(users.agencyId![row]).toBe(first.supervisorAgency.id);
    const agencies = table(first, "Agency").values;
    expect(agencies.stage![(agencies.id as string[]).indexOf(first.supervisorAgency.id)]).toBe("RECRUITING");
    const own = (table(first, "Participant").values.agencyId as string[]).filter(
      (id) => id === first.supervisorAgency.id,
    );
    expect(own).toHaveLength(SUPERVISOR_AGENCY_PARTICIPANTS);
  });

  it("keeps every email address lower-case and unique", () => {
    const emails = table(first, "User").values.email as string[];
    expect(emails.every((email) => email === email.toLowerCase())).toBe(true);
    expect(new Set(emails).size).toBe(emails.length);
  });
});
