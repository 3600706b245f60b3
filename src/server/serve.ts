/**
 * `npm start`: one node:http server for the whole site. The API (`/api/trpc`, `/api/v1`) is answered
 * by the very fetch handlers the Next.js routes export, straight from node:http; everything else
 * (pages, assets, `/api/auth`, `/api/health`) goes to Next.js. Measured on our machines, Next's
 * route layer costs ~2.5 ms of CPU per API call (the cheapest call: ~800 req/s under `next start`
 * against ~4,000 req/s for the same handler here), more than a third of an order's whole cost; see
 * BENCHMARKS.md. Usage: node dist/serve.mjs [--hostname 127.0.0.1] [--port 3000].
 */
import http from "node:http";
import { parseArgs } from "node:util";
import next from "next";
import { securityHeaders } from "../../security-headers.mjs";
import { startDraining } from "./http/draining";
import { answerWithFetch } from "./http/node-bridge";
import { handleRestRequest } from "./http/rest-handler";
import { handleTrpcRequest } from "./http/trpc-handler";
import { logger } from "./logger";
import { stopInstanceLiveKlines } from "./services/research/live-klines/live-klines";

const { values } = parseArgs({
  options: {
    hostname: { type: "string", short: "H", default: "127.0.0.1" },
    port: { type: "string", short: "p", default: "3000" },
  },
});
const hostname = values.hostname ?? "127.0.0.1";
const port = Number(values.port);

const isUnder = (path: string, prefix: string) => path === prefix || path.startsWith(`${prefix}/`);

const app = next({ dev: false, hostname, port });
const handleNext = app.getRequestHandler();
await app.prepare();

const apiHeaders = securityHeaders(false);

/** Answers not yet begun: told to close their connection once a shutdown starts. */
const unanswered = new Set<http.ServerResponse>();
let isShuttingDown = false;

const server = http.createServer((req, res) => {
  // Each answer after SIGTERM closes its keep-alive connection, so busy clients cannot hold the drain open.
  if (isShuttingDown) res.setHeader("Connection", "close");
  else {
    unanswered.add(res);
    res.once("close", () => unanswered.delete(res));
    res.once("finish", () => unanswered.delete(res));
  }
  const path = (req.url ?? "/").split("?")[0] ?? "/";
  // Next adds these to what it serves (next.config.ts); the API answered here gets the same, with
  // the nonce-less policy: JSON runs no script, so none at all is allowed.
  if (isUnder(path, "/api/trpc") || isUnder(path, "/api/v1")) for (const h of apiHeaders) res.setHeader(h.key, h.value);
  if (isUnder(path, "/api/trpc")) return void answerWithFetch(req, res, handleTrpcRequest);
  if (isUnder(path, "/api/v1")) return void answerWithFetch(req, res, handleRestRequest);
  void handleNext(req, res);
});
// Longer than the idle timeout of the load balancers in front of us (60 s is common): the proxy,
// not this process, then closes idle connections, so a request never races a close on reuse.
server.keepAliveTimeout = 65_000;
server.headersTimeout = 66_000;
server.listen(port, hostname, () => logger.info({ url: `http://${hostname}:${port}` }, "Bourse is listening"));

/**
 * On SIGTERM/SIGINT: stop accepting connections; let every request already received finish
 * (an order waiting for its batch gets its answer after the commit), closing its connection
 * after the answer; end live streams so their clients resume elsewhere; then exit. Bounded.
 */
const DRAIN_LIMIT_MS = 10_000;

function shutDown(signal: string): void {
  logger.info({ signal }, "shutting down: draining requests and live streams");
  isShuttingDown = true;
  for (const res of unanswered) if (!res.headersSent) res.setHeader("Connection", "close");
  unanswered.clear();
  startDraining();
  // Live kline connections close and give their leases up while the requests drain.
  const klinesStopped = stopInstanceLiveKlines().catch((error: unknown) =>
    logger.warn({ err: error }, "live klines not stopped"),
  );
  server.close(() => {
    void klinesStopped.then(() => {
      logger.info("drained; exiting");
      process.exit(0);
    });
  });
  server.closeIdleConnections();
  setTimeout(() => {
    logger.warn({ limitMs: DRAIN_LIMIT_MS }, "drain took too long; exiting with requests still open");
    process.exit(1);
  }, DRAIN_LIMIT_MS).unref();
}
process.once("SIGTERM", () => shutDown("SIGTERM"));
process.once("SIGINT", () => shutDown("SIGINT"));
