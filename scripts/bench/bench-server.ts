/**
 * The server under test, started by scripts/bench.ts as its own process (so its RSS is its own
 * and the load generator does not share its event loop): one Bourse instance started as
 * `next start` starts one (startNodeInstance), serving the production edges — the very
 * handlers the Next.js routes export — over node:http on 127.0.0.1 and an ephemeral port.
 * Besides those: the same tRPC edge under UNCACHED_PREFIX with a cache that never hits, and the
 * bench's control routes. Configured by the environment the bench passes (src/env.ts). Prints
 * {"ready": url, "pid": n} when it listens.
 */
import { appRouter } from "../../src/server/api/root";
import { handleRestRequest } from "../../src/server/http/rest-handler";
import { createTrpcHandler, handleTrpcRequest } from "../../src/server/http/trpc-handler";
import { getRateLimits } from "../../src/server/limits/rate-limits";
import { getServices } from "../../src/server/runtime";
import { startNodeInstance } from "../../src/server/start-instance";
import { serveFetch } from "../../tests/fetch-server";
import { createControlHandler } from "./bench-control";
import { CONTROL_PREFIX, UNCACHED_PREFIX } from "./control-protocol";
import { createNeverHitCache } from "./never-hit-cache";

await startNodeInstance();
const services = await getServices();

const handleUncachedTrpc = createTrpcHandler({
  router: appRouter,
  getServices: async () => ({ ...services, cache: createNeverHitCache() }),
  // Uncached reads are sent anonymously, as the website's public pages read; anonymous reads
  // are not rate limited on the served edge either.
  resolveUser: async () => null,
  limits: getRateLimits,
});
const handleControl = createControlHandler(services, CONTROL_PREFIX);

const server = await serveFetch(async (request) => {
  const url = new URL(request.url);
  const path = url.pathname;
  if (path.startsWith("/api/trpc")) return handleTrpcRequest(request);
  if (path.startsWith("/api/v1")) return handleRestRequest(request);
  if (path.startsWith(`${UNCACHED_PREFIX}/api/trpc`)) {
    // Only GET queries are sent here, so the request carries no body to forward.
    url.pathname = path.slice(UNCACHED_PREFIX.length);
    return handleUncachedTrpc(new Request(url, { method: request.method, headers: request.headers, signal: request.signal }));
  }
  if (path.startsWith(`${CONTROL_PREFIX}/`)) return handleControl(request);
  return new Response("Not found", { status: 404 });
});
console.log(JSON.stringify({ ready: server.url, pid: process.pid }));

const stop = () => {
  void server.close().finally(() => process.exit(0));
};
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
