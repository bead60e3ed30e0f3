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
  it("takes the address the one trusted proxy (or Next itself) wrote, not what the client wrote before it", () => {
    // Reached directly by a client that sent no X-Forwarded-For: Next writes the socket's address.
    expect(clientAddress({ "x-forwarded-for": "203.0.113.7" })).toBe("203.0.113.7");
    // Behind one proxy, a client that sends its own X-Forwarded-For cannot choose its address.
    expect(clientAddress({ "x-forwarded-for": " 6.6.6.6 , 203.0.113.7" })).toBe("203.0.113.7");
    expect(clientAddress({ "x-forwarded-for": "1.1.1.1, 2.2.2.2, 203.0.113.7" }, 1)).toBe("203.0.113.7");
  });

  it("counts back as many entries as there are trusted proxies", () => {
    // Client, then a load balancer, then the proxy next to the app.
    const header = { "x-forwarded-for": "6.6.6.6, 203.0.113.7, 10.0.0.1" };
    expect(clientAddress(header, 2)).toBe("203.0.113.7");
    expect(clientAddress(header, 3)).toBe("6.6.6.6");
    // Fewer entries than proxies: the first there is.
    expect(clientAddress({ "x-forwarded-for": "203.0.113.7" }, 3)).toBe("203.0.113.7");
  });

  it("falls back to X-Real-IP, then to unknown", () => {
    expect(clientAddress({ "x-real-ip": "198.51.100.2" })).toBe("198.51.100.2");
    expect(clientAddress({ "x-forwarded-for": "" })).toBe("unknown");
    expect(clientAddress(undefined)).toBe("unknown");
  });
});
