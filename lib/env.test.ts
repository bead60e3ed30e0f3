import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { EnvError, parseEnv } from "./env";

/** The background loops instrumentation.ts starts, by name, in the order started. */
const started = vi.hoisted(() => [] as string[]);
vi.mock("@/lib/notifications/sender", () => ({ startOutboxLoop: () => started.push("outbox sender") }));
vi.mock("@/lib/training/reminders", () => ({ startTrainingReminderLoop: () => started.push("training reminders") }));
vi.mock("@/lib/recruitment/follow-up-notifier", () => ({
  startFollowUpNotifier: () => started.push("follow-up notifier"),
}));

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

  it("runs the background jobs unless BACKGROUND_JOBS is off", () => {
    expect(parseEnv(valid).BACKGROUND_JOBS).toBe(true);
    expect(parseEnv({ ...valid, BACKGROUND_JOBS: "" }).BACKGROUND_JOBS).toBe(true);
    expect(parseEnv({ ...valid, BACKGROUND_JOBS: "on" }).BACKGROUND_JOBS).toBe(true);
    expect(parseEnv({ ...valid, BACKGROUND_JOBS: "off" }).BACKGROUND_JOBS).toBe(false);
    expect(parseEnv({ ...valid, BACKGROUND_JOBS: " OFF " }).BACKGROUND_JOBS).toBe(false);
  });

  it.each(["no", "false", "0", "of"])("refuses BACKGROUND_JOBS=%s, saying it must be on or off", (value) => {
    expect(problems({ ...valid, BACKGROUND_JOBS: value })).toEqual([
      "BACKGROUND_JOBS must be on or off (on unless set)",
    ]);
  });

  it("trusts one proxy's X-Forwarded-For unless TRUSTED_PROXIES says how many", () => {
    expect(parseEnv(valid).TRUSTED_PROXIES).toBe(1);
    expect(parseEnv({ ...valid, TRUSTED_PROXIES: "2" }).TRUSTED_PROXIES).toBe(2);
  });

  it.each(["0", "11", "1.5", "two", "-1"])("refuses TRUSTED_PROXIES=%s, saying what it must be", (value) => {
    expect(problems({ ...valid, TRUSTED_PROXIES: value })).toEqual([
      "TRUSTED_PROXIES must be a whole number from 1 to 10 (1 unless set)",
    ]);
  });

  it("puts every problem in the error message, one per line", () => {
    expect(() => parseEnv({ NEXTAUTH_SECRET: "x" })).toThrow(
      /The environment is not set up correctly:\n- DATABASE_URL is missing.*\n- NEXTAUTH_SECRET must be at least 32/,
    );
  });
});

describe("the server's background jobs (instrumentation.ts)", () => {
  beforeEach(() => {
    vi.resetModules(); // env() keeps the environment it parsed first
    started.length = 0;
    vi.stubEnv("NEXT_RUNTIME", "nodejs");
    vi.stubEnv("NEXT_PHASE", "");
    vi.stubEnv("DATABASE_URL", valid.DATABASE_URL);
    vi.stubEnv("NEXTAUTH_SECRET", valid.NEXTAUTH_SECRET);
  });
  afterEach(() => vi.unstubAllEnvs());

  const register = async () => (await import("@/instrumentation")).register();

  it("starts the outbox sender, the training reminders and the follow-up notifier by default", async () => {
    vi.stubEnv("BACKGROUND_JOBS", "");
    await register();
    expect(started).toEqual(["outbox sender", "training reminders", "follow-up notifier"]);
  });

  it("starts none of them with BACKGROUND_JOBS=off, and says so", async () => {
    vi.stubEnv("BACKGROUND_JOBS", "off");
    const info = vi.spyOn(console, "info").mockImplementation(() => {});
    await register();
    expect(started).toEqual([]);
    expect(info).toHaveBeenCalledWith(expect.stringContaining("BACKGROUND_JOBS=off"));
    info.mockRestore();
  });

  it("refuses to start with a BACKGROUND_JOBS it does not know, naming it", async () => {
    vi.stubEnv("BACKGROUND_JOBS", "sometimes");
    await expect(register()).rejects.toThrow(/BACKGROUND_JOBS must be on or off/);
    expect(started).toEqual([]);
  });
});
