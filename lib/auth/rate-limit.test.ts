import { describe, expect, it } from "vitest";
import { clientAddress, slowDownMs } from "./rate-limit";

describe("slowDownMs", () => {
  it("does not slow down the first two failures", () => {
    expect(slowDownMs(0)).toBe(0);
    expect(slowDownMs(2)).toBe(0);
  });

  it("waits 250 ms from the third failure, doubling each time, at most 2 seconds", () => {
    expect(slowDownMs(3)).toBe(250);
    expect(slowDownMs(4)).toBe(500);
    expect(slowDownMs(6)).toBe(2000);
    expect(slowDownMs(20)).toBe(2000);
  });
});

describe("clientAddress", () => {
  it("takes the first address of X-Forwarded-For", () => {
    expect(clientAddress({ "x-forwarded-for": " 203.0.113.7 , 10.0.0.1" })).toBe("203.0.113.7");
  });

  it("falls back to X-Real-IP, then to unknown", () => {
    expect(clientAddress({ "x-real-ip": "198.51.100.2" })).toBe("198.51.100.2");
    expect(clientAddress({ "x-forwarded-for": "" })).toBe("unknown");
    expect(clientAddress(undefined)).toBe("unknown");
  });
});
