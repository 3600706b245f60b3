import type { BourseClient, Protocol } from "./api-client";
import { runHttpCase } from "./http-case";
import type { HttpTarget } from "./http-client";
import type { Profile } from "./profile";
import type { Report } from "./report";

/**
 * The floors every HTTP figure is read against. The machine's HTTP ceiling: a raw node:http
 * server answering a fixed JSON, through the same load generator. The cheapest API call of each
 * edge: tRPC asset.list (a cached public query) and REST GET /time (no I/O at all), anonymous;
 * and asset.list with an API key, to show what resolving the key adds.
 */

export const ceilingId = (clients: number) => `ceiling.c${clients}`;
export const floorId = (prefix: string, protocol: Protocol, clients: number) => `${prefix}.${protocol}.c${clients}`;
export const keyedFloorId = (prefix: string, clients: number) => `${prefix}.trpc-key.c${clients}`;

export async function runCeiling(report: Report, raw: HttpTarget, profile: Profile): Promise<void> {
  for (const clients of profile.clientCounts) {
    await runHttpCase(report, raw, profile, {
      id: ceilingId(clients),
      group: "HTTP ceiling",
      name: "raw node:http, fixed JSON",
      clients,
      op: async (api) => {
        await api.http.ok({ method: "GET", path: "/json" });
      },
    });
  }
}

export interface FloorOptions {
  prefix: string;
  group: string;
  clientCounts: readonly number[];
  /** For the keyed call. */
  apiKey: string;
  keyedClients: number;
}

export async function runFloors(report: Report, server: HttpTarget, profile: Profile, options: FloorOptions): Promise<void> {
  for (const clients of options.clientCounts) {
    const cheapest = [
      { protocol: "trpc" as const, name: "tRPC asset.list (cached)", call: (api: BourseClient) => api.trpcQuery("asset.list") },
      { protocol: "rest" as const, name: "REST GET /time", call: (api: BourseClient) => api.restGet("/time") },
    ];
    for (const { protocol, name, call } of cheapest) {
      await runHttpCase(report, server, profile, {
        id: floorId(options.prefix, protocol, clients),
        group: options.group,
        name,
        clients,
        vs: [{ against: ceilingId(clients), metric: "perSecond" }],
        op: async (api) => {
          await call(api);
        },
      });
    }
  }
  await runHttpCase(report, server, profile, {
    id: keyedFloorId(options.prefix, options.keyedClients),
    group: options.group,
    name: "tRPC asset.list with API key",
    clients: options.keyedClients,
    vs: [{ against: floorId(options.prefix, "trpc", options.keyedClients), metric: "perSecond" }],
    op: async (api) => {
      await api.trpcQuery("asset.list", undefined, { apiKey: options.apiKey });
    },
  });
}
