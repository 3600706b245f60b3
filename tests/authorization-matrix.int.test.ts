import { TRPCError } from "@trpc/server";
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { type AuthUser, createContext } from "../src/server/api/context";
import { appRouter, createCaller } from "../src/server/api/root";
import { resolveUser } from "../src/server/api/resolve-user";
import { assets, users } from "../src/server/db/schema";
import { insertImportedCandles } from "../src/server/db/queries/imported-candles";
import { createApiKey } from "../src/server/services/accounts/api-keys";
import { registerNewsSource } from "../src/server/services/research/news/news-sources";
import { TEST_SESSION_OPTIONS } from "./auth-helpers";
import { servicesForThisFile } from "./file-services";
import { createTestMarket, createTestUser, sessionUser, uniqueSuffix } from "./fixtures";
import { failedAuditChecks, stateFingerprint } from "./state";

/**
 * Every procedure × every kind of caller, against a table kept here. A procedure added to
 * appRouter without a row fails "every procedure has a row": decide who may call it, then add it.
 * Deny means UNAUTHORIZED, FORBIDDEN or NOT_FOUND (someone else's things do not exist for you),
 * and a denied call must change nothing at all.
 */
const PRINCIPALS = ["anonymous", "other", "owner", "readKey", "tradeKey", "admin"] as const;
type Principal = (typeof PRINCIPALS)[number];

interface Fixture {
  market: string;
  /** The market's base asset, which has news. */
  asset: string;
  ownerEmail: string;
  /** A fresh open order of the owner's (cancel and amend use one up). */
  ownerOrder(): Promise<{ id: string; clientOrderId: string }>;
  ownerKeyId(): Promise<string>;
  freshAsset(): Promise<string>;
  /** A fresh news source of the asset (remove uses one up). */
  freshNewsSource(): Promise<string>;
}

interface Row {
  /** Allowed (A) or denied (D) for: anonymous, other user, owner, owner's read key, owner's trade key, admin. */
  rule: string;
  input: (f: Fixture) => unknown;
  /** Announced by another engineer but not merged yet: a missing procedure is tolerated. */
  pending?: true;
}

const PUBLIC = "A A A A A A";
const SIGNED_IN = "D A A A A A";
const OWNER_READ = "D D A A A D"; // someone else's order is NOT_FOUND, for admins too
const OWNER_TRADE = "D D A D A D";
const SIGNED_IN_TRADE = "D A A D A A"; // acts on the caller's own things only
const SESSION_ONLY = "D A A D D A";
const SIGNED_IN_READ = "D A A A D A"; // a session, or a key with the read scope
const OWNER_SESSION = "D D A D D D";
const ADMIN_ONLY = "D D D D D A";

const order = (f: Fixture) => ({ market: f.market, side: "BUY", type: "LIMIT", price: "1.00", quantity: "1" });
/** Over the fixture market's imported minutes (see beforeAll): enough candles to run anything. */
const backtest = (f: Fixture) => ({
  market: f.market,
  source: "imported",
  interval: "1m",
  startTime: 0,
  endTime: 9 * 60_000,
  strategy: "sma-cross",
  initialCash: "100.00",
});

