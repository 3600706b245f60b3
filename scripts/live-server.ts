/**
 * tsx scripts/live-server.ts — one Bourse instance without Next.js: the production tRPC edge
 * (handleTrpcRequest, SSE included) on plain node:http, started like `next start` starts one
 * (startNodeInstance: environment, database, retention). Used by the multi-process test to run
 * several instances on one Postgres and Redis. PORT (default 3210); prints {"ready": url}.
 */
import { handleTrpcRequest } from "../src/server/http/trpc-handler";
import { startNodeInstance } from "../src/server/start-instance";
import { serveFetch } from "../tests/fetch-server";

const port = Number(process.env.PORT ?? 3210);
await startNodeInstance();
const server = await serveFetch(handleTrpcRequest, port);
console.log(JSON.stringify({ ready: server.url, pid: process.pid }));

const stop = () => {
  void server.close().finally(() => process.exit(0));
};
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
