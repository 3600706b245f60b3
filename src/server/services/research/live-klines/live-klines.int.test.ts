import { and, asc, eq } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { bucketStart } from "@/domain/candles";
import { klineStreamName } from "@/domain/klines/stream-names";
import { type FakeBinance, fakeKline, startFakeBinance } from "../../../../../tests/fake-binance";
import { servicesForThisFile } from "../../../../../tests/file-services";
import { createTestMarket, uniqueSuffix } from "../../../../../tests/fixtures";
import { hasRealPostgres } from "../../../../../tests/test-db";
import { readTopicEvents } from "../../../db/queries/event-log";
import { events, importedCandles, klineStreamLeases } from "../../../db/schema";
import { klinePageFetcher } from "../../../outbound/kline-rest";
import { klineSocketOpener } from "../../../outbound/kline-socket";
import { HISTORY_EVENT, historyTopic, type LiveKlineView } from "./history-events";
import { type LiveKlines, startLiveKlines } from "./live-klines";
import type { LiveKlineOptions } from "./options";

const { services } = servicesForThisFile();
let fake: FakeBinance;
const running: LiveKlines[] = [];

beforeAll(async () => {
  fake = await startFakeBinance();
});
// A failed test must not leave its connector running into the next one.
afterEach(async () => {
  await Promise.all(running.splice(0).map((r) => r.stop()));
});
afterAll(async () => {
  await fake?.close();
});

const MIN = 60_000;
/** Half an hour ago, on the minute: far enough back that a test's candles are all closed by now. */
const PAST = bucketStart(Date.now(), "1m") - 30 * MIN;

/** A fresh market and a stream of its own, so the tests never share candles, events or leases. */
async function newStream() {
  const market = await createTestMarket(services);
  const symbol = `X${uniqueSuffix()}USDT`;
  return { market: market.symbol, symbol, name: klineStreamName(symbol, "1m") };
}

type Stream = Awaited<ReturnType<typeof newStream>>;

function optionsFor(stream: Stream, overrides: Partial<LiveKlineOptions> = {}): LiveKlineOptions {
  return {
    targets: [{ market: stream.market, name: stream.name, symbol: stream.symbol, interval: "1m" }],
    wsUrl: fake.wsUrl,
    wsPath: "stream",
    priceRounding: "reject",
    deadAfterMs: 1_500,
    backoff: { initialMs: 50, maxMs: 400, stableMs: 60_000 },
    maxGapCandles: 10_000,
    leaseMs: 3_000,
    leaseRenewMs: 150,
    formingEveryMs: 300,
    random: () => 0.5,
    ...overrides,
  };
}

function start(stream: Stream, overrides: Partial<LiveKlineOptions> = {}): LiveKlines {
  const live = startLiveKlines(services, optionsFor(stream, overrides), {
    openSocket: klineSocketOpener({ handshakeTimeoutMs: 2_000, maxMessageBytes: 64 * 1024 }),
    fetchPage: klinePageFetcher(fake.restUrl, { timeoutMs: 2_000, maxBytes: 2_000_000 }),
  });
  running.push(live);
  return live;
}

