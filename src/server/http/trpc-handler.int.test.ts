import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { sessionCookieFor, TEST_SESSION_OPTIONS } from "../../../tests/auth-helpers";
import { createTestMarket, createTestUser, uniqueSuffix } from "../../../tests/fixtures";
import { servicesForThisFile } from "../../../tests/file-services";
import { testRateLimits as limits } from "../../../tests/http-server";
import { INTERNAL_MESSAGE } from "../api/errors";
import { DomainError } from "../../domain/errors";
import { appRouter } from "../api/root";
import { createTRPCRouter, publicProcedure } from "../api/trpc";
import { resolveUser } from "../api/resolve-user";
import { orders } from "../db/schema";
import { createApiKey } from "../services/accounts/api-keys";
import { createTrpcHandler } from "./trpc-handler";
import { MAX_BATCH_SIZE, MAX_BODY_BYTES } from "./limits";

const { services } = servicesForThisFile();

function handler(options: { limits?: ReturnType<typeof limits> } = {}) {
  const configured = options.limits ?? limits();
  return createTrpcHandler({
    router: appRouter,
    getServices: async () => services,
    resolveUser: (db, headers) => resolveUser(db, headers, TEST_SESSION_OPTIONS),
    limits: () => configured,
  });
}

const URL_BASE = "http://bourse.test/api/trpc";
const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
  new Request(`${URL_BASE}/${path}`, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify(body),
  });
const get = (path: string, input: unknown, headers: Record<string, string> = {}) =>
  new Request(`${URL_BASE}/${path}?input=${encodeURIComponent(JSON.stringify(input))}`, { headers });

