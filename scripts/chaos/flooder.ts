/**
 * The flooding client of the flood fault, as a process of its own (as it would be on another
 * machine), so its thousands of requests do not slow the event loop that times the calm
 * clients. Usage: tsx flooder.ts <json: {url, apiKey, market, perSecond, inFlight}>. It prints
 * {"ready":true} once loaded, then floods for the milliseconds named by each line it reads
 * ("1500"), answering each with its counts as one JSON line; it exits when stdin closes.
 */
import http from "node:http";
import readline from "node:readline";
import { farBuy, placeOrder } from "./order-api";
import { sleep } from "./timing";

const { url, apiKey, market, perSecond, inFlight } = JSON.parse(process.argv[2] ?? "{}") as {
  url: string;
  apiKey: string;
  market: string;
  perSecond: number;
  inFlight: number;
};
const agent = new http.Agent({ keepAlive: true, maxSockets: inFlight });
const trader = { userId: "", apiKey, protocol: "rest" as const };
let sequence = 0;

async function flood(durationMs: number) {
  const counts: { sent: number; limited: number; accepted: number; other: number; firstOther?: string } = {
    sent: 0,
    limited: 0,
    accepted: 0,
    other: 0,
  };
  const pending = new Set<Promise<void>>();
  const started = performance.now();
  const interval = 1_000 / perSecond;
  for (let next = started; performance.now() - started < durationMs; next += interval) {
    const wait = next - performance.now();
    if (wait > 1) await sleep(wait);
    // Open loop, but bounded: past `inFlight` unanswered requests the flooder skips its turn.
    if (pending.size >= inFlight) continue;
    counts.sent++;
    const request = placeOrder(url, agent, trader, farBuy(market, `flood-${process.pid}-${++sequence}`)).then((answer) => {
      if (answer.outcome === "rate-limited") counts.limited++;
      else if (answer.outcome === "acked") counts.accepted++;
      else {
        counts.other++;
        const { delivery } = answer;
        counts.firstOther ??= delivery.kind === "answered" ? `${delivery.status} ${delivery.body.slice(0, 120)}` : delivery.kind;
      }
    });
    pending.add(request);
    void request.finally(() => pending.delete(request));
  }
  await Promise.all(pending);
  return counts;
}

console.log(JSON.stringify({ ready: true }));
for await (const line of readline.createInterface({ input: process.stdin })) {
  console.log(JSON.stringify(await flood(Number(line))));
}
agent.destroy();