async function waitFor(what: string, check: () => boolean | Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const statusOf = (live: LiveKlines) => {
  const [status] = live.statuses();
  if (!status) throw new Error("no stream status");
  return status;
};
const isLive = (live: LiveKlines) => statusOf(live).state === "live";
const attemptsFor = (stream: Stream) => fake.connectAttempts().filter((path) => path.includes(stream.name)).length;

async function storedOpens(stream: Stream): Promise<number[]> {
  const rows = await services.db
    .select({ openTime: importedCandles.openTime })
    .from(importedCandles)
    .where(and(eq(importedCandles.market, stream.market), eq(importedCandles.interval, "1m")))
    .orderBy(asc(importedCandles.openTime));
  return rows.map((r) => r.openTime.getTime());
}

async function historyEvents(stream: Stream) {
  const rows = await readTopicEvents(services.db, { topic: historyTopic(stream.market, "1m"), afterSeq: 0n, limit: 1_000 });
  return rows.map((r) => ({ type: r.type, payload: r.payload as LiveKlineView }));
}

const minutes = (from: number, count: number) => Array.from({ length: count }, (_, i) => from + i * MIN);

/** Sends closed candles for these open times, as the venue would minute after minute. */
function sendClosed(stream: Stream, opens: readonly number[]): void {
  for (const open of opens) fake.send(stream.symbol, "1m", fakeKline(open, 40_000), true);
}

/** Waits until a connection opened after `attemptsBefore` attempts is up on both ends. */
async function reconnected(stream: Stream, live: LiveKlines, attemptsBefore: number): Promise<void> {
  await waitFor(
    "a new connection",
    () => attemptsFor(stream) > attemptsBefore && fake.openConnections(stream.name) > 0 && statusOf(live).connectedSince !== null,
  );
}

/** Lets the next connection see its first kline, then waits until it is live again. */
async function nudgeLive(stream: Stream, live: LiveKlines, open: number): Promise<void> {
  await waitFor("a connection", () => fake.openConnections(stream.name) > 0 && statusOf(live).connectedSince !== null);
  fake.send(stream.symbol, "1m", fakeKline(open, 40_000, 1), false);
  await waitFor("live", () => isLive(live));
}

describe(`[KLINES] live kline connector against a local Binance-protocol server (${hasRealPostgres() ? "postgres" : "pglite"})`, () => {
  it("stores closed candles with the stream's source and publishes the forming one, at most once per period", async () => {
    const stream = await newStream();
    const live = start(stream);
    await nudgeLive(stream, live, PAST);
    // Ten updates of the forming candle within 50 ms: one event at once, one trailing with the last state.
    for (let step = 1; step <= 10; step++) fake.send(stream.symbol, "1m", fakeKline(PAST, 40_000, step), false);
    await new Promise((resolve) => setTimeout(resolve, 700));
    const forming = (await historyEvents(stream)).filter((e) => !e.payload.isClosed);
    expect(forming.length).toBeGreaterThanOrEqual(1);
    expect(forming.length).toBeLessThanOrEqual(3);
    expect(forming.at(-1)?.payload.close).toBe(fakeKline(PAST, 40_000, 10).close.slice(0, -6));

    sendClosed(stream, minutes(PAST, 3));
    await waitFor("three stored candles", async () => (await storedOpens(stream)).length === 3);
    expect(await storedOpens(stream)).toEqual(minutes(PAST, 3));
    const [row] = await services.db.select().from(importedCandles).where(eq(importedCandles.market, stream.market)).limit(1);
    expect(row?.source).toBe(`127.0.0.1/${stream.name}`);
    const closed = (await historyEvents(stream)).filter((e) => e.payload.isClosed).map((e) => e.payload.openTime);
    expect(closed).toEqual(minutes(PAST, 3));
    // Nothing was stored before the first kline, so there was no gap to fill.
    expect(fake.restRequests().filter((q) => q.get("symbol") === stream.symbol)).toEqual([]);
    expect(statusOf(live)).toMatchObject({ state: "live", holdsLease: true, lastClosedOpenTime: PAST + 2 * MIN, badMessages: 0 });
    await live.stop();
  });

  it("after a drop: reconnects with backoff, fills the missed candles over REST, none missing, none doubled", async () => {
    const stream = await newStream();
    const live = start(stream);
    await nudgeLive(stream, live, PAST);
    sendClosed(stream, minutes(PAST, 3));
    await waitFor("stored", async () => (await storedOpens(stream)).length === 3);

    const attemptsBefore = attemptsFor(stream);
    fake.refuseConnects(2, stream.name);
    fake.dropConnections(stream.name);
    // The venue goes on while nobody listens: five candles close.
    for (const open of minutes(PAST + 3 * MIN, 5)) fake.store(stream.symbol, "1m", fakeKline(open, 40_000));
    await reconnected(stream, live, attemptsBefore + 2);
    // The first candle the new connection shows is a closed one; the next ones come at once, during the fill.
    sendClosed(stream, minutes(PAST + 8 * MIN, 3));
    await waitFor("eleven candles", async () => (await storedOpens(stream)).length === 11);

    expect(await storedOpens(stream)).toEqual(minutes(PAST, 11));
    const requests = fake.restRequests().filter((q) => q.get("symbol") === stream.symbol);
    expect(requests.map((q) => [q.get("interval"), q.get("startTime"), q.get("endTime"), q.get("limit")])).toEqual([
      ["1m", String(PAST + 3 * MIN), String(PAST + 8 * MIN - 1), "1000"],
    ]);
    const status = statusOf(live);
    expect(status.reconnects).toBeGreaterThanOrEqual(3);
    expect(status.lastGap).toMatchObject({ missing: 5, skipped: 0, pages: 1, received: 5, inserted: 5, refused: 0 });
    // Each closed candle announced once, the filled ones by one "filled" event.
    const announced = await historyEvents(stream);
    expect(announced.filter((e) => e.payload.isClosed).map((e) => e.payload.openTime)).toEqual([
      ...minutes(PAST, 3),
      ...minutes(PAST + 8 * MIN, 3),
    ]);
    expect(announced.filter((e) => e.type === HISTORY_EVENT.filled)).toHaveLength(1);
    await live.stop();
  });

  it("pages a long gap by 1,000 and keeps to the bound, newest first kept", async () => {
    const stream = await newStream();
    const live = start(stream, { maxGapCandles: 2_100 });
    await nudgeLive(stream, live, PAST - 3_000 * MIN);
    sendClosed(stream, [PAST - 3_000 * MIN]);
    await waitFor("the first candle", async () => (await storedOpens(stream)).length === 1);
    const attempts = attemptsFor(stream);
    fake.dropConnections(stream.name);
    for (const open of minutes(PAST - 2_999 * MIN, 2_999)) fake.store(stream.symbol, "1m", fakeKline(open, 40_000));
    await reconnected(stream, live, attempts);
    sendClosed(stream, [PAST]);
    await waitFor("the fill", () => statusOf(live).lastGap?.missing === 2_999 && isLive(live), 30_000);
    await waitFor("the last candle", async () => (await storedOpens(stream)).length === 2_102);
    const opens = await storedOpens(stream);
    expect(statusOf(live).lastGap).toMatchObject({ missing: 2_999, skipped: 899, pages: 3, inserted: 2_100 });
    expect(opens[1]).toBe(PAST - 2_100 * MIN);
    const starts = fake
      .restRequests()
      .filter((q) => q.get("symbol") === stream.symbol)
      .map((q) => Number(q.get("startTime")));
    expect(starts).toEqual([PAST - 2_100 * MIN, PAST - 1_100 * MIN, PAST - 100 * MIN]);
    await live.stop();
  });

  it("a failed gap fill stores nothing of the stream and is planned again on the next connection", async () => {
    const stream = await newStream();
    const live = start(stream);
    await nudgeLive(stream, live, PAST);
    sendClosed(stream, [PAST]);
    await waitFor("stored", async () => (await storedOpens(stream)).length === 1);
    const attempts = attemptsFor(stream);
    fake.dropConnections(stream.name);
    for (const open of minutes(PAST + MIN, 2)) fake.store(stream.symbol, "1m", fakeKline(open, 40_000));
    fake.failNextRest(429, 1);
    await reconnected(stream, live, attempts);
    sendClosed(stream, [PAST + 3 * MIN]);
    await waitFor("the refused fill", () => /gap fill failed: .*HTTP 429/.test(statusOf(live).lastError ?? ""));
    // Candle 3 came from the stream but was not trusted: storing it would have hidden the gap.
    expect(await storedOpens(stream)).toEqual([PAST]);
    const failedAt = Date.now();
    await reconnected(stream, live, attemptsFor(stream));
    // The server asked for a second's pause; the backoff alone would have been 100-200 ms.
    expect(Date.now() - failedAt).toBeGreaterThanOrEqual(900);
    sendClosed(stream, [PAST + 3 * MIN, PAST + 4 * MIN]);
    await waitFor("all five", async () => (await storedOpens(stream)).length === 5);
    expect(await storedOpens(stream)).toEqual(minutes(PAST, 5));
    await live.stop();
  });

  it("takes a silent connection for dead and reconnects; answers the server's pings", async () => {
    const stream = await newStream();
    const live = start(stream, { deadAfterMs: 600 });
    await nudgeLive(stream, live, PAST);
    const pongs = fake.pongs();
    fake.pingAll();
    await waitFor("a pong", () => fake.pongs() > pongs);

    const attempts = attemptsFor(stream);
    fake.setSilent(true);
    try {
      await waitFor("the dead connection", () => /dead connection/.test(statusOf(live).lastError ?? ""));
      await waitFor("a new connection", () => attemptsFor(stream) > attempts);
    } finally {
      fake.setSilent(false);
    }
    await nudgeLive(stream, live, PAST + MIN);
    await live.stop();
  });

  it("reports a bad message and skips it; the connection stays", async () => {
    const stream = await newStream();
    const live = start(stream);
    await nudgeLive(stream, live, PAST);
    const attempts = attemptsFor(stream);
    fake.sendRaw("this is not json");
    const broken = { ...fakeKline(PAST, 40_000), low: "50000.00000000" };
    fake.send(stream.symbol, "1m", broken, false);
    sendClosed(stream, [PAST]);
    await waitFor("stored", async () => (await storedOpens(stream)).length === 1);
    expect(statusOf(live)).toMatchObject({ state: "live", badMessages: 2, lastIssue: { code: "KLINE_OHLC_INCONSISTENT" } });
    expect(attemptsFor(stream)).toBe(attempts);
    await live.stop();
  });

  it("reads the single-stream path too", async () => {
    const stream = await newStream();
    const live = start(stream, { wsPath: "ws" });
    await nudgeLive(stream, live, PAST);
    sendClosed(stream, minutes(PAST, 2));
    await waitFor("stored", async () => (await storedOpens(stream)).length === 2);
    expect(fake.connectAttempts()).toContain(`/ws/${stream.name}`);
    await live.stop();
  });

  it("of two instances only the lease holder connects; the other takes over when it stops", async () => {
    const stream = await newStream();
    const first = start(stream);
    await nudgeLive(stream, first, PAST);
    const second = start(stream);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(statusOf(second)).toMatchObject({ state: "standby", holdsLease: false });
    expect(attemptsFor(stream)).toBe(1);

    await first.stop();
    expect(statusOf(first).state).toBe("stopped");
    await nudgeLive(stream, second, PAST + MIN);
    expect(statusOf(second).holdsLease).toBe(true);
    expect(attemptsFor(stream)).toBe(2);
    await second.stop();
  });

  it("stopping leaves no connection, lease or timer behind", async () => {
    const timers = () => process.getActiveResourcesInfo().filter((r) => r === "Timeout").length;
    const before = timers();
    const stream = await newStream();
    const live = start(stream);
    await nudgeLive(stream, live, PAST);
    fake.send(stream.symbol, "1m", fakeKline(PAST, 40_000, 2), false); // a trailing publish is pending
    await live.stop();
    expect(fake.openConnections(stream.name)).toBe(0);
    expect(statusOf(live).state).toBe("stopped");
    const leases = await services.db.select().from(klineStreamLeases).where(eq(klineStreamLeases.stream, stream.name));
    expect(leases).toEqual([]);
    expect(timers()).toBeLessThanOrEqual(before);
    // Nothing is written after the stop.
    const count = (
      await services.db
        .select()
        .from(events)
        .where(eq(events.topic, historyTopic(stream.market, "1m")))
    ).length;
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(
      (
        await services.db
          .select()
          .from(events)
          .where(eq(events.topic, historyTopic(stream.market, "1m")))
      ).length,
    ).toBe(count);
  });
});
