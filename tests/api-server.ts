import { incomingMessageToRequest } from "@trpc/server/adapters/node-http";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { appRouter } from "../src/server/api/root";
import { resolveUser } from "../src/server/auth/resolve-user";
import type { ApiKeyScope } from "../src/server/db/schema";
import { createRestHandler } from "../src/server/http/rest-handler";
import { createTrpcHandler } from "../src/server/http/trpc-handler";
import { createRateLimits, memoryLimiterStore, type RateLimits } from "../src/server/limits/rate-limits";
import { createApiKey } from "../src/server/services/api-keys";
import type { ServiceContext } from "../src/server/services/context";
import { TEST_SESSION_OPTIONS } from "./auth-helpers";
import { createTestServices, uniqueSuffix } from "./fixtures";
import { createTestDatabase, type TestDatabase } from "./test-db";

/**
 * A real HTTP server for SDK, CLI, REST and bot tests: Node's http module in front of the very
 * fetch handlers the Next.js routes export (tRPC at /api/trpc, REST at /api/v1), on a random
 * port and this test file's own database. Real HTTP and SSE through the real edges, without a
 * Next.js build.
 */
export interface TestServer {
  /** The origin, e.g. http://127.0.0.1:41234 */
  url: string;
  services: ServiceContext;
  database: TestDatabase;
  /** A key of `userId`'s with the given scopes (default read and trade). */
  createKey(userId: string, scopes?: ApiKeyScope[]): Promise<string>;
  close(): Promise<void>;
}

const generous = { points: 100_000, durationSec: 60 };

export function testRateLimits(overrides: Partial<Parameters<typeof createRateLimits>[0]> = {}): RateLimits {
  const env = {
    RATE_LIMIT_LOGIN_IP: generous,
    RATE_LIMIT_LOGIN_EMAIL: generous,
    RATE_LIMIT_SIGNUP_IP: generous,
    RATE_LIMIT_ORDERS: generous,
    RATE_LIMIT_API_READS: generous,
    ...overrides,
  };
  return createRateLimits(env, memoryLimiterStore(`t${uniqueSuffix()}`));
}

async function writeResponse(response: Response, res: http.ServerResponse, signal: AbortSignal): Promise<void> {
  res.statusCode = response.status;
  for (const [name, value] of response.headers) if (name !== "set-cookie") res.setHeader(name, value);
  const cookies = response.headers.getSetCookie();
  if (cookies.length > 0) res.setHeader("set-cookie", cookies);
  res.flushHeaders();
  if (response.body) {
    const reader = response.body.getReader();
    signal.addEventListener("abort", () => void reader.cancel().catch(() => {}), { once: true });
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        res.write(value);
      }
    } catch {
      // The client went away mid-stream: nothing left to write to.
    }
  }
  res.end();
}

export async function startTestServer(options: { limits?: RateLimits } = {}): Promise<TestServer> {
  const database = await createTestDatabase();
  const services = createTestServices(database.db);
  const limits = options.limits ?? testRateLimits();
  const sources = {
    getServices: async () => services,
    resolveUser: (db: typeof services.db, headers: Headers) => resolveUser(db, headers, TEST_SESSION_OPTIONS),
    limits: () => limits,
  };
  const trpc = createTrpcHandler({ router: appRouter, ...sources });
  const rest = createRestHandler(sources);

  const server = http.createServer((req, res) => {
    const request = incomingMessageToRequest(req, res, { maxBodySize: null });
    const path = new URL(request.url).pathname;
    const handler = path.startsWith("/api/trpc/") ? trpc : path.startsWith("/api/v1/") ? rest : null;
    const answer = handler ? handler(request) : Promise.resolve(new Response("not found", { status: 404 }));
    answer
      .then((response) => writeResponse(response, res, request.signal))
      .catch((error: unknown) => {
        console.error("test server handler failed", error);
        if (!res.headersSent) res.statusCode = 500;
        res.end();
      });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    services,
    database,
    createKey: async (userId, scopes = ["read", "trade"]) =>
      (await createApiKey(services, { userId, name: `test ${uniqueSuffix()}`, scopes })).secret,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await database.close();
    },
  };
}
