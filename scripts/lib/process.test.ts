// The shutdown of the command scripts (bench, lighthouse, sqlmap): Ctrl-C or a failure stops every
// child they started, then their database, then whatever else they clean up, and ends with the
// same messages and exit codes as before.
import { spawn } from "node:child_process";
import { once } from "node:events";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { fail, stopEverythingOnShutdown, track } from "./process";

let exits: (number | string | null | undefined)[];
let errors: string[];
let logs: string[];
let signalListeners: Record<"SIGINT" | "SIGTERM", NodeJS.SignalsListener[]>;

beforeEach(() => {
  exits = [];
  errors = [];
  logs = [];
  signalListeners = { SIGINT: process.listeners("SIGINT"), SIGTERM: process.listeners("SIGTERM") };
  vi.spyOn(process, "exit").mockImplementation(((code) => {
    exits.push(code);
  }) as typeof process.exit);
  vi.spyOn(console, "error").mockImplementation((text: unknown) => void errors.push(String(text)));
  vi.spyOn(console, "log").mockImplementation((text: unknown) => void logs.push(String(text)));
});

afterEach(() => {
  vi.restoreAllMocks();
  // The handlers these tests registered must not stay on the test runner's own process.
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    for (const listener of process.listeners(signal)) {
      if (!signalListeners[signal].includes(listener)) process.off(signal, listener);
    }
  }
});

/** A child that runs until it is stopped. */
function sleeper() {
  const child = track(spawn(process.execPath, ["-e", "setInterval(() => {}, 1000)"], { stdio: "ignore" }));
  return child;
}

describe("fail", () => {
  it("prints the detail, then the sentence after a blank line, and exits with 1", () => {
    fail("The build failed.", "the build's last lines");
    expect(errors).toEqual(["the build's last lines", "\nThe build failed."]);
    expect(exits).toEqual([1]);
  });

  it("prints only the sentence when there is no detail", () => {
    fail("The app did not start.");
    expect(errors).toEqual(["\nThe app did not start."]);
    expect(exits).toEqual([1]);
  });
});

describe("stopEverythingOnShutdown", () => {
  it("stops the children, then the database, then the rest, and says it is stopping", async () => {
    const order: string[] = [];
    const shutdown = stopEverythingOnShutdown(() => void order.push("also"));
    const child = sleeper();
    await once(child, "spawn");
    child.on("exit", () => order.push("child"));
    shutdown.stopDatabaseWith(async () => void order.push("database"));
    expect(shutdown.stopping).toBe(false);

    await shutdown.stopEverything();

    expect(order).toEqual(["child", "database", "also"]);
    expect(child.signalCode).toBe("SIGTERM");
    expect(shutdown.stopping).toBe(true);
    expect(exits).toEqual([]);
  });

  it("stops everything before failing with the sentence, even when stopping goes wrong", async () => {
    const order: string[] = [];
    const shutdown = stopEverythingOnShutdown(() => void order.push("also"));
    shutdown.stopDatabaseWith(async () => {
      order.push("database");
      throw new Error("the database would not stop");
    });

    await shutdown.failAndStop("The server did not answer within 90 s.", "detail");

    expect(order).toEqual(["database"]);
    expect(errors).toEqual(["detail", "\nThe server did not answer within 90 s."]);
    expect(exits).toEqual([1]);
  });

  it.each([
    ["SIGINT", 130],
    ["SIGTERM", 143],
  ] as const)("stops everything once on %s and exits with %i", async (signal, code) => {
    const order: string[] = [];
    stopEverythingOnShutdown(() => void order.push("also")).stopDatabaseWith(async () => void order.push("database"));
    const added = process.listeners(signal).filter((listener) => !signalListeners[signal].includes(listener));
    expect(added).toHaveLength(1);

    added[0]!(signal);
    added[0]!(signal);
    await vi.waitFor(() => expect(exits).toEqual([code]));

    expect(order).toEqual(["database", "also"]);
    expect(logs).toEqual([`\nStopping (${signal})…`]);
  });
});
