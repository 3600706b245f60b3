import http from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { KlineFetchError, klinePageFetcher } from "./kline-rest";

let server: http.Server;
let baseUrl = "";
let lastUrl = "";

beforeAll(async () => {
  server = http.createServer((req, res) => {
    lastUrl = req.url ?? "";
    if (req.url?.includes("symbol=LIMITED")) return void res.writeHead(429, { "retry-after": "7" }).end("slow down");
    if (req.url?.includes("symbol=BANNED")) return void res.writeHead(418).end("banned");
    if (req.url?.includes("symbol=HUGE")) return void res.writeHead(200).end("x".repeat(5_000));
    if (req.url?.includes("symbol=SLOW")) return void setTimeout(() => res.writeHead(200).end("[]"), 1_000);
    res.writeHead(200, { "content-type": "application/json" }).end("[[1,2]]");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  if (!address || typeof address !== "object") throw new Error("no address");
  baseUrl = `http://127.0.0.1:${address.port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const page = (symbol: string) => ({ symbol, interval: "1m" as const, startTime: 60_000, endTime: 119_999, limit: 1_000 });

describe("[KLINES] the REST klines page", () => {
  it("asks Binance's endpoint with the page's range and returns the body as text", async () => {
    const fetchPage = klinePageFetcher(`${baseUrl}/`, { timeoutMs: 2_000, maxBytes: 1_000 });
    expect(await fetchPage(page("BTCUSDT"))).toBe("[[1,2]]");
    expect(lastUrl).toBe("/api/v3/klines?symbol=BTCUSDT&interval=1m&startTime=60000&endTime=119999&limit=1000");
  });

  it("turns 429 and 418 into errors carrying the pause asked for", async () => {
    const fetchPage = klinePageFetcher(baseUrl, { timeoutMs: 2_000, maxBytes: 1_000 });
    await expect(fetchPage(page("LIMITED"))).rejects.toMatchObject({ message: /HTTP 429/, retryAfterMs: 7_000 });
    await expect(fetchPage(page("BANNED"))).rejects.toMatchObject({ message: /HTTP 418/, retryAfterMs: 60_000 });
  });

  it("is bounded in bytes and time", async () => {
    const fetchPage = klinePageFetcher(baseUrl, { timeoutMs: 300, maxBytes: 1_000 });
    await expect(fetchPage(page("HUGE"))).rejects.toThrow(/larger than 1000 bytes/);
    await expect(fetchPage(page("SLOW"))).rejects.toThrow(/did not answer within 300 ms/);
    await expect(klinePageFetcher("http://127.0.0.1:1", { timeoutMs: 300, maxBytes: 10 })(page("X"))).rejects.toBeInstanceOf(
      KlineFetchError,
    );
  });
});