describe("[HTTP] input hardening at the tRPC edge", () => {
  it("refuses mutations that are not JSON, as a cross-site form would send them", async () => {
    const handle = handler();
    for (const type of ["application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "text/plain", ""]) {
      const request = new Request(`${URL_BASE}/account.register`, {
        method: "POST",
        headers: { "content-type": type },
        body: "a=b",
      });
      expect((await handle(request)).status).toBe(415);
    }
  });

  it("refuses oversized bodies before parsing, whether declared or streamed", async () => {
    const handle = handler();
    const big = "x".repeat(MAX_BODY_BYTES + 1);
    expect((await handle(post("account.register", { email: big }))).status).toBe(413);
    const chunks = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < 40; i++) controller.enqueue(new TextEncoder().encode("y".repeat(4096)));
        controller.close();
      },
    });
    const streamed = new Request(`${URL_BASE}/account.register`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: chunks,
      duplex: "half",
    } as RequestInit & { duplex: "half" });
    expect((await handle(streamed)).status).toBe(413);
  });

  it("refuses malformed JSON before the caller is looked up or any limit counts it", async () => {
    let lookups = 0;
    const handle = createTrpcHandler({
      router: appRouter,
      getServices: async () => services,
      resolveUser: async () => {
        lookups++;
        return null;
      },
      limits: () => limits(),
    });
    const malformed = new Request(`${URL_BASE}/order.place`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: "Bearer bourse_x" },
      body: '{"market": "BTC',
    });
    const response = await handle(malformed);
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: { code: "PARSE_ERROR", data: { httpStatus: 400 } } });
    expect(lookups).toBe(0);
  });

  it(`refuses batches larger than ${MAX_BATCH_SIZE}`, async () => {
    const paths = Array.from({ length: MAX_BATCH_SIZE + 1 }, () => "market.list").join(",");
    const response = await handler()(new Request(`${URL_BASE}/${paths}?batch=1&input={}`));
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(response.status).toBeLessThan(500);
    const ok = Array.from({ length: MAX_BATCH_SIZE }, () => "market.list").join(",");
    expect((await handler()(new Request(`${URL_BASE}/${ok}?batch=1&input={}`))).status).toBe(200);
  });

  it("answers an unexpected failure with one fixed sentence: no stack, no SQL, no internal message", async () => {
    const router = createTRPCRouter({
      boom: publicProcedure.query(() => {
        throw new Error('relation "users" does not exist: select password_hash from users');
      }),
    });
    const handle = createTrpcHandler({
      router,
      getServices: async () => services,
      resolveUser: async () => null,
      limits: () => null,
    });
    const response = await handle(new Request(`${URL_BASE}/boom`));
    expect(response.status).toBe(500);
    const text = await response.text();
    expect(JSON.parse(text)).toMatchObject({ error: { message: INTERNAL_MESSAGE, data: { code: "INTERNAL_SERVER_ERROR" } } });
    for (const leak of ["password_hash", "select", "stack", "relation", ".ts:"]) expect(text).not.toContain(leak);
  });

  it("a market too busy to queue an order answers 503 OVERLOADED with Retry-After", async () => {
    const router = createTRPCRouter({
      busy: publicProcedure.mutation(() => {
        throw new DomainError("OVERLOADED");
      }),
    });
    const handle = createTrpcHandler({
      router,
      getServices: async () => services,
      resolveUser: async () => null,
      limits: () => null,
    });
    const response = await handle(post("busy", {}));
    expect(response.status).toBe(503);
    expect(Number(response.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    expect(await response.json()).toMatchObject({ error: { data: { code: "SERVICE_UNAVAILABLE", domainCode: "OVERLOADED" } } });
  });

  it("with the database out of reach, calls and caller lookups answer 503 UNAVAILABLE with Retry-After, no SQL", async () => {
    const refused = () =>
      Object.assign(new Error("Failed query: select password_hash from users"), {
        cause: Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "ECONNREFUSED" }),
      });
    const router = createTRPCRouter({
      read: publicProcedure.query(() => {
        throw refused();
      }),
    });
    const sources = { router, getServices: async () => services, limits: () => null };
    for (const handle of [
      createTrpcHandler({ ...sources, resolveUser: async () => null }),
      createTrpcHandler({
        ...sources,
        resolveUser: async () => {
          throw refused();
        },
      }),
    ]) {
      const response = await handle(new Request(`${URL_BASE}/read`));
      expect(response.status).toBe(503);
      expect(Number(response.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
      const text = await response.text();
      expect(JSON.parse(text)).toMatchObject({ error: { data: { code: "SERVICE_UNAVAILABLE", domainCode: "UNAVAILABLE" } } });
      for (const leak of ["password_hash", "select", "ECONNREFUSED", "5432"]) expect(text).not.toContain(leak);
    }
  });

  it("a mutation carried by the session cookie from another site is refused before it runs", async () => {
    const market = await createTestMarket(services);
    const userId = await createTestUser(services, { USD: "100.00" });
    const cookie = await sessionCookieFor(userId, 0);
    const order = { market: market.symbol, side: "BUY", type: "LIMIT", price: "1.00", quantity: "1" };
    const place = (headers: Record<string, string>) => handler()(post("order.place", order, { cookie, ...headers }));
    expect((await place({ origin: "https://evil.example" })).status).toBe(403);
    expect((await place({ "sec-fetch-site": "cross-site" })).status).toBe(403);
    expect((await place({ "sec-fetch-site": "same-site" })).status).toBe(403);
    // Our own pages, and clients that are not browsers, go on to the usual checks.
    expect((await place({ origin: "http://bourse.test", "sec-fetch-site": "same-origin" })).status).toBe(200);
    expect((await place({})).status).toBe(200);
    const open = await services.db.select().from(orders).where(eq(orders.market, market.symbol));
    expect(open).toHaveLength(2);
  });

  it("an unknown bearer is anonymous, never a fallback to another credential", async () => {
    const response = await handler()(get("account.balances", undefined, { authorization: "Bearer bourse_nope" }));
    expect(response.status).toBe(401);
  });
});

