import { getEnv } from "@/env";
import type { AuthUser } from "../api/context";
import { findActiveApiKeyByHash, touchApiKey } from "../db/queries/api-keys";
import { findUserAuth } from "../db/queries/users";
import type { Db } from "../db/types";
import { hashApiKey, parseBearerKey } from "./api-key-token";
import { getAuthSecret } from "./secret";
import { readSessionCookie, wantsSecureCookies } from "./session-cookie";

export interface SessionOptions {
  secret: string;
  isSecure: boolean;
}

async function defaultSessionOptions(): Promise<SessionOptions> {
  const env = getEnv();
  return { secret: await getAuthSecret(env), isSecure: wantsSecureCookies(env) };
}

/**
 * Who is calling, resolved once per request: an API key when an Authorization header is sent
 * (a bad one is anonymous, never a fallback to the cookie), else the session cookie. Every answer
 * is checked against the database now, so revoked keys, signed-out-everywhere sessions and role
 * changes take effect on the next request. Anything unexpected is anonymous: fail closed.
 */
export async function resolveUser(db: Db, headers: Headers, options?: SessionOptions): Promise<AuthUser | null> {
  const authorization = headers.get("authorization");
  if (authorization !== null) return resolveApiKey(db, authorization);
  return resolveSession(db, headers.get("cookie"), options ?? (await defaultSessionOptions()));
}

async function resolveApiKey(db: Db, authorization: string): Promise<AuthUser | null> {
  const key = parseBearerKey(authorization);
  if (!key) return null;
  const owner = await findActiveApiKeyByHash(db, hashApiKey(key));
  if (!owner || owner.role === "system") return null;
  await touchApiKey(db, owner.keyId);
  return { id: owner.userId, role: owner.role, via: { kind: "apiKey", keyId: owner.keyId, scopes: owner.scopes } };
}

async function resolveSession(db: Db, cookie: string | null, options: SessionOptions): Promise<AuthUser | null> {
  const claims = await readSessionCookie(cookie, options);
  if (!claims) return null;
  const user = await findUserAuth(db, claims.userId);
  if (!user || user.role === "system" || user.tokenVersion !== claims.tokenVersion) return null;
  return { id: user.id, role: user.role, via: { kind: "session" } };
}
