import { getEnv } from "@/env";
import type { AuthUser } from "./context";
import { findActiveApiKeyByHash, touchApiKey } from "../db/queries/api-keys";
import { findUserAuth } from "../db/queries/users";
import type { Db } from "../db/types";
import { logger } from "../logger";
import { hashApiKey, parseBearerKey } from "../auth/api-key-token";
import { type CredentialCache, sessionDigest } from "../auth/credential-cache";
import { getAuthSecret } from "../auth/secret";
import { readSessionCookie, wantsSecureCookies } from "../auth/session-cookie";

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
 * (a bad one is anonymous, never a fallback to the cookie), else the session cookie. Without a
 * cache every answer is checked against the database now. With one (the HTTP edges pass the
 * instance's, see credential-cache.ts) a recent answer is reused, and revoked keys and
 * signed-out-everywhere sessions still take effect on the next request: revocation evicts
 * the entry on every instance through the bus. Anything unexpected is anonymous: fail closed.
 */
export async function resolveUser(
  db: Db,
  headers: Headers,
  options?: SessionOptions,
  cache?: CredentialCache,
): Promise<AuthUser | null> {
  const authorization = headers.get("authorization");
  if (authorization !== null) return resolveApiKey(db, authorization, cache);
  return resolveSession(db, headers.get("cookie"), options ?? (await defaultSessionOptions()), cache);
}

async function resolveApiKey(db: Db, authorization: string, cache: CredentialCache | undefined): Promise<AuthUser | null> {
  const key = parseBearerKey(authorization);
  if (!key) return null;
  const hash = hashApiKey(key);
  let owner = cache?.key(hash);
  if (!owner) {
    const generation = cache?.generation() ?? 0;
    const found = await findActiveApiKeyByHash(db, hash);
    if (!found || found.role === "system") return null;
    cache?.rememberKey(hash, found, generation);
    owner = found;
  }
  if (!cache) await touchApiKey(db, owner.keyId);
  else if (cache.shouldTouch(owner.keyId)) {
    // "Last used" is worth a write a minute, and never a wait.
    void touchApiKey(db, owner.keyId).catch((error: unknown) => logger.warn({ err: error }, "api key last-used not recorded"));
  }
  return { id: owner.userId, role: owner.role, via: { kind: "apiKey", keyId: owner.keyId, scopes: owner.scopes } };
}

async function resolveSession(
  db: Db,
  cookie: string | null,
  options: SessionOptions,
  cache: CredentialCache | undefined,
): Promise<AuthUser | null> {
  if (!cookie) return null;
  const digest = cache ? sessionDigest(cookie, options.secret) : null;
  let claims = digest === null ? undefined : cache?.session(digest);
  if (!claims) {
    const read = await readSessionCookie(cookie, options);
    if (!read) return null;
    if (digest !== null) cache?.rememberSession(digest, read);
    claims = read;
  }
  if (claims.expiresAtMs <= Date.now()) return null;
  let user = cache?.user(claims.userId);
  if (!user) {
    const generation = cache?.generation() ?? 0;
    const found = await findUserAuth(db, claims.userId);
    if (!found || found.role === "system") return null;
    cache?.rememberUser(found.id, found, generation);
    user = found;
  }
  if (user.tokenVersion !== claims.tokenVersion) return null;
  return { id: claims.userId, role: user.role, via: { kind: "session" } };
}
