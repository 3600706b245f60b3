/**
 * Binance's kline stream names, `<symbol>@kline_<interval>` (`btcusdt@kline_1m`), and the
 * configuration that maps streams to Bourse's markets (`BTC-USD:btcusdt@kline_1m,…`). Binance
 * writes stream names in lower case; the symbol inside a message is upper case. Only the
 * intervals Bourse keeps candles for are accepted (Binance also has 1s, 3m, 30m, 2h … 1M).
 */
import { type CandleInterval, isCandleInterval } from "../candles";

export interface KlineStreamName {
  /** As the stream is named on the wire: lower case. */
  name: string;
  /** As a message's `s` and the REST endpoint's `symbol` spell it: upper case. */
  symbol: string;
  interval: CandleInterval;
}

/** Which market a stream's candles are stored in. */
export interface KlineStreamTarget extends KlineStreamName {
  market: string;
}

const SYMBOL = /^[A-Za-z0-9]{2,20}$/;
const MARKET = /^[A-Z0-9]{2,12}-[A-Z0-9]{2,12}$/;
const SEPARATOR = "@kline_";
/** Binance allows 1,024 streams on one connection; an instance opens one connection per stream. */
export const MAX_KLINE_STREAMS = 50;

export function klineStreamName(symbol: string, interval: CandleInterval): string {
  return `${symbol.toLowerCase()}${SEPARATOR}${interval}`;
}

export function parseKlineStreamName(text: string): KlineStreamName | null {
  const at = text.indexOf(SEPARATOR);
  if (at < 0) return null;
  const symbol = text.slice(0, at);
  const interval = text.slice(at + SEPARATOR.length);
  if (!SYMBOL.test(symbol) || !isCandleInterval(interval)) return null;
  return { name: klineStreamName(symbol, interval), symbol: symbol.toUpperCase(), interval };
}

export type KlineStreamConfig = { ok: true; targets: KlineStreamTarget[] } | { ok: false; problem: string };

/**
 * `MARKET:stream` pairs, comma-separated; blank means none. Each stream feeds one market, and a
 * market takes at most one stream per interval: two streams writing one market's candles would
 * each leave the other's candles as "already stored", which is not what anyone meant.
 */
export function parseKlineStreamConfig(text: string): KlineStreamConfig {
  const entries = text
    .split(",")
    .map((entry) => entry.trim())
    .filter((entry) => entry !== "");
  if (entries.length > MAX_KLINE_STREAMS) return { ok: false, problem: `at most ${MAX_KLINE_STREAMS} streams` };
  const targets: KlineStreamTarget[] = [];
  for (const entry of entries) {
    const colon = entry.indexOf(":");
    const market = entry.slice(0, colon);
    const stream = colon < 0 ? null : parseKlineStreamName(entry.slice(colon + 1));
    if (!MARKET.test(market) || stream === null) {
      return {
        ok: false,
        problem: `"${entry.slice(0, 60)}" is not MARKET:<symbol>@kline_<interval>, e.g. BTC-USD:btcusdt@kline_1m`,
      };
    }
    if (targets.some((t) => t.name === stream.name)) return { ok: false, problem: `${stream.name} is listed twice` };
    if (targets.some((t) => t.market === market && t.interval === stream.interval)) {
      return { ok: false, problem: `${market} has two ${stream.interval} streams` };
    }
    targets.push({ ...stream, market });
  }
  return { ok: true, targets };
}