const MATRIX: Record<string, Row> = {
  "asset.list": { rule: PUBLIC, input: () => undefined },
  "market.list": { rule: PUBLIC, input: () => undefined },
  "market.bySymbol": { rule: PUBLIC, input: (f) => ({ symbol: f.market }) },
  "market.orderBook": { rule: PUBLIC, input: (f) => ({ market: f.market }) },
  "market.trades": { rule: PUBLIC, input: (f) => ({ market: f.market }) },
  "market.ticker": { rule: PUBLIC, input: (f) => ({ symbol: f.market }) },
  "market.candles": { rule: PUBLIC, input: (f) => ({ market: f.market, interval: "1m" }) },
  "market.history": { rule: PUBLIC, input: (f) => ({ market: f.market, interval: "1m" }) },
  "market.onTrades": { rule: PUBLIC, input: (f) => ({ market: f.market }) },
  "market.onBook": { rule: PUBLIC, input: (f) => ({ market: f.market }) },
  "market.onTicker": { rule: PUBLIC, input: (f) => ({ market: f.market }) },
  "market.onCandles": { rule: PUBLIC, input: (f) => ({ market: f.market, interval: "1m" }) },
  "market.onHistory": { rule: PUBLIC, input: (f) => ({ market: f.market, interval: "1m" }) },
  "market.liveHistory": { rule: PUBLIC, input: (f) => ({ market: f.market }) },
  "backtest.strategies": { rule: PUBLIC, input: () => undefined },
  "backtest.run": { rule: SIGNED_IN_READ, input: (f) => ({ ...backtest(f), params: { fast: 2, slow: 3 } }) },
  "backtest.sweep": { rule: SIGNED_IN_READ, input: (f) => ({ ...backtest(f), grid: { fast: [1, 2], slow: [3] } }) },
  "backtest.walkForward": { rule: SIGNED_IN_READ, input: (f) => ({ ...backtest(f), grid: { fast: [1, 2], slow: [3] } }) },
  "order.place": { rule: SIGNED_IN_TRADE, input: order },
  "order.placeOco": {
    rule: SIGNED_IN_TRADE,
    input: (f) => ({ market: f.market, side: "SELL", quantity: "1", price: "5.00", triggerPrice: "0.50" }),
  },
  "order.amend": { rule: OWNER_TRADE, input: async (f) => ({ ref: { orderId: (await f.ownerOrder()).id }, quantity: "0.5" }) },
  "order.cancel": { rule: OWNER_TRADE, input: async (f) => ({ clientOrderId: (await f.ownerOrder()).clientOrderId }) },
  "order.cancelAll": { rule: SIGNED_IN_TRADE, input: (f) => ({ market: f.market }) },
  "order.byId": { rule: OWNER_READ, input: async (f) => ({ orderId: (await f.ownerOrder()).id }) },
  "order.list": { rule: SIGNED_IN, input: () => ({ status: "history" }) },
  "account.register": {
    rule: PUBLIC,
    input: () => ({ email: `m-${uniqueSuffix()}@test.local`, password: "matrix passphrase 1" }),
  },
  "account.me": { rule: SIGNED_IN, input: () => undefined },
  "account.signOutEverywhere": { rule: SESSION_ONLY, input: () => undefined },
  "account.balances": { rule: SIGNED_IN, input: () => undefined },
  "account.trades": { rule: SIGNED_IN, input: () => ({}) },
  "account.onOrders": { rule: SIGNED_IN, input: () => undefined },
  "account.onBalances": { rule: SIGNED_IN, input: () => undefined },
  "apiKey.create": { rule: SESSION_ONLY, input: () => ({ name: "matrix", scopes: ["read"] }) },
  "apiKey.list": { rule: SESSION_ONLY, input: () => undefined },
  "apiKey.revoke": { rule: OWNER_SESSION, input: async (f) => ({ id: await f.ownerKeyId() }) },
  "admin.findUser": { rule: ADMIN_ONLY, input: (f) => ({ email: f.ownerEmail }) },
  "admin.deposit": { rule: ADMIN_ONLY, input: (f) => ({ email: f.ownerEmail, asset: "USD", amount: "1.00" }) },
  "admin.withdraw": { rule: ADMIN_ONLY, input: (f) => ({ email: f.ownerEmail, asset: "USD", amount: "0.01" }) },
  "admin.createAsset": { rule: ADMIN_ONLY, input: () => ({ symbol: `M${uniqueSuffix()}`, name: "Matrix", scale: 2 }) },
  "admin.createMarket": {
    rule: ADMIN_ONLY,
    input: async (f) => ({
      baseAsset: await f.freshAsset(),
      quoteAsset: "USD",
      priceTick: "0.01",
      quantityStep: "1",
      minQuantity: "1",
      minNotional: "1",
      makerFeeBps: 0,
      takerFeeBps: 0,
    }),
  },
  "admin.setMarketStatus": { rule: ADMIN_ONLY, input: (f) => ({ symbol: f.market, status: "OPEN" }) },
  "news.list": { rule: PUBLIC, input: (f) => ({ asset: f.asset }) },
  "news.sentiment": { rule: PUBLIC, input: (f) => ({ asset: f.asset }) },
  "news.onItems": { rule: PUBLIC, input: (f) => ({ asset: f.asset }) },
  "news.sources.list": { rule: ADMIN_ONLY, input: (f) => ({ asset: f.asset }) },
  "news.sources.add": {
    rule: ADMIN_ONLY,
    input: (f) => ({ asset: f.asset, url: `https://feeds.example/${uniqueSuffix()}.xml` }),
  },
  "news.sources.remove": { rule: ADMIN_ONLY, input: async (f) => ({ id: await f.freshNewsSource() }) },
  "news.add": { rule: ADMIN_ONLY, input: (f) => ({ asset: f.asset, title: `Matrix headline ${uniqueSuffix()}` }) },
  "news.import": {
    rule: ADMIN_ONLY,
    input: (f) => ({
      asset: f.asset,
      contents: JSON.stringify({
        version: "https://jsonfeed.org/version/1.1",
        title: "Matrix",
        items: [{ id: `matrix-${uniqueSuffix()}`, title: "Matrix item", content_text: "" }],
      }),
    }),
  },
};

