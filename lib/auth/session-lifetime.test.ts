// The two limits of a sign-in, on a clock the test moves: 12 hours after signing in whatever the
// person does, and 2 hours after their last request.
import { describe, expect, it } from "vitest";
import {
  CLOCK_SKEW_SECONDS,
  LAST_SEEN_REFRESH_SECONDS,
  remainingLifetimeSeconds,
  seenAt,
  SESSION_IDLE_SECONDS,
  SESSION_MAX_AGE_SECONDS,
  sessionState,
  sessionTimesAtSignIn,
  type SessionTimes,
} from "./session-lifetime";

const MINUTE = 60;
const HOUR = 60 * MINUTE;

/** A clock that starts at sign-in and only moves when told. */
function fakeClock(start = new Date("2026-03-16T08:00:00Z")) {
  let seconds = 0;
  return {
    now: () => new Date(start.getTime() + seconds * 1000),
    advance: (by: number) => {
      seconds += by;
    },
  };
}

/** Signs in at the clock's time; `request()` is what the proxy does on each request. */
function signedIn(clock: ReturnType<typeof fakeClock>) {
  let times: SessionTimes = sessionTimesAtSignIn(clock.now());
  return {
    state: () => sessionState(times, clock.now()),
    request() {
      const state = sessionState(times, clock.now());
      if (state.status === "active" && state.refreshDue) times = seenAt(state.times, clock.now());
      return state.status;
    },
  };
}

describe("the limits", () => {
  it("are 12 hours from signing in and 2 hours without a request", () => {
    expect(SESSION_MAX_AGE_SECONDS).toBe(12 * HOUR);
    expect(SESSION_IDLE_SECONDS).toBe(2 * HOUR);
  });
});

describe("the idle limit", () => {
  it("ends a session 2 hours after the last request, not a second before", () => {
    const clock = fakeClock();
    const session = signedIn(clock);
    clock.advance(SESSION_IDLE_SECONDS - 1);
    expect(session.state()).toMatchObject({ status: "active" });
    clock.advance(1);
    expect(session.state()).toEqual({ status: "ended", reason: "idle" });
  });

  it("counts from the last request recorded, which a request 5 minutes or more after the last moves", () => {
    const clock = fakeClock();
    const session = signedIn(clock);
    clock.advance(90 * MINUTE);
    expect(session.request()).toBe("active");
    clock.advance(SESSION_IDLE_SECONDS - 1);
    expect(session.state()).toMatchObject({ status: "active" });
    clock.advance(1);
    expect(session.state()).toEqual({ status: "ended", reason: "idle" });
  });

  it("asks for the last-seen time to be recorded only once it is 5 minutes old", () => {
    const clock = fakeClock();
    const session = signedIn(clock);
    clock.advance(LAST_SEEN_REFRESH_SECONDS - 1);
    expect(session.state()).toMatchObject({ status: "active", refreshDue: false });
    clock.advance(1);
    expect(session.state()).toMatchObject({ status: "active", refreshDue: true });
  });

  it("is not moved by a request after the session ended", () => {
    const clock = fakeClock();
    const session = signedIn(clock);
    clock.advance(3 * HOUR);
    expect(session.request()).toBe("ended");
    clock.advance(MINUTE);
    expect(session.state()).toEqual({ status: "ended", reason: "idle" });
  });
});

describe("the absolute limit", () => {
  it("ends a session 12 hours after signing in even when the person never stopped", () => {
    const clock = fakeClock();
    const session = signedIn(clock);
    for (let minute = 0; minute < 12 * 60 - 10; minute += 10) {
      expect(session.request()).toBe("active");
      clock.advance(10 * MINUTE);
    }
    // 11 h 50 min in, with a request every 10 minutes.
    expect(session.request()).toBe("active");
    clock.advance(10 * MINUTE - 1);
    expect(session.state()).toMatchObject({ status: "active" });
    clock.advance(1);
    expect(session.state()).toEqual({ status: "ended", reason: "absolute" });
    expect(session.request()).toBe("ended");
  });

  it("tells when the session ends at the latest", () => {
    const clock = fakeClock();
    const times = sessionTimesAtSignIn(clock.now());
    clock.advance(3 * MINUTE);
    expect(sessionState(times, clock.now())).toMatchObject({ endsAt: times.signedInAt + SESSION_MAX_AGE_SECONDS });
  });
});

describe("a token's times", () => {
  const now = new Date("2026-03-16T08:00:00Z");
  const at = (offset: number) => Math.floor(now.getTime() / 1000) + offset;

  it.each([
    ["no times (a token from before the limits)", { id: "someone" }],
    ["times as text", { signedInAt: String(at(0)), lastSeenAt: String(at(0)) }],
    ["a last-seen time before the sign-in", { signedInAt: at(-60), lastSeenAt: at(-120) }],
    ["times in the future", { signedInAt: at(CLOCK_SKEW_SECONDS + 1), lastSeenAt: at(CLOCK_SKEW_SECONDS + 1) }],
    ["a fraction of a second", { signedInAt: at(0) + 0.5, lastSeenAt: at(0) + 0.5 }],
  ])("count as ended when they cannot be right: %s", (_, token) => {
    expect(sessionState(token, now)).toEqual({ status: "ended", reason: "invalid" });
    expect(remainingLifetimeSeconds(token, now)).toBe(0);
  });

  it("allow another instance's clock to be a minute ahead", () => {
    expect(sessionState({ signedInAt: at(CLOCK_SKEW_SECONDS), lastSeenAt: at(CLOCK_SKEW_SECONDS) }, now)).toMatchObject(
      { status: "active" },
    );
  });

  it("never move the last-seen time backwards", () => {
    expect(seenAt({ signedInAt: at(-10), lastSeenAt: at(30) }, now)).toEqual({
      signedInAt: at(-10),
      lastSeenAt: at(30),
    });
  });
});

describe("the lifetime given to a re-written token", () => {
  it("is what is left until 12 hours after signing in, and nothing after", () => {
    const clock = fakeClock();
    const times = sessionTimesAtSignIn(clock.now());
    expect(remainingLifetimeSeconds(times, clock.now())).toBe(SESSION_MAX_AGE_SECONDS);
    clock.advance(11 * HOUR);
    expect(remainingLifetimeSeconds(seenAt(times, clock.now()), clock.now())).toBe(HOUR);
    clock.advance(2 * HOUR);
    expect(remainingLifetimeSeconds(times, clock.now())).toBe(0);
  });
});
