import { beforeAll, describe, expect, it } from "vitest";
import { callerFor, createTestMarket, createTestUser, sessionUser } from "../../../tests/fixtures";
import { servicesForThisFile } from "../../../tests/file-services";
import { createContext } from "../api/context";
import { appRouter } from "../api/root";
import { liveHubFor } from "../live/live-hub";
import { createSubscriptionStreams, type SubscriptionStreams } from "./subscription-stream";

const { services } = servicesForThisFile();
let streams: SubscriptionStreams;

beforeAll(async () => {
  streams = createSubscriptionStreams(appRouter, "/api/trpc");
});

interface Message {
  event: string | null;
  id: string | null;
  data: string;
}

/** Opens one SSE response through the real writer and parses what arrives, as an EventSource would. */
async function open(path: string, input: unknown, headers: Record<string, string> = {}) {
  const controller = new AbortController();
  const query = input === undefined ? "" : `?input=${encodeURIComponent(JSON.stringify(input))}`;
  const request = new Request(`http://127.0.0.1/api/trpc/${path}${query}`, { headers, signal: controller.signal });
  expect(await streams.pathOf(request)).toBe(path);
  const response = await streams.respond({
    path,
    request,
    ctx: createContext({ services, user: null }),
    headers: new Headers(),
    onError: () => {},
  });
  const reader = response.body?.getReader();
  if (!reader) throw new Error("no body");
  const messages: Message[] = [];
  const chunks: Uint8Array[] = [];
  let buffered = "";
  const decoder = new TextDecoder();
  const pump = (async () => {
    for (;;) {
      const { done, value } = await reader.read().catch(() => ({ done: true, value: undefined }));
      if (done || !value) return;
      chunks.push(value);
      buffered += decoder.decode(value, { stream: true });
      for (let end = buffered.indexOf("\n\n"); end >= 0; end = buffered.indexOf("\n\n")) {
        const lines = buffered.slice(0, end).split("\n");
        buffered = buffered.slice(end + 2);
        const field = (name: string) => lines.find((l) => l.startsWith(`${name}: `))?.slice(name.length + 2) ?? null;
        messages.push({ event: field("event"), id: field("id"), data: field("data") ?? "" });
      }
    }
  })();
  return { response, messages, chunks, close: () => controller.abort(), pump };
}

const waitFor = async (check: () => boolean) => {
  const deadline = Date.now() + 10_000;
  while (!check()) {
    if (Date.now() > deadline) throw new Error("timed out waiting");
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
};

async function tradingPair() {
  const market = await createTestMarket(services);
  const funds = { USD: "100000.00", [market.base]: "1000" };
  const maker = callerFor(services, sessionUser(await createTestUser(services, funds)));
  const taker = callerFor(services, sessionUser(await createTestUser(services, funds)));
  const order = { market: market.symbol, type: "LIMIT", price: "10.00", quantity: "0.50" } as const;
  const trade = async () => {
    await maker.order.place({ ...order, side: "SELL" });
    await taker.order.place({ ...order, side: "BUY" });
  };
  return { market, trade };
}

describe("[LIVE] SSE subscriptions through our writer", () => {
  it("many subscribers of one market: each trade is encoded once and the very same bytes go to all", async () => {
    const { market, trade } = await tradingPair();
    const subscribers = await Promise.all(Array.from({ length: 20 }, () => open("market.onTrades", { market: market.symbol })));
    await waitFor(() => subscribers.every((s) => s.messages.length === 2));
    for (const s of subscribers) {
      expect(s.response.headers.get("content-type")).toBe("text/event-stream");
      expect(s.messages[0]).toMatchObject({ event: "connected", data: JSON.stringify({ reconnectAfterInactivityMs: 40_000 }) });
      expect(JSON.parse(s.messages[1]?.data ?? "")).toMatchObject({ kind: "snapshot", reason: "start" });
    }
    const before = streams.frames.encodedCount();
    await trade();
    await trade();
    await waitFor(() => subscribers.every((s) => s.messages.length === 4));
    expect(streams.frames.encodedCount() - before).toBe(2);
    const first = subscribers[0];
    for (const s of subscribers) {
      expect(s.messages.slice(2).map((m) => m.id)).toEqual(first?.messages.slice(2).map((m) => m.id));
      // Not merely equal: the same encoded chunk object.
      expect(s.chunks.at(-1)).toBe(first?.chunks.at(-1));
    }
    for (const s of subscribers) s.close();
    await Promise.all(subscribers.map((s) => s.pump));
    await waitFor(() => liveHubFor(services).streamCount() === 0);
  });

  it("Last-Event-ID resumes with exactly the missed trades", async () => {
    const { market, trade } = await tradingPair();
    const first = await open("market.onTrades", { market: market.symbol });
    await trade();
    await waitFor(() => first.messages.length === 3);
    first.close();
    const lastSeen = first.messages.at(-1)?.id ?? "";
    await trade();
    await trade();
    const resumed = await open("market.onTrades", { market: market.symbol }, { "Last-Event-ID": lastSeen });
    await waitFor(() => resumed.messages.length === 3);
    const items = resumed.messages.slice(1).map((m) => JSON.parse(m.data) as { kind: string; seq: string });
    expect(items.map((i) => i.kind)).toEqual(["trade", "trade"]);
    expect(items.every((i, n) => i.seq === resumed.messages[n + 1]?.id && BigInt(i.seq) > BigInt(lastSeen))).toBe(true);
    resumed.close();
  });

  it("refusals arrive as tRPC's serialized-error event, with our error shape", async () => {
    const unknown = await open("market.onTrades", { market: "NOPE-USD" });
    await unknown.pump;
    expect(unknown.messages.map((m) => m.event)).toEqual(["connected", "serialized-error"]);
    expect(JSON.parse(unknown.messages[1]?.data ?? "")).toMatchObject({ data: { code: "NOT_FOUND", httpStatus: 404 } });

    const invalid = await open("market.onTrades", { market: 42 });
    await invalid.pump;
    expect(JSON.parse(invalid.messages[1]?.data ?? "")).toMatchObject({ data: { code: "BAD_REQUEST" } });

    // Account streams need a user: the middleware refuses before any stream opens.
    const anonymous = await open("account.onOrders", undefined);
    await anonymous.pump;
    expect(JSON.parse(anonymous.messages[1]?.data ?? "")).toMatchObject({ data: { code: "UNAUTHORIZED" } });
  });

  it("leaves queries, mutations and batches to tRPC", async () => {
    const get = (path: string) => new Request(`http://127.0.0.1/api/trpc/${path}`);
    expect(await streams.pathOf(get("market.list"))).toBeNull();
    expect(await streams.pathOf(get("market.onTrades,market.onBook"))).toBeNull();
    expect(await streams.pathOf(get("market.onTrades?batch=1"))).toBeNull();
    expect(await streams.pathOf(new Request("http://127.0.0.1/api/trpc/market.onTrades", { method: "POST" }))).toBeNull();
    expect(await streams.pathOf(get("nothing.here"))).toBeNull();
  });
});
