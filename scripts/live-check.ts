/**
 * npx tsx scripts/live-check.ts --a=http://127.0.0.1:3201 --b=http://127.0.0.1:3202 [--rounds=20]
 *
 * Checks a running deployment of two or more instances (e.g. two `next start`): places orders
 * over HTTP on A with fresh API keys and requires eventsource subscribers on B and A to receive
 * every trade, and the maker's private stream on B every fill. DATABASE_URL must point at the
 * deployment's database: setup (a test market, two funded users, keys) is written there directly.
 * Prints delivery latencies; exits non-zero on any miss.
 */
import { getEnv } from "../src/env";
import { createMemoryCache } from "../src/server/cache/memory-cache";
import { openPg } from "../src/server/db/drivers";
import { createMemoryBus } from "../src/server/bus/memory-bus";
import { checkCrossInstanceDelivery, describeLatencies } from "../tests/cross-instance-check";

const argument = (name: string) => process.argv.find((arg) => arg.startsWith(`--${name}=`))?.slice(name.length + 3);
const urlA = argument("a");
const urlB = argument("b");
const url = getEnv().DATABASE_URL;
if (!urlA || !urlB || !url) {
  console.error(
    "usage: DATABASE_URL=postgres://… tsx scripts/live-check.ts --a=<url of instance A> --b=<url of instance B> [--rounds=N]",
  );
  process.exit(2);
}
const database = await openPg({ url, poolSize: 2, onError: () => {} });
try {
  const services = { db: database.db, cache: createMemoryCache(), bus: createMemoryBus() };
  const result = await checkCrossInstanceDelivery({ services, urlA, urlB, rounds: Number(argument("rounds") ?? 20) });
  const isComplete = result.tradeIdsOnB.length === result.rounds && result.tradeIdsOnB.join() === result.tradeIdsOnA.join();
  console.log(`A=${urlA} B=${urlB}: order sent to A -> trade received from B: ${describeLatencies(result.latenciesMs)}`);
  console.log(
    `trades on B ${result.tradeIdsOnB.length}/${result.rounds}, same as on A: ${isComplete}; maker fills on B ${result.makerFillsOnB}/${result.rounds}`,
  );
  process.exitCode = isComplete && result.makerFillsOnB === result.rounds ? 0 : 1;
} finally {
  await database.close();
}