const DENIED_CODES = new Set(["UNAUTHORIZED", "FORBIDDEN", "NOT_FOUND"]);
// tRPC types _def.procedures by the router's nesting; at run time it is flat, keyed by dotted path.
const procedures = appRouter._def.procedures as unknown as Record<string, { _def: { type: string } }>;

function expected(row: Row, who: Principal): "allow" | "deny" {
  const letter = row.rule.split(" ")[PRINCIPALS.indexOf(who)];
  return letter === "A" ? "allow" : "deny";
}

const { services } = servicesForThisFile();
let fixture: Fixture;
const users_: Record<Principal, AuthUser | null> = {
  anonymous: null,
  other: null,
  owner: null,
  readKey: null,
  tradeKey: null,
  admin: null,
};
let adminKeyUser: AuthUser | null = null;

async function keyUser(userId: string, scopes: ("read" | "trade")[]): Promise<AuthUser> {
  const { secret } = await createApiKey(services, { userId, name: scopes.join("+"), scopes });
  const user = await resolveUser(services.db, new Headers({ authorization: `Bearer ${secret}` }), TEST_SESSION_OPTIONS);
  if (!user) throw new Error("test key did not resolve");
  return user;
}

beforeAll(async () => {
  const market = await createTestMarket(services);
  // Ten imported minutes from the epoch, for the backtest rows.
  const minutes = Array.from({ length: 10 }, (_, i) => {
    const price = BigInt(100 + (i % 3) * 10);
    return {
      openTimeMs: i * 60_000,
      closeTimeMs: i * 60_000 + 59_999,
      open: price,
      high: price,
      low: price,
      close: price,
      baseVolume: 100n,
      quoteVolume: 100n * price,
      tradeCount: 1,
      takerBuyBaseVolume: 0n,
      takerBuyQuoteVolume: 0n,
    };
  });
  await insertImportedCandles(services.db, { market: market.symbol, interval: "1m", source: "matrix", candles: minutes });
  const funds = { USD: "100000.00", [market.base]: "1000" };
  const owner = await createTestUser(services, funds);
  const other = await createTestUser(services, funds);
  const admin = await createTestUser(services, funds, "admin");
  const [ownerRow] = await services.db.select({ email: users.email }).from(users).where(eq(users.id, owner));
  users_.owner = sessionUser(owner);
  users_.other = sessionUser(other);
  users_.admin = sessionUser(admin, "admin");
  users_.readKey = await keyUser(owner, ["read"]);
  users_.tradeKey = await keyUser(owner, ["trade"]);
  adminKeyUser = await keyUser(admin, ["read", "trade"]);
  const ownerCaller = callerOf(users_.owner);
  fixture = {
    market: market.symbol,
    asset: market.base,
    ownerEmail: ownerRow?.email ?? "",
    async ownerOrder() {
      const clientOrderId = `matrix-${uniqueSuffix()}`;
      const placed = await ownerCaller.order.place({ ...order(fixture), side: "BUY", type: "LIMIT", clientOrderId });
      return { id: placed.order.id, clientOrderId };
    },
    async ownerKeyId() {
      return (await createApiKey(services, { userId: owner, name: "to revoke", scopes: ["read"] })).key.id;
    },
    async freshAsset() {
      const symbol = `B${uniqueSuffix()}`;
      await services.db.insert(assets).values({ symbol, name: "Base", scale: 0 });
      return symbol;
    },
    async freshNewsSource() {
      return (await registerNewsSource(services, { asset: market.base, url: `https://feeds.example/${uniqueSuffix()}` })).id;
    },
  };
});

