import pg from "pg";
import { createMemoryCache } from "../../src/server/cache/memory-cache";
import type { Database } from "../../src/server/db/types";
import { createMemoryBus } from "../../src/server/bus/memory-bus";
import type { ServiceContext } from "../../src/server/services/context";
import { placeOrder } from "../../src/server/services/trading/place-order";
import { createTestMarket, createTestUser } from "../../tests/fixtures";
import { MakerBook } from "./maker-book";
import { clientOrderId, MAKER_PRICE, makersFor, QUANTITY, restingPrice } from "./order-shapes";
import { rawOrder, rawRowId } from "./pg-baseline";
import type { Profile } from "./profile";
import { installPgQueryCounter, type QueryCounter, type QueryCounts } from "./query-counter";
import { type Report, summaryFigures } from "./report";
import { runClosedLoop } from "./stats";

/**
 * Order entry without HTTP: placeOrder called in this process at standard concurrency, against
 * the raw per-transaction baseline of the same run; and the statements and round trips one order
 * costs, counted on pg's client. The cache and bus are in memory, so what is measured is the
 * service and its database work.
 */

const MARKETS = 5;

export const serviceId = (kind: "resting" | "taker", clients: number) => `service.${kind}.c${clients}`;
const USD = "100000000.00";
const BASE = "10000000";

interface Fixture {
  services: ServiceContext;
  markets: string[];
  makers: string[];
  users: string[];
}

async function createFixture(database: Database, clients: number): Promise<Fixture> {
  const services: ServiceContext = { db: database.db, cache: createMemoryCache(), bus: createMemoryBus() };
  const fixture: Fixture = { services, markets: [], makers: [], users: [] };
  for (let i = 0; i < MARKETS; i++) {
    const market = await createTestMarket(services);
    fixture.markets.push(market.symbol);
    fixture.makers.push(await createTestUser(services, { [market.base]: BASE }));
  }
  for (let i = 0; i < clients; i++) fixture.users.push(await createTestUser(services, { USD }));
  return fixture;
}

function makerBook(fixture: Fixture): MakerBook {
  return new MakerBook(fixture.markets.length, async (market, count) => {
    for (let i = 0; i < count; i++) {
      await placeOrder(fixture.services, {
        userId: fixture.makers[market] ?? "",
        market: fixture.markets[market] ?? "",
        side: "SELL",
        type: "LIMIT",
        price: MAKER_PRICE,
        quantity: QUANTITY,
      });
    }
  });
}

const resting = (fixture: Fixture, runId: string, tag: string) => async (index: number, client: number) => {
  await placeOrder(fixture.services, {
    userId: fixture.users[client % fixture.users.length] ?? "",
    market: fixture.markets[index % fixture.markets.length] ?? "",
    side: "BUY",
    type: "LIMIT",
    price: restingPrice(index),
    quantity: QUANTITY,
    clientOrderId: clientOrderId(runId, tag, index),
  });
};

const taker = (fixture: Fixture, makers: MakerBook, runId: string, tag: string) => async (index: number, client: number) => {
  const market = index % fixture.markets.length;
  const result = await placeOrder(fixture.services, {
    userId: fixture.users[client % fixture.users.length] ?? "",
    market: fixture.markets[market] ?? "",
    side: "BUY",
    type: "LIMIT",
    timeInForce: "IOC",
    price: MAKER_PRICE,
    quantity: QUANTITY,
    clientOrderId: clientOrderId(runId, tag, index),
  });
  if (result.trades.length > 0) makers.filled(market);
  if (result.trades.length !== 1) throw new Error(`a taker made ${result.trades.length} trades, not 1`);
};

