// Session tokens decoded once per cookie value: the same token back for the same cookie, nothing
// for a cookie that is not ours or has expired, and the cookie itself for an unchanged token.
import { encode, type JWT } from "next-auth/jwt";
import { beforeEach, describe, expect, it } from "vitest";
import { clearTokenCache, cookieValueOf, decodeSessionToken } from "./token-cache";

const secret = "a-secret-of-at-least-thirty-two-characters";
const token = { id: "u1", signedInAt: 1, lastSeenAt: 1 } as unknown as JWT;
const cookie = (maxAge = 3600) => encode({ token, secret, maxAge });

beforeEach(clearTokenCache);

describe("decodeSessionToken", () => {
  it("decodes a cookie once, and gives the same frozen token for it again", async () => {
    const value = await cookie();
    const first = await decodeSessionToken(value, secret);
    expect(first).toMatchObject({ id: "u1", signedInAt: 1, lastSeenAt: 1 });
    expect(Object.isFrozen(first)).toBe(true);
    expect(await decodeSessionToken(value, secret)).toBe(first);
  });

  it("is null for a cookie made with another secret, tampered with, or not a token at all", async () => {
    const value = await cookie();
    expect(await decodeSessionToken(value, `${secret}-other`)).toBeNull();
    const tampered = `${value.slice(0, -4)}${value.slice(-4) === "AAAA" ? "BBBB" : "AAAA"}`;
    expect(await decodeSessionToken(tampered, secret)).toBeNull();
    expect(await decodeSessionToken("not-a-token", secret)).toBeNull();
  });

  it("asks the secret again: a token cached under one secret is not another's", async () => {
    const value = await cookie();
    expect(await decodeSessionToken(value, secret)).not.toBeNull();
    expect(await decodeSessionToken(value, `${secret}-other`)).toBeNull();
  });

  it("is null once the token has expired, cached or not", async () => {
    const value = await cookie(60);
    expect(await decodeSessionToken(value, secret)).not.toBeNull();
    const later = new Date(Date.now() + 2 * 60 * 1000);
    expect(await decodeSessionToken(value, secret, later)).toBeNull();
    clearTokenCache();
    expect(await decodeSessionToken(await cookie(0), secret, later)).toBeNull();
  });
});

describe("cookieValueOf", () => {
  it("is the cookie a cached token came from, and nothing for a copy or any other token", async () => {
    const value = await cookie();
    const token = (await decodeSessionToken(value, secret))!;
    expect(cookieValueOf(token)).toBe(value);
    expect(cookieValueOf({ ...token })).toBeUndefined();
    expect(cookieValueOf({ id: "u1" })).toBeUndefined();
  });
});