describe("[HTTP] API keys and rate limits over HTTP", () => {
  it("a read key reads but cannot trade; a trade key trades", async () => {
    const market = await createTestMarket(services);
    const id = await createTestUser(services, { USD: "100.00" });
    const read = await createApiKey(services, { userId: id, name: "r", scopes: ["read"] });
    const trade = await createApiKey(services, { userId: id, name: "t", scopes: ["trade"] });
    const handle = handler();
    const auth = (secret: string) => ({ authorization: `Bearer ${secret}` });
    expect((await handle(get("account.balances", undefined, auth(read.secret)))).status).toBe(200);
    const order = { market: market.symbol, side: "BUY", type: "LIMIT", price: "1.00", quantity: "1" };
    const refused = await handle(post("order.place", order, auth(read.secret)));
    expect(refused.status).toBe(403);
    expect(await refused.json()).toMatchObject({ error: { data: { domainCode: "SCOPE_REQUIRED" } } });
    expect((await handle(post("order.place", order, auth(trade.secret)))).status).toBe(200);
    expect((await handle(post("admin.deposit", { email: "a@b.co", asset: "USD", amount: "1" }, auth(trade.secret)))).status).toBe(
      403,
    );
  });

  it("order entry over the limit is 429 with Retry-After and RateLimit headers", async () => {
    const market = await createTestMarket(services);
    const id = await createTestUser(services, { USD: "100.00" });
    const { secret } = await createApiKey(services, { userId: id, name: "t", scopes: ["trade"] });
    const handle = handler({ limits: limits({ RATE_LIMIT_ORDERS: { points: 2, durationSec: 60 } }) });
    const order = { market: market.symbol, side: "BUY", type: "LIMIT", price: "1.00", quantity: "1" };
    const headers = { authorization: `Bearer ${secret}` };
    const first = await handle(post("order.place", order, headers));
    expect(first.status).toBe(200);
    expect(first.headers.get("ratelimit-limit")).toBe("2");
    expect(first.headers.get("ratelimit-remaining")).toBe("1");
    expect(Number(first.headers.get("ratelimit-reset"))).toBeGreaterThan(0);
    expect((await handle(post("order.cancelAll", {}, headers))).status).toBe(200);
    const limited = await handle(post("order.place", order, headers));
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(limited.headers.get("ratelimit-remaining")).toBe("0");
    expect(await limited.json()).toMatchObject({ error: { data: { code: "TOO_MANY_REQUESTS", domainCode: "RATE_LIMITED" } } });
  });

  it("reads are limited per API key; another key of the same user has its own budget", async () => {
    const id = await createTestUser(services);
    const one = await createApiKey(services, { userId: id, name: "1", scopes: ["read"] });
    const two = await createApiKey(services, { userId: id, name: "2", scopes: ["read"] });
    const handle = handler({ limits: limits({ RATE_LIMIT_API_READS: { points: 1, durationSec: 60 } }) });
    expect((await handle(get("market.list", undefined, { authorization: `Bearer ${one.secret}` }))).status).toBe(200);
    expect((await handle(get("market.list", undefined, { authorization: `Bearer ${one.secret}` }))).status).toBe(429);
    expect((await handle(get("market.list", undefined, { authorization: `Bearer ${two.secret}` }))).status).toBe(200);
    // Anonymous and website reads are not counted against keys.
    expect((await handle(get("market.list", undefined))).status).toBe(200);
  });

  it("sign-ups are limited per client address", async () => {
    const handle = handler({ limits: limits({ RATE_LIMIT_SIGNUP_IP: { points: 1, durationSec: 60 } }) });
    const signUp = (ip: string) =>
      handle(
        post(
          "account.register",
          { email: `s-${uniqueSuffix()}@test.local`, password: "a long enough passphrase" },
          { "x-forwarded-for": ip },
        ),
      );
    expect((await signUp("192.0.2.1")).status).toBe(200);
    expect((await signUp("192.0.2.1")).status).toBe(429);
    expect((await signUp("192.0.2.2")).status).toBe(200);
  });
});
