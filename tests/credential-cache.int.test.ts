import { describe, expect, it } from "vitest";
import { appRouter } from "../src/server/api/root";
import { credentialCacheFor } from "../src/server/auth/instance-credentials";
import { resolveUser } from "../src/server/api/resolve-user";
import { createMemoryCache } from "../src/server/cache/memory-cache";
import type { Db } from "../src/server/db/types";
import { createMemoryBus } from "../src/server/bus/memory-bus";
import { createRedisBus } from "../src/server/bus/redis-bus";
import type { EventBus } from "../src/server/bus/types";
import { createTrpcHandler } from "../src/server/http/trpc-handler";
import { createApiKey, revokeOwnApiKey } from "../src/server/services/accounts/api-keys";
import type { ServiceContext } from "../src/server/services/context";
import { signOutEverywhere } from "../src/server/services/accounts/sessions";
import { sessionCookieFor, TEST_SESSION_OPTIONS } from "./auth-helpers";
import { servicesForThisFile } from "./file-services";
import { createTestUser } from "./fixtures";
import { findTestService, uniqueName } from "./test-services";

const redis = await findTestService("redis");

/** The database, counting every statement started through it (select, update, insert, transaction…). */
function countingDb(db: Db): { db: Db; queries: () => number } {
  let queries = 0;
  const counted = new Set(["select", "selectDistinct", "insert", "update", "delete", "execute", "transaction"]);
  const proxy = new Proxy(db, {
    get(target, property, receiver) {
      const value: unknown = Reflect.get(target, property, receiver);
      if (typeof property === "string" && counted.has(property)) queries++;
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
  return { db: proxy, queries: () => queries };
}

interface Instance {
  services: ServiceContext;
  queries: () => number;
  /** One request through this instance's real tRPC edge; returns the HTTP status. */
  request(headers: Record<string, string>): Promise<number>;
}

/** An "instance" as a separate process would have it: its own context (so its own credential cache) and edge. */
function startInstance(db: Db, bus: EventBus): Instance {
  const counting = countingDb(db);
  const services: ServiceContext = { db: counting.db, cache: createMemoryCache(), bus };
  const handle = createTrpcHandler({
    router: appRouter,
    getServices: async () => services,
    resolveUser: (db, headers, instance) => resolveUser(db, headers, TEST_SESSION_OPTIONS, credentialCacheFor(instance)),
    limits: () => null,
  });
  return {
    services,
    queries: counting.queries,
    async request(headers) {
      const response = await handle(new Request("http://127.0.0.1/api/trpc/account.me", { headers }));
      await response.text();
      return response.status;
    },
  };
}

const { database } = servicesForThisFile();

/** Resolves the caller on `instance` and says how many statements that took. */
async function resolveCounting(instance: Instance, headers: Record<string, string>) {
  const before = instance.queries();
  const user = await resolveUser(
    instance.services.db,
    new Headers(headers),
    TEST_SESSION_OPTIONS,
    credentialCacheFor(instance.services),
  );
  return { user, queries: instance.queries() - before };
}

describe("[AUTH] credential cache across two instances on one database and one bus", () => {
  it("a cached API key costs no query; revoked through one instance, the other refuses it on the very next request", async () => {
    const bus = createMemoryBus();
    const [a, b] = [startInstance(database.db, bus), startInstance(database.db, bus)];
    if (!a || !b) throw new Error("instances missing");
    const userId = await createTestUser(a.services);
    const { key, secret } = await createApiKey(a.services, { userId, name: "bot", scopes: ["read"] });
    const bearer = { authorization: `Bearer ${secret}` };

    expect((await resolveCounting(b, bearer)).queries).toBeGreaterThan(0);
    const cached = await resolveCounting(b, bearer);
    expect(cached.user).toMatchObject({ id: userId, via: { kind: "apiKey", keyId: key.id, scopes: ["read"] } });
    expect(cached.queries).toBe(0);
    expect(await b.request(bearer)).toBe(200);

    await revokeOwnApiKey(a.services, userId, key.id);
    expect(await b.request(bearer)).toBe(401);
    expect(await a.request(bearer)).toBe(401);
  });

  it("sign out everywhere through one instance: the other refuses the old session on its next request", async () => {
    const bus = createMemoryBus();
    const [a, b] = [startInstance(database.db, bus), startInstance(database.db, bus)];
    if (!a || !b) throw new Error("instances missing");
    const userId = await createTestUser(a.services);
    const cookie = { cookie: await sessionCookieFor(userId, 0) };
    expect(await b.request(cookie)).toBe(200);
    // Cookie decrypted and token version known: nothing to ask the database.
    expect((await resolveCounting(b, cookie)).queries).toBe(0);

    await signOutEverywhere(a.services, userId);
    expect(await b.request(cookie)).toBe(401);
    expect(await b.request({ cookie: await sessionCookieFor(userId, 1) })).toBe(200);
  });

  it("with its bus down an instance does not trust its cache: every request asks the database", async () => {
    const shared = createMemoryBus();
    let isListening = true;
    const flaky: EventBus & { isListening(): boolean } = {
      kind: "redis",
      publish: (signal) => shared.publish(signal),
      subscribe: (listener) => shared.subscribe(listener),
      close: async () => {},
      isListening: () => isListening,
    };
    const [a, b] = [startInstance(database.db, shared), startInstance(database.db, flaky)];
    if (!a || !b) throw new Error("instances missing");
    const userId = await createTestUser(a.services);
    const { key, secret } = await createApiKey(a.services, { userId, name: "bot", scopes: ["read"] });
    const bearer = { authorization: `Bearer ${secret}` };
    await resolveCounting(b, bearer);
    expect((await resolveCounting(b, bearer)).queries).toBe(0);

    isListening = false;
    expect((await resolveCounting(b, bearer)).queries).toBeGreaterThan(0);
    // Revoked while B hears nothing: B still refuses, because it asks the database.
    await revokeOwnApiKey(a.services, userId, key.id);
    expect(await b.request(bearer)).toBe(401);
  });
});

describe.skipIf(!redis.isAvailable)(redis.label("[AUTH] credential cache across two instances on a Redis bus"), () => {
  it("a key revoked through one instance is refused by the other as soon as the bus delivers", async () => {
    const channel = uniqueName("bourse:auth_test");
    const buses = [createRedisBus(redis.url, { channel }), createRedisBus(redis.url, { channel })];
    try {
      for (const bus of buses) expect(await bus.waitUntilListening(10_000)).toBe(true);
      const [a, b] = buses.map((bus) => startInstance(database.db, bus));
      if (!a || !b) throw new Error("instances missing");
      const userId = await createTestUser(a.services);
      const { key, secret } = await createApiKey(a.services, { userId, name: "bot", scopes: ["read"] });
      const bearer = { authorization: `Bearer ${secret}` };
      await resolveCounting(b, bearer);
      expect((await resolveCounting(b, bearer)).queries).toBe(0);

      await revokeOwnApiKey(a.services, userId, key.id);
      const started = performance.now();
      let status = await b.request(bearer);
      // Pub/sub delivery is asynchronous: allow it a moment, bounded, and say how long it took.
      while (status !== 401 && performance.now() - started < 1_000) {
        await new Promise((resolve) => setTimeout(resolve, 1));
        status = await b.request(bearer);
      }
      expect(status).toBe(401);
      console.info(
        `[AUTH] Redis bus: revocation refused on the other instance after ${(performance.now() - started).toFixed(1)} ms`,
      );
    } finally {
      await Promise.all(buses.map((bus) => bus.close()));
    }
  });
});
