import { getEnv } from "@/env";
import type { EventBus } from "../bus/types";
import { logger } from "../logger";
import { type CredentialCache, createCredentialCache } from "./credential-cache";

export { apiKeyTopic, userAuthTopic } from "./credential-cache";

interface Instance {
  bus: EventBus;
}

// One cache per instance (its ServiceContext): tests that run two "instances" in one process
// give each its own context, and so its own cache, as two processes would have.
const caches = new WeakMap<Instance, CredentialCache>();

/** This instance's credential cache, listening on its bus from the first call on. */
export function credentialCacheFor(instance: Instance): CredentialCache {
  let cache = caches.get(instance);
  if (!cache) {
    cache = createCredentialCache({ bus: instance.bus, ttlMs: getEnv().AUTH_CACHE_TTL_MS });
    caches.set(instance, cache);
  }
  return cache;
}

/**
 * After a credential changed in the database (key revoked, sessions revoked): forget it here at
 * once, then tell every other instance. A bus that is down cannot make this fail: the change is
 * committed, and the others' caches are off while their bus is down, or expire within the TTL.
 */
export async function announceCredentialChange(instance: Instance, topic: string): Promise<void> {
  credentialCacheFor(instance).forget([topic]);
  await instance.bus.publish({ topics: [topic], seq: "0" }).catch((error: unknown) => {
    logger.warn({ err: error, topic }, "credential change not announced; other instances drop it within the cache TTL");
  });
}
