import { describe, expect, it } from "vitest";
import { EnvError, parseEnv } from "./env";

const valid = {
  DATABASE_URL: "postgresql://app:secret@db.example.org:5432/connecting_people",
  NEXTAUTH_SECRET: "a".repeat(32),
};

function problems(source: Record<string, string | undefined>) {
  try {
    parseEnv(source);
  } catch (error) {
    if (error instanceof EnvError) return error.problems;
    throw error;
  }
  return [];
}

describe("parseEnv", () => {
  it("accepts a complete environment and fills the defaults", () => {
    const env = parseEnv({ ...valid, NODE_ENV: "production", NEXTAUTH_URL: "https://pilot.example.org" });
    expect(env.DATABASE_URL).toBe(valid.DATABASE_URL);
    expect(env.NODE_ENV).toBe("production");
    expect(env.EMAIL_FROM).toMatch(/Connecting People/);
    expect(parseEnv(valid).NODE_ENV).toBe("development");
  });

  it("names every missing variable and says what to put there", () => {
    const found = problems({});
    expect(found).toHaveLength(2);
    expect(found[0]).toMatch(/^DATABASE_URL is missing: set it to a PostgreSQL connection string/);
    expect(found[1]).toMatch(/^NEXTAUTH_SECRET is missing/);
  });

  it("treats an empty string as missing", () => {
    expect(problems({ ...valid, DATABASE_URL: "" })).toEqual([expect.stringMatching(/^DATABASE_URL is missing/)]);
  });

  it.each([
    ["DATABASE_URL", "mysql://app@db/x", /^DATABASE_URL must be a PostgreSQL connection string/],
    [
      "DATABASE_URL",
      "postgresql://db.example.org",
      /^DATABASE_URL must be a PostgreSQL connection string with a host and a database/,
    ],
    ["DATABASE_URL", "not a url", /^DATABASE_URL must be/],
    ["NEXTAUTH_SECRET", "short", /^NEXTAUTH_SECRET must be at least 32 characters/],
    ["NEXTAUTH_URL", "localhost:3000", /^NEXTAUTH_URL must be the address people use/],
    ["SMTP_URL", "mail.example.org", /^SMTP_URL must look like smtp:\/\//],
    ["NODE_ENV", "staging", /^NODE_ENV must be development, production or test/],
  ])("refuses a malformed %s (%s) with a message naming it", (name, value, message) => {
    const found = problems({ ...valid, [name]: value });
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(message);
  });

  it("puts every problem in the error message, one per line", () => {
    expect(() => parseEnv({ NEXTAUTH_SECRET: "x" })).toThrow(
      /The environment is not set up correctly:\n- DATABASE_URL is missing.*\n- NEXTAUTH_SECRET must be at least 32/,
    );
  });
});
