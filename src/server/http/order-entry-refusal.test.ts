import { describe, expect, it } from "vitest";
import { appRouter } from "../api/root";
import { restOpenApiRouter } from "../api/rest/router";
import { createRateLimits, memoryLimiterStore } from "../limits/rate-limits";
import { isOrderEntry, refuseKnownCredential, refuseWhileLimited } from "./order-entry-refusal";

interface ProcedureDef {
  type: string;
  middlewares: { name: string }[];
  meta?: { openapi?: { method: string; path: string } };
}

const proceduresOf = (router: { _def: { procedures: object } }) =>
  Object.entries(router._def.procedures as Record<string, { _def: ProcedureDef }>).map(([path, p]) => ({ path, def: p._def }));

// What tradeProcedure adds (src/server/api/trpc.ts): the per-user order limit.
const isLimitedAsOrderEntry = (def: ProcedureDef) => def.middlewares.some((m) => m.name === "limitOrderEntry");

describe("[LIMITS] order entry as the edge tells it", () => {
  it("names exactly the tRPC procedures that the order limit guards", () => {
    for (const { path, def } of proceduresOf(appRouter)) {
      const method = def.type === "query" || def.type === "subscription" ? "GET" : "POST";
      expect(isOrderEntry("trpc", method, `/api/trpc/${path}`), path).toBe(isLimitedAsOrderEntry(def));
    }
    expect(isOrderEntry("trpc", "POST", "/api/trpc/order.place,order.cancel")).toBe(true);
    expect(isOrderEntry("trpc", "POST", "/api/trpc/order.place,apiKey.create")).toBe(false);
  });

  it("names exactly the REST routes that the order limit guards", () => {
    for (const { path, def } of proceduresOf(restOpenApiRouter)) {
      const route = def.meta?.openapi;
      if (!route) continue;
      const concrete = `/api/v1${route.path.replace(/\{[^}]+\}/g, "x1")}`;
      expect(isOrderEntry("rest", route.method, concrete), `${route.method} ${route.path} (${path})`).toBe(
        isLimitedAsOrderEntry(def),
      );
    }
  });

  it("refuses a user this instance just refused, with the procedure's 429, until the window ends", async () => {
    const limits = createRateLimits(
      {
        RATE_LIMIT_LOGIN_IP: { points: 10, durationSec: 60 },
        RATE_LIMIT_LOGIN_EMAIL: { points: 10, durationSec: 60 },
        RATE_LIMIT_SIGNUP_IP: { points: 10, durationSec: 60 },
        RATE_LIMIT_ORDERS: { points: 1, durationSec: 60 },
        RATE_LIMIT_API_READS: { points: 10, durationSec: 60 },
        RATE_LIMIT_BACKTESTS: { points: 10, durationSec: 60 },
      },
      memoryLimiterStore("edge-refusal"),
    );
    const user = { id: "u1", role: "trader" as const, via: { kind: "apiKey" as const, keyId: "k", scopes: ["trade" as const] } };
    const place = new Request("http://bourse.test/api/v1/orders", { method: "POST" });
    expect(refuseWhileLimited("rest", place, user, limits, "r1")).toBeNull();
    await limits.orders.consume(user.id);
    await limits.orders.consume(user.id);
    const refused = refuseWhileLimited("rest", place, user, limits, "r2");
    expect(refused?.status).toBe(429);
    expect(Number(refused?.headers.get("retry-after"))).toBeGreaterThan(50);
    expect(await refused?.json()).toMatchObject({ code: "TOO_MANY_REQUESTS", data: { domainCode: "RATE_LIMITED" } });
    // The key it came with is now refused before it is even looked up; other keys are not.
    const withKey = (key: string) =>
      new Request("http://bourse.test/api/v1/orders", { method: "POST", headers: { authorization: `Bearer ${key}` } });
    expect(refuseKnownCredential("rest", withKey("k1"), limits, "r5")).toBeNull();
    expect(refuseWhileLimited("rest", withKey("k1"), user, limits, "r6")?.status).toBe(429);
    expect(refuseKnownCredential("rest", withKey("k1"), limits, "r7")?.status).toBe(429);
    expect(refuseKnownCredential("rest", withKey("k2"), limits, "r8")).toBeNull();
    // Reads, and everyone else, pass on to the procedures.
    expect(refuseWhileLimited("rest", new Request("http://bourse.test/api/v1/orders"), user, limits, "r3")).toBeNull();
    expect(refuseWhileLimited("rest", place, { ...user, id: "u2" }, limits, "r4")).toBeNull();
  });
});
