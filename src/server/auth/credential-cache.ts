import { sha256Base64Url } from "./web-digest";
import type { ApiKeyScope, UserRole } from "../db/schema";
import { ALL_TOPICS, type EventBus, type EventSignal } from "../bus/types";
import { createExpiringMap } from "../cache/expiring-map";
import type { SessionClaims } from "./session-cookie";

/**
 * What resolving a caller would otherwise ask the database (or the CPU) on every request, kept
 * per instance for a short while: API key hash → owner and scopes, user → role and token
 * version, session cookie → its decrypted claims (~0.5 ms of CPU each).
 *
 * Revocation still reaches every instance: revoking a key or signing out everywhere drops the
 * entry here at once and publishes an invalidation on the event bus (topics below); every other
 * instance drops it when its bus delivers (the in-process bus at once, Redis or Postgres on
 * loopback within a few ms). What the bus cannot promise, the cache does not lean on:
 * - a networked bus that says it is not listening (Redis or Postgres down) turns the cache off:
 *   every request reads the database again until the bus is back, then entries start afresh;
 * - an outage the bus has not noticed yet, or a message lost in it, lives at most ttlMs;
 * - a lookup that overlaps an invalidation is answered but not remembered (generation check),
 *   so a read from before a revocation cannot outlive it in the cache.
 * Role changes made outside the app (SQL by hand) also take effect within ttlMs.
 */
export interface CachedKey {
  keyId: string;
  userId: string;
  role: UserRole;
  scopes: readonly ApiKeyScope[];
}

export interface CachedUser {
  role: UserRole;
  tokenVersion: number;
}

export interface CredentialCache {
  /** False while the bus cannot deliver invalidations: then nothing is read from or kept in the cache. */
  isUsable(): boolean;
  /** Taken before a database lookup and handed back with its result; see rememberKey. */
  generation(): number;
  key(hash: string): CachedKey | undefined;
  /** Kept only if no invalidation arrived since `generation` was taken. */
  rememberKey(hash: string, key: CachedKey, generation: number): void;
  user(userId: string): CachedUser | undefined;
  rememberUser(userId: string, user: CachedUser, generation: number): void;
  /**
   * A session cookie's claims, by the cookie's `sessionDigest`. They are facts about the token,
   * not the account (sign-out everywhere works through the user's token version), so only the
   * token's expiry, or a few minutes, ends them.
   */
  session(digest: string): SessionClaims | undefined;
  rememberSession(digest: string, claims: SessionClaims): void;
  /** True at most once a minute per key: how often "last used" is worth a write. */
  shouldTouch(keyId: string): boolean;
  /** Drops what the topics name, as a bus invalidation does. */
  forget(topics: readonly string[]): void;
  close(): void;
}

export interface CredentialCacheOptions {
  bus: EventBus;
  ttlMs: number;
  maxEntries?: number;
  now?: () => number;
}

const KEY_TOPIC = "auth:key:";
const USER_TOPIC = "auth:user:";
/** Bus topic that revokes one API key everywhere. Carries the key's id, never its hash. */
export const apiKeyTopic = (keyId: string) => `${KEY_TOPIC}${keyId}`;
/** Bus topic for a user whose sessions were revoked (token version bumped): drops the user's cached version. */
export const userAuthTopic = (userId: string) => `${USER_TOPIC}${userId}`;

const DEFAULT_MAX_ENTRIES = 10_000;
const SESSION_CLAIMS_MAX_AGE_MS = 5 * 60_000;
const TOUCH_INTERVAL_MS = 60_000;

/**
 * What a session cookie is cached under. The cookie is a bearer secret: kept only as a digest,
 * and per secret so that one never vouches for another.
 */
export const sessionDigest = (cookieHeader: string, secret: string) => sha256Base64Url(`${secret}\0${cookieHeader}`);

interface ListeningBus {
  isListening(): boolean;
}

// Networked buses report whether they hear the other instances; the in-process bus always does.
const hasListeningState = (bus: EventBus): bus is EventBus & ListeningBus =>
  typeof (bus as Partial<ListeningBus>).isListening === "function";
const isListening = (bus: EventBus) => !hasListeningState(bus) || bus.isListening();

export function createCredentialCache({
  bus,
  ttlMs,
  maxEntries = DEFAULT_MAX_ENTRIES,
  now = Date.now,
}: CredentialCacheOptions): CredentialCache {
  const keys = createExpiringMap<CachedKey>(maxEntries, now);
  const users = createExpiringMap<CachedUser>(maxEntries, now);
  const sessions = createExpiringMap<SessionClaims>(maxEntries, now);
  const touched = createExpiringMap<true>(maxEntries, now);
  // keyId → hash, so an invalidation (which names the key) finds the entry (keyed by hash).
  const hashes = new Map<string, string>();
  let generation = 0;
  let wasUsable = true;
  const isEnabled = ttlMs > 0;

  function clear(): void {
    generation++;
    keys.clear();
    users.clear();
    hashes.clear();
  }

  function forget(topics: readonly string[]): void {
    for (const topic of topics) {
      if (topic === ALL_TOPICS) {
        clear();
        return;
      }
      if (topic.startsWith(KEY_TOPIC)) {
        generation++;
        const keyId = topic.slice(KEY_TOPIC.length);
        const hash = hashes.get(keyId);
        if (hash !== undefined) keys.delete(hash);
        hashes.delete(keyId);
      } else if (topic.startsWith(USER_TOPIC)) {
        generation++;
        users.delete(topic.slice(USER_TOPIC.length));
      }
    }
  }

  const unsubscribe = isEnabled ? bus.subscribe((signal: EventSignal) => forget(signal.topics)) : () => {};

  function isUsable(): boolean {
    if (!isEnabled) return false;
    const usable = isListening(bus);
    // Invalidations may have been missed while the bus was away: start again from nothing.
    if (usable !== wasUsable) clear();
    wasUsable = usable;
    return usable;
  }

  return {
    isUsable,
    generation: () => generation,
    key: (hash) => (isUsable() ? keys.get(hash) : undefined),
    rememberKey(hash, key, since) {
      if (!isUsable() || since !== generation) return;
      keys.set(hash, key, now() + ttlMs);
      hashes.set(key.keyId, hash);
      // Bounded like the entries; a stale pointer left by an evicted entry only deletes nothing.
      const oldest = hashes.keys().next();
      if (hashes.size > maxEntries && !oldest.done) hashes.delete(oldest.value);
    },
    user: (userId) => (isUsable() ? users.get(userId) : undefined),
    rememberUser(userId, user, since) {
      if (isUsable() && since === generation) users.set(userId, user, now() + ttlMs);
    },
    session: (digest) => (isEnabled ? sessions.get(digest) : undefined),
    rememberSession(digest, claims) {
      if (!isEnabled) return;
      sessions.set(digest, claims, Math.min(claims.expiresAtMs, now() + SESSION_CLAIMS_MAX_AGE_MS));
    },
    shouldTouch(keyId) {
      if (touched.get(keyId)) return false;
      touched.set(keyId, true, now() + TOUCH_INTERVAL_MS);
      return true;
    },
    forget,
    close() {
      unsubscribe();
      clear();
      sessions.clear();
    },
  };
}
