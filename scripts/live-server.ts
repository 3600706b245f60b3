/**
 * tsx scripts/live-server.ts — one Bourse instance without Next.js: the production tRPC edge
 * (handleTrpcRequest, SSE included) on plain node:http, started like `next start` starts one
 * (startNodeInstance: environment, database, retention). Used by the multi-process test to run
 * several instances on one Postgres and Redis. --port=N (default 3210); prints {"ready": url}.
 * Configured like the app: DATABASE_URL, REDIS_URL, AUTH_SECRET... (src/env.ts).
 */
import { handleTrpcRequest } from "../src/server/http/trpc-handler";
import { startNodeInstance } from "../src/server/start-instance";
import { serveFetch } from "../tests/fetch-server";

const portArgument = process.argv.find((arg) => arg.startsWith("--port="))?.slice("--port=".length);
const port = Number(portArgument ?? 3210);
await startNodeInstance();
const server = await serveFetch(handleTrpcRequest, port);
console.log(JSON.stringify({ ready: server.url, pid: process.pid }));

const stop = () => {
  void server.close().finally(() => process.exit(0));
};
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
