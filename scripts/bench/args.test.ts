import { describe, expect, it } from "vitest";
import { ArgsError, DEFAULT_OPTIONS, parseArgs } from "./args";

describe("parseArgs", () => {
  it("uses the defaults of the issue: 16 connections, 10 s after a 2 s warm-up, a fixed seed", () => {
    expect(parseArgs([])).toEqual(DEFAULT_OPTIONS);
    expect(DEFAULT_OPTIONS).toMatchObject({ connections: 16, durationS: 10, warmupS: 2, fresh: false });
  });

  it("reads options written with a space or an equals sign", () => {
    expect(parseArgs(["--seed", "42", "--fresh", "--duration=5", "--today", "2027-03-01"])).toMatchObject({
      seed: 42,
      fresh: true,
      durationS: 5,
      today: "2027-03-01",
    });
  });

  it("refuses bad values and unknown options with a sentence that says what to give", () => {
    expect(() => parseArgs(["--seed", "-1"])).toThrow(
      new ArgsError('--seed takes a whole number from 0 to 2147483647, not "-1".'),
    );
    expect(() => parseArgs(["--connections"])).toThrow(/--connections takes a whole number/);
    expect(() => parseArgs(["--duration", "0"])).toThrow(/--duration takes a whole number from 1/);
    expect(() => parseArgs(["--today", "2027-02-30"])).toThrow(/--today takes a date as YYYY-MM-DD, not "2027-02-30"/);
    expect(() => parseArgs(["--fast"])).toThrow(/Unknown option "--fast"/);
  });
});
