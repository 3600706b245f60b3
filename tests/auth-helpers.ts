import { encode } from "next-auth/jwt";
import { NextRequest } from "next/server";
import { createAuth } from "../src/server/http/next-auth";
import { sessionCookieName } from "../src/server/auth/session-cookie";
import type { Db } from "../src/server/db/types";
import { createAuthRoute } from "../src/server/http/auth-handler";
import type { RateLimits } from "../src/server/limits/rate-limits";

/** A fixed secret for tests only; the app itself never has a default. */
export const TEST_AUTH_SECRET = "test-secret-test-secret-test-secret-0123456789";
export const TEST_SESSION_OPTIONS = { secret: TEST_AUTH_SECRET, isSecure: false };
export const SESSION_COOKIE = sessionCookieName(false);
const ORIGIN = "http://bourse.test";

/** A session cookie as Auth.js would issue it, for tests that need one without signing in. */
export async function sessionCookieFor(userId: string, tokenVersion: number): Promise<string> {
  const token = await encode({ token: { sub: userId, tv: tokenVersion }, secret: TEST_AUTH_SECRET, salt: SESSION_COOKIE });
  return `${SESSION_COOKIE}=${token}`;
}

/** The real /api/auth route (Auth.js behind the sign-in limits) on a test database. */
export function createTestAuthRoute(db: Db, limits: RateLimits) {
  const { handlers } = createAuth({ db: async () => db, secret: async () => TEST_AUTH_SECRET, isSecure: false });
  return createAuthRoute({ handlers, limits: () => limits, sessionCookieName: SESSION_COOKIE });
}

type AuthRoute = ReturnType<typeof createTestAuthRoute>;

/** Name=value pairs of every Set-Cookie, to send back as a Cookie header. */
export function cookiesOf(response: Response): Map<string, string> {
  const jar = new Map<string, string>();
  for (const line of response.headers.getSetCookie()) {
    const [pair = ""] = line.split(";");
    const at = pair.indexOf("=");
    jar.set(pair.slice(0, at), pair.slice(at + 1));
  }
  return jar;
}

export const cookieHeader = (jar: Map<string, string>) => [...jar].map(([k, v]) => `${k}=${v}`).join("; ");

/** What next-auth/react's signIn("credentials", { redirect: false }) sends, step by step. */
export async function signInOverHttp(route: AuthRoute, email: string, password: string, ip = "203.0.113.7") {
  const csrf = await route.GET(new NextRequest(`${ORIGIN}/api/auth/csrf`, { headers: { "x-forwarded-for": ip } }));
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const jar = cookiesOf(csrf);
  const response = await route.POST(
    new NextRequest(`${ORIGIN}/api/auth/callback/credentials`, {
      method: "POST",
      headers: {
        "content-type": "application/x-www-form-urlencoded",
        "x-auth-return-redirect": "1",
        "x-forwarded-for": ip,
        cookie: cookieHeader(jar),
      },
      body: new URLSearchParams({ email, password, csrfToken, callbackUrl: `${ORIGIN}/` }).toString(),
    }),
  );
  const body = (await response.json()) as { url: string };
  const url = new URL(body.url);
  const session = cookiesOf(response).get(SESSION_COOKIE);
  return {
    status: response.status,
    response,
    error: url.searchParams.get("error"),
    code: url.searchParams.get("code"),
    /** The Cookie header a browser would now send, or null when not signed in. */
    cookie: session ? `${SESSION_COOKIE}=${session}` : null,
  };
}

export async function sessionOverHttp(route: AuthRoute, cookie: string) {
  const response = await route.GET(new NextRequest(`${ORIGIN}/api/auth/session`, { headers: { cookie } }));
  return { response, body: (await response.json()) as { user?: { id: string; role: string; email: string } } | null };
}
