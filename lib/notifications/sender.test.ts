import { describe, expect, it } from "vitest";
import { describeSendError, MAX_ATTEMPTS, retryDelayMs } from "./sender";

describe("retryDelayMs", () => {
  it("waits 30 seconds after the first failure and doubles each time, never more than an hour", () => {
    const delays = Array.from({ length: MAX_ATTEMPTS }, (_, index) => retryDelayMs(index + 1) / 1000);
    expect(delays).toEqual([30, 60, 120, 240, 480, 960, 1920, 3600, 3600, 3600]);
  });
});

describe("describeSendError", () => {
  it("keeps the first line and the error code, and drops credentials from addresses", () => {
    const error = Object.assign(
      new Error("Connection failed to smtp://mailer:hunter2-secret@mail.example.org:587\nstack-ish detail"),
      { code: "ECONNECTION" },
    );
    const text = describeSendError(error);
    expect(text).toBe("ECONNECTION: Connection failed to smtp://mail.example.org:587");
    expect(text).not.toContain("hunter2");
  });

  it("cuts a long server reply short", () => {
    const text = describeSendError(new Error(`550 ${"x".repeat(500)}`));
    expect(text.length).toBeLessThanOrEqual(200);
    expect(text.endsWith("…")).toBe(true);
  });

  it("describes something thrown that is not an Error", () => {
    expect(describeSendError("timeout")).toBe("timeout");
    expect(describeSendError(undefined)).toBe("undefined");
  });
});
