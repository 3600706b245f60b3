import { describe, expect, it } from "vitest";
import { createTestAuthRoute, sessionOverHttp, signInOverHttp, TEST_SESSION_OPTIONS } from "../../../tests/auth-helpers";
import { uniqueSuffix } from "../../../tests/fixtures";
import { servicesForThisFile } from "../../../tests/file-services";
import { testRateLimits as limits } from "../../../tests/http-server";
import { resolveUser } from "../api/resolve-user";
import { registerUser } from "../services/accounts/register-user";
import { signOutEverywhere } from "../services/accounts/sessions";

const { services, database } = servicesForThisFile();
const PASSWORD = "correct horse battery";

async function newUser() {
  const email = `auth-${uniqueSuffix().toLowerCase()}@test.local`;
  const user = await registerUser(services, { email, password: PASSWORD, startingFunds: {} });
  return { ...user, email };
}

describe("[AUTH] sign-in through the Auth.js credentials endpoint", () => {
  it("issues an httpOnly SameSite=Lax session cookie that the API resolves to the user", async () => {
    const route = createTestAuthRoute(database.db, limits());
    const user = await newUser();
    const result = await signInOverHttp(route, `  ${user.email.toUpperCase()} `, PASSWORD);
    expect(result.error).toBeNull();
    expect(result.cookie).not.toBeNull();
    const setCookie = result.response.headers.getSetCookie().find((c) => c.startsWith("authjs.session-token="));
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Lax/i);
    const resolved = await resolveUser(database.db, new Headers({ cookie: result.cookie ?? "" }), TEST_SESSION_OPTIONS);
    expect(resolved).toEqual({ id: user.id, role: "trader", via: { kind: "session" } });
    const session = await sessionOverHttp(route, result.cookie ?? "");
    expect(session.body?.user).toMatchObject({ id: user.id, role: "trader", email: user.email });
  });

  it("answers a wrong password and an unknown email identically, and sets no session", async () => {
    const route = createTestAuthRoute(database.db, limits());
    const user = await newUser();
    const wrong = await signInOverHttp(route, user.email, "not the password");
    const unknown = await signInOverHttp(route, `nobody-${uniqueSuffix()}@test.local`, "not the password");
    for (const result of [wrong, unknown]) {
      expect(result).toMatchObject({ status: 200, error: "CredentialsSignin", code: "credentials", cookie: null });
    }
  });

  it("limits failed sign-ins per email with 429 and Retry-After; a success resets the count", async () => {
    const route = createTestAuthRoute(database.db, limits({ RATE_LIMIT_LOGIN_EMAIL: { points: 3, durationSec: 60 } }));
    const user = await newUser();
    for (let i = 0; i < 2; i++) expect((await signInOverHttp(route, user.email, "wrong password")).status).toBe(200);
    expect((await signInOverHttp(route, user.email, PASSWORD)).cookie).not.toBeNull();
    for (let i = 0; i < 3; i++) expect((await signInOverHttp(route, user.email, "wrong password")).status).toBe(200);
    const limited = await signInOverHttp(route, user.email, PASSWORD);
    expect(limited).toMatchObject({ status: 429, error: "CredentialsSignin", code: "rate_limited", cookie: null });
    expect(Number(limited.response.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(limited.response.headers.get("ratelimit-limit")).toBe("3");
  });

  it("limits attempts per IP, whatever the email", async () => {
    const route = createTestAuthRoute(database.db, limits({ RATE_LIMIT_LOGIN_IP: { points: 2, durationSec: 60 } }));
    const ip = "198.51.100.9";
    await signInOverHttp(route, `a-${uniqueSuffix()}@test.local`, "x", ip);
    await signInOverHttp(route, `b-${uniqueSuffix()}@test.local`, "x", ip);
    const limited = await signInOverHttp(route, `c-${uniqueSuffix()}@test.local`, "x", ip);
    expect(limited.status).toBe(429);
    expect((await signInOverHttp(route, `d-${uniqueSuffix()}@test.local`, "x", "198.51.100.10")).status).toBe(200);
  });

  it("signing out everywhere revokes existing session tokens on the API and the session endpoint", async () => {
    const route = createTestAuthRoute(database.db, limits());
    const user = await newUser();
    const { cookie } = await signInOverHttp(route, user.email, PASSWORD);
    const headers = new Headers({ cookie: cookie ?? "" });
    expect(await resolveUser(database.db, headers, TEST_SESSION_OPTIONS)).not.toBeNull();
    await signOutEverywhere(services, user.id);
    expect(await resolveUser(database.db, headers, TEST_SESSION_OPTIONS)).toBeNull();
    const session = await sessionOverHttp(route, cookie ?? "");
    expect(session.body).toBeNull();
    // The stale cookie is cleared, not refreshed.
    expect(session.response.headers.getSetCookie().some((c) => /authjs\.session-token=;/.test(c))).toBe(true);
  });

  it("refuses a sign-in body larger than a form needs", async () => {
    const route = createTestAuthRoute(database.db, limits());
    const { NextRequest } = await import("next/server");
    const response = await route.POST(
      new NextRequest("http://bourse.test/api/auth/callback/credentials", {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: `email=${"a".repeat(20_000)}`,
      }),
    );
    expect(response.status).toBe(413);
  });
});
