import { getToken } from "next-auth/jwt";
import type { Env } from "@/env";

/** Session tokens last a week; a user who wants them gone sooner signs out everywhere. */
export const SESSION_MAX_AGE_S = 7 * 24 * 60 * 60;

/**
 * Secure cookies in production. Auth.js then names the cookie with the __Secure- prefix, which
 * browsers accept only over HTTPS (and from localhost), so it can never travel in clear.
 */
export function wantsSecureCookies(env: Pick<Env, "NODE_ENV">): boolean {
  return env.NODE_ENV === "production";
}

export function sessionCookieName(isSecure: boolean): string {
  return `${isSecure ? "__Secure-" : ""}authjs.session-token`;
}

export interface SessionClaims {
  userId: string;
  tokenVersion: number;
  /** When the token stops being valid (its `exp`); a cache of these claims must not outlive it. */
  expiresAtMs: number;
}

/**
 * Decrypts the session cookie (and only the cookie: Auth.js's getToken would also accept a
 * bearer header, which here always means an API key). Null for anything missing, expired,
 * forged or shaped wrongly: fail closed.
 */
export async function readSessionCookie(
  cookieHeader: string | null,
  options: { secret: string; isSecure: boolean },
): Promise<SessionClaims | null> {
  if (!cookieHeader) return null;
  const token = await getToken({
    req: { headers: new Headers({ cookie: cookieHeader }) },
    secret: options.secret,
    secureCookie: options.isSecure,
    cookieName: sessionCookieName(options.isSecure),
    logger: { error: () => {}, warn: () => {}, debug: () => {} },
  });
  const userId = token?.sub;
  const tokenVersion = token?.tv;
  if (typeof userId !== "string" || !UUID.test(userId)) return null;
  if (typeof tokenVersion !== "number" || !Number.isInteger(tokenVersion)) return null;
  // getToken has checked exp; a token without one is only as good as the session's maximum age.
  const expiresAtMs = typeof token?.exp === "number" ? token.exp * 1000 : Date.now() + SESSION_MAX_AGE_S * 1000;
  return { userId, tokenVersion, expiresAtMs };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
