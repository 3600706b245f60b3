import { UNCACHED_PREFIX } from "./control-protocol";
import { floorId } from "./floor";
import { runHttpCase } from "./http-case";
import type { HttpTarget } from "./http-client";
import type { Profile } from "./profile";
import type { Report } from "./report";

/**
 * Public reads as the website sends them (tRPC GET, anonymous), served from the cache, against
 * the same requests on the same edge with a cache that never hits (bench-server.ts), and against
 * the cheapest call. The market is the hot one, which by now has the deepest book and trades.
 */

interface Read {
  key: string;
  procedure: string;
  input: (market: string) => unknown;
}

export const READS: readonly Read[] = [
  { key: "list", procedure: "market.list", input: () => undefined },
  { key: "ticker", procedure: "market.ticker", input: (market) => ({ symbol: market }) },
  { key: "orderBook", procedure: "market.orderBook", input: (market) => ({ market, depth: 50 }) },
  { key: "candles", procedure: "market.candles", input: (market) => ({ market, interval: "1m", limit: 500 }) },
];

export const readId = (key: string, isCached: boolean) => `reads.${isCached ? "cached" : "uncached"}.${key}`;

export async function runReads(report: Report, server: HttpTarget, profile: Profile, market: string, floorPrefix: string) {
  const clients = profile.standardClients;
  const floor = { against: floorId(floorPrefix, "trpc", clients), metric: "perSecond" as const };
  for (const read of READS) {
    const input = read.input(market);
    for (const isCached of [true, false]) {
      await runHttpCase(report, server, profile, {
        id: readId(read.key, isCached),
        group: isCached ? "reads, cached (as served)" : "reads, uncached",
        name: `${read.procedure} (${isCached ? "cached" : "uncached"})`,
        clients,
        vs: isCached ? [{ against: readId(read.key, false), metric: "perSecond" }, floor] : [floor],
        op: async (api) => {
          await api.trpcQuery(read.procedure, input, isCached ? {} : { prefix: UNCACHED_PREFIX });
        },
      });
    }
  }
}