function callerOf(user: AuthUser | null) {
  return createCaller(createContext({ services, user }));
}

/** Calls `path` as `user`; for a subscription, starting it is the call, and it is stopped at once. */
async function call(user: AuthUser | null, path: string, input: unknown): Promise<unknown> {
  let target: unknown = callerOf(user);
  for (const key of path.split(".")) target = (target as Record<string, unknown>)[key];
  const result = await (target as (input: unknown) => Promise<unknown>)(input);
  const iterator = (result as { [Symbol.asyncIterator]?: () => AsyncIterator<unknown> } | null)?.[Symbol.asyncIterator]?.();
  await iterator?.return?.();
  return result;
}

async function outcome(user: AuthUser | null, path: string, input: unknown): Promise<"allow" | string> {
  try {
    await call(user, path, input);
    return "allow";
  } catch (error) {
    return error instanceof TRPCError ? error.code : String(error);
  }
}

describe("[AUTHZ] authorization matrix", () => {
  it("every procedure of appRouter has a row, and every row names a procedure", () => {
    expect(Object.keys(procedures).filter((path) => !MATRIX[path])).toEqual([]);
    const stale = Object.entries(MATRIX).filter(([path, row]) => !procedures[path] && !row.pending);
    expect(stale.map(([path]) => path)).toEqual([]);
  });

  const rows = Object.entries(MATRIX);
  for (const [path, row] of rows) {
    it.skipIf(!procedures[path])(`${path}: ${row.rule}`, async () => {
      const mismatches: string[] = [];
      for (const who of PRINCIPALS) {
        const input = await row.input(fixture);
        const before = await stateFingerprint(services.db);
        const got = await outcome(users_[who], path, input);
        const want = expected(row, who);
        if (want === "allow" && got !== "allow") mismatches.push(`${who}: expected allow, got ${got}`);
        if (want === "deny") {
          if (!DENIED_CODES.has(got)) mismatches.push(`${who}: expected deny, got ${got}`);
          else if (JSON.stringify(await stateFingerprint(services.db)) !== JSON.stringify(before)) {
            mismatches.push(`${who}: denied (${got}) but the database changed`);
          }
        }
      }
      expect(mismatches).toEqual([]);
    });
  }

  it("an admin's own API key is refused by every admin procedure", async () => {
    for (const path of Object.keys(procedures).filter((p) => MATRIX[p]?.rule === ADMIN_ONLY)) {
      const row = MATRIX[path];
      if (!row) continue;
      expect(await outcome(adminKeyUser, path, await row.input(fixture)), path).toBe("FORBIDDEN");
    }
  });

  it("acting on another user's order is NOT_FOUND, by id or clientOrderId, and changes nothing", async () => {
    const target = await fixture.ownerOrder();
    const before = await stateFingerprint(services.db);
    const attempts: [string, unknown][] = [
      ["order.cancel", { orderId: target.id }],
      ["order.cancel", { clientOrderId: target.clientOrderId }],
      ["order.amend", { ref: { orderId: target.id }, quantity: "0.5" }],
      ["order.amend", { ref: { clientOrderId: target.clientOrderId }, quantity: "0.5" }],
      ["order.byId", { orderId: target.id }],
      ["order.byId", { clientOrderId: target.clientOrderId }],
    ];
    for (const attacker of [users_.other, users_.admin]) {
      for (const [path, input] of attempts) expect(await outcome(attacker, path, input), path).toBe("NOT_FOUND");
    }
    expect(await stateFingerprint(services.db)).toEqual(before);
    expect((await callerOf(users_.owner).order.byId({ orderId: target.id })).status).toBe("NEW");
    expect(await failedAuditChecks(services.db)).toEqual([]);
  });
});