export async function runInProcess(
  report: Report,
  database: Database,
  pgUrl: string | null,
  profile: Profile,
  runId: string,
): Promise<void> {
  const clients = profile.standardClients;
  const label = database.kind === "pglite" ? "PGlite in memory" : "Postgres";
  const fixture = await createFixture(database, clients);
  const makers = makerBook(fixture);
  const counter = database.kind === "pg" ? installPgQueryCounter() : null;
  try {
    const bounds = { warmup: { maxOps: profile.warmupMaxOps, maxMs: profile.warmupMaxMs } };
    const measure = { maxOps: profile.caseMaxOps, maxMs: profile.caseMaxMs };
    const rest = await runClosedLoop({
      clients,
      ...bounds,
      measure,
      op: resting(fixture, runId, "svc-rest"),
      onMeasureStart: () => counter?.reset(),
    });
    const restCounts = counter ? perOrder(counter.read(), rest.ops + rest.errors) : null;
    report.add({
      id: serviceId("resting", clients),
      group: `in-process service (${label})`,
      name: "placeOrder resting, 5 markets",
      clients,
      ...summaryFigures(rest),
      // The raw baselines run on Postgres only.
      vs:
        database.kind === "pg"
          ? [
              { against: rawRowId("none", clients), metric: "perSecond" },
              { against: rawRowId("five-markets", clients), metric: "perSecond" },
            ]
          : [],
    });

    await makers.ensure(makersFor(rest.perSecond, profile));
    const available = makers.capacity();
    const warmupOps = Math.min(profile.warmupMaxOps, Math.floor(available / 4));
    counter?.reset();
    const take = await runClosedLoop({
      clients,
      warmup: { maxOps: warmupOps, maxMs: profile.warmupMaxMs },
      measure: { maxOps: available - warmupOps, maxMs: profile.caseMaxMs },
      op: taker(fixture, makers, runId, "svc-take"),
      onMeasureStart: () => counter?.reset(),
    });
    const takeCounts = counter ? perOrder(counter.read(), take.ops + take.errors) : null;
    report.add({
      id: serviceId("taker", clients),
      group: `in-process service (${label})`,
      name: "placeOrder one-fill taker, 5 markets",
      clients,
      ...summaryFigures(take),
      vs: [{ against: serviceId("resting", clients), metric: "perSecond" }],
    });

    if (!counter || !pgUrl) {
      report.skip("statements and round trips per order", "counted on pg's client: needs DATABASE_URL (Postgres)");
      return;
    }
    await countStatements(report, { fixture, makers, counter, pgUrl, profile, runId, restCounts, takeCounts });
  } finally {
    counter?.uninstall();
  }
}

function perOrder(counts: QueryCounts, orders: number): QueryCounts {
  const per = (n: number) => (orders > 0 ? +(n / orders).toFixed(2) : Number.NaN);
  return { statements: per(counts.statements), roundTrips: per(counts.roundTrips) };
}

interface CountContext {
  fixture: Fixture;
  makers: MakerBook;
  counter: QueryCounter;
  pgUrl: string;
  profile: Profile;
  runId: string;
  restCounts: QueryCounts | null;
  takeCounts: QueryCounts | null;
}

/** One order at a time, so every statement counted belongs to the order being placed. */
async function countStatements(report: Report, c: CountContext): Promise<void> {
  const orders = c.profile.statementOrders;
  const sequentially = async (op: (index: number, client: number) => Promise<void>) => {
    c.counter.reset();
    for (let i = 0; i < orders; i++) await op(i * c.fixture.markets.length, 0);
    return perOrder(c.counter.read(), orders);
  };
  const add = (id: string, name: string, clients: number, counts: QueryCounts | null) => {
    if (!counts) return;
    report.add({ id, group: "statements", name, clients, ...counts, vs: [{ against: "statements.raw", metric: "roundTrips" }] });
  };

  const pool = new pg.Pool({ connectionString: c.pgUrl, max: 1, application_name: "bourse-bench-raw" });
  try {
    const market = c.fixture.markets[0] ?? "";
    const user = c.fixture.users[0] ?? "";
    const raw = await sequentially((index) => rawOrder(pool, false, market, user, clientOrderId(c.runId, "count-raw", index)));
    report.add({
      id: "statements.raw",
      group: "statements",
      name: "raw baseline: 3 writes in a transaction",
      clients: 1,
      ...raw,
    });
  } finally {
    await pool.end();
  }
  add("statements.resting.c1", "resting order, one at a time", 1, await sequentially(resting(c.fixture, c.runId, "count-rest")));
  await c.makers.ensure(orders * c.fixture.markets.length);
  add(
    "statements.taker.c1",
    "one-fill taker, one at a time",
    1,
    await sequentially(taker(c.fixture, c.makers, c.runId, "count-take")),
  );
  const clients = c.profile.standardClients;
  add(`statements.resting.c${clients}`, `resting order, ${clients} clients (per order)`, clients, c.restCounts);
  add(`statements.taker.c${clients}`, `one-fill taker, ${clients} clients (per order)`, clients, c.takeCounts);
}
