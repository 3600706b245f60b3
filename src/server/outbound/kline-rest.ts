/**
 * One page of Binance's REST klines endpoint, `GET /api/v3/klines?symbol&interval&startTime&endTime&limit`,
 * as text (the kline reader parses it, exactly, as it parses a downloaded file). Bounded in time
 * and bytes; an answer other than 200 is a KlineFetchError, with the pause a 429 or 418 asks for.
 * The base URL is the operator's own configuration (KLINE_REST_URL), like DATABASE_URL, never
 * something a user supplies: so no private-address guard, and the tests' local server is just
 * a URL.
 */
import type { CandleInterval } from "@/domain/candles";

export interface KlinePageRequest {
  symbol: string;
  interval: CandleInterval;
  startTime: number;
  endTime: number;
  limit: number;
}

export type FetchKlinePage = (request: KlinePageRequest) => Promise<string>;

export interface KlineRestLimits {
  timeoutMs: number;
  maxBytes: number;
}

export class KlineFetchError extends Error {
  override readonly name = "KlineFetchError";
  constructor(
    message: string,
    /** What the server asked to wait before the next request (Retry-After), bounded. */
    readonly retryAfterMs: number | null = null,
  ) {
    super(message);
  }
}

/** A Retry-After beyond this is taken as this: the connector must come back some time. */
const MAX_RETRY_AFTER_MS = 5 * 60_000;

export function klinePageFetcher(baseUrl: string, limits: KlineRestLimits): FetchKlinePage {
  return async (request) => {
    const url = new URL("api/v3/klines", baseUrl.endsWith("/") ? baseUrl : `${baseUrl}/`);
    url.search = new URLSearchParams({
      symbol: request.symbol,
      interval: request.interval,
      startTime: String(request.startTime),
      endTime: String(request.endTime),
      limit: String(request.limit),
    }).toString();
    const signal = AbortSignal.timeout(limits.timeoutMs);
    try {
      const response = await fetch(url, { signal, redirect: "error", headers: { accept: "application/json" } });
      if (response.status !== 200) {
        await response.body?.cancel();
        throw new KlineFetchError(`the klines endpoint answered HTTP ${response.status}`, retryAfterMs(response));
      }
      return await readText(response, limits.maxBytes);
    } catch (error) {
      if (error instanceof KlineFetchError) throw error;
      if (signal.aborted) throw new KlineFetchError(`the klines endpoint did not answer within ${limits.timeoutMs} ms`);
      throw new KlineFetchError(
        `the klines endpoint could not be reached (${error instanceof Error ? error.message : "unknown"})`,
      );
    }
  };
}

function retryAfterMs(response: Response): number | null {
  if (response.status !== 429 && response.status !== 418) return null;
  const seconds = Number(response.headers.get("retry-after"));
  return Number.isFinite(seconds) && seconds > 0 ? Math.min(seconds * 1_000, MAX_RETRY_AFTER_MS) : MAX_RETRY_AFTER_MS / 5;
}

async function readText(response: Response, maxBytes: number): Promise<string> {
  const reader = response.body?.getReader();
  if (!reader) return "";
  const decoder = new TextDecoder();
  let bytes = 0;
  let text = "";
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return text + decoder.decode();
    bytes += value.byteLength;
    if (bytes > maxBytes) {
      await reader.cancel();
      throw new KlineFetchError(`the klines answer is larger than ${maxBytes} bytes`);
    }
    text += decoder.decode(value, { stream: true });
  }
}
