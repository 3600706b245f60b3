/**
 * npm run fake-binance — a local Binance-protocol kline venue to run Bourse against (our machines
 * cannot reach Binance): the test server of tests/fake-binance.ts, fed by a random walk. Every
 * second each stream's forming candle moves; when its interval ends it closes (and joins the
 * REST history). It starts with --history-hours of closed candles behind it, so a Bourse that
 * stored some before and was stopped fills its gap over REST when it connects again.
 *
 *   npm run fake-binance -- [--port=9444] [--streams=btcusdt@kline_1m,ethusdt@kline_1m]
 *                           [--history-hours=6] [--drop-every=SECONDS]
 *
 * --drop-every cuts every connection that often, to watch the connector reconnect and fill.
 * It prints the environment to start Bourse with. Ctrl-C stops it.
 */
import { parseArgs } from "node:util";
import { bucketStart, intervalMs } from "../src/domain/candles";
import { parseKlineStreamName } from "../src/domain/klines/stream-names";
import { type FakeKline, startFakeBinance } from "../tests/fake-binance";

const { values } = parseArgs({
  options: {
    port: { type: "string", default: "9444" },
    streams: { type: "string", default: "btcusdt@kline_1m,ethusdt@kline_1m" },
    "history-hours": { type: "string", default: "6" },
    "drop-every": { type: "string" },
  },
});

const streams = (values.streams ?? "").split(",").map((name) => {
  const stream = parseKlineStreamName(name.trim());
  if (!stream) throw new Error(`not a kline stream: ${name} (use <symbol>@kline_<interval>, e.g. btcusdt@kline_1m)`);
  return stream;
});
const historyHours = Math.min(Math.max(Number(values["history-hours"]), 0), 24 * 30);
const fake = await startFakeBinance({ port: Number(values.port) });

/** Whole units, so that every price is on any tick up to 1.00. */
const START_PRICES: Record<string, number> = { BTCUSDT: 40_000, ETHUSDT: 2_500 };
const at8 = (n: number) => `${n}.00000000`;
const walk = (price: number) => Math.max(10, price + Math.round((Math.random() - 0.5) * Math.max(2, price / 2_000)));

/** A candle from its trades' prices; volumes grow with each step. */
function candle(openTime: number, prices: readonly number[]): FakeKline {
  const open = prices[0] ?? 100;
  const close = prices.at(-1) ?? open;
  const volume = prices.length;
  return {
    openTime,
    open: at8(open),
    high: at8(Math.max(...prices)),
    low: at8(Math.min(...prices)),
    close: at8(close),
    volume: at8(volume),
    quoteVolume: at8(volume * Math.max(...prices)),
    trades: prices.length * 3,
    takerBase: at8(Math.floor(volume / 2)),
    takerQuote: at8(Math.floor(volume / 2) * Math.min(...prices)),
  };
}

const forming = streams.map((stream) => {
  const sizeMs = intervalMs(stream.interval);
  let price = START_PRICES[stream.symbol] ?? 100;
  const now = bucketStart(Date.now(), stream.interval);
  for (let open = now - Math.floor((historyHours * 3_600_000) / sizeMs) * sizeMs; open < now; open += sizeMs) {
    const prices = [price];
    for (let step = 0; step < 4; step++) prices.push(walk(prices.at(-1) ?? price));
    price = prices.at(-1) ?? price;
    fake.store(stream.symbol, stream.interval, candle(open, prices));
  }
  return { stream, openTime: now, prices: [price] };
});

const ticker = setInterval(() => {
  for (const state of forming) {
    const { symbol, interval } = state.stream;
    const open = bucketStart(Date.now(), interval);
    const last = state.prices.at(-1) ?? 100;
    if (open !== state.openTime) {
      fake.send(symbol, interval, candle(state.openTime, state.prices), true);
      state.openTime = open;
      state.prices = [last];
    }
    state.prices.push(walk(last));
    fake.send(symbol, interval, candle(state.openTime, state.prices), false);
  }
}, 1_000);

const dropEverySeconds = Number(values["drop-every"] ?? 0);
const dropper = dropEverySeconds > 0 ? setInterval(() => fake.dropConnections(), dropEverySeconds * 1_000) : null;

const pairs = streams.map((s) => `${s.symbol.replace(/USDT$/, "")}-USD:${s.name}`).join(",");
console.log(`fake Binance on ${fake.wsUrl} (REST ${fake.restUrl}), ${historyHours} h of history per stream.
Start Bourse against it (the demo's markets are BTC-USD, ETH-USD, …):

  KLINE_STREAMS=${pairs} KLINE_WS_URL=${fake.wsUrl} KLINE_REST_URL=${fake.restUrl} npm run dev
`);

const stop = () => {
  clearInterval(ticker);
  if (dropper) clearInterval(dropper);
  void fake.close().finally(() => process.exit(0));
};
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
