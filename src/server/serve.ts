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
import { answerWithFetch } from "./http/node-bridge";
import { handleRestRequest } from "./http/rest-handler";
import { handleTrpcRequest } from "./http/trpc-handler";
import { logger } from "./logger";

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

const server = http.createServer((req, res) => {
  const path = (req.url ?? "/").split("?")[0] ?? "/";
  // Next adds these to what it serves (next.config.mjs); the API answered here gets the same, with
  // the nonce-less policy: JSON runs no script, so none at all is allowed.
  if (isUnder(path, "/api/trpc") || isUnder(path, "/api/v1")) for (const h of apiHeaders) res.setHeader(h.key, h.value);
  if (isUnder(path, "/api/trpc")) return void answerWithFetch(req, res, handleTrpcRequest);
  if (isUnder(path, "/api/v1")) return void answerWithFetch(req, res, handleRestRequest);
  void handleNext(req, res);
});
server.listen(port, hostname, () => logger.info({ url: `http://${hostname}:${port}` }, "Bourse is listening"));

/** On SIGTERM/SIGINT: stop accepting, let open requests finish (bounded), then exit. */
function shutDown(signal: string): void {
  logger.info({ signal }, "shutting down");
  server.close(() => process.exit(0));
  server.closeIdleConnections();
  // Live streams never end by themselves: give requests in flight a moment, then go.
  setTimeout(() => process.exit(0), 10_000).unref();
}
process.once("SIGTERM", () => shutDown("SIGTERM"));
process.once("SIGINT", () => shutDown("SIGINT"));
