/**
 * The real HTTP edges (/api/trpc and /api/v1) on a test database, served over node:http
 * (fetch-server.ts) so SDK, CLI, REST and bot tests talk to them exactly as a client would:
 * real HTTP and SSE through the very handlers the Next.js routes export, without a build.
 */
import { appRouter } from "../src/server/api/root";
import { resolveUser } from "../src/server/api/resolve-user";
import type { ApiKeyScope } from "../src/server/db/schema";
import { createRestHandler } from "../src/server/http/rest-handler";
import { createTrpcHandler } from "../src/server/http/trpc-handler";
import { createRateLimits, memoryLimiterStore, type RateLimits } from "../src/server/limits/rate-limits";
import { createApiKey } from "../src/server/services/accounts/api-keys";
import type { ServiceContext } from "../src/server/services/context";
import { TEST_SESSION_OPTIONS } from "./auth-helpers";
import { serveFetch } from "./fetch-server";
import { createTestServices, uniqueSuffix } from "./fixtures";
import { createTestDatabase } from "./test-db";

type LimitSettings = Parameters<typeof createRateLimits>[0];

const generous = { points: 1_000, durationSec: 60 };

/** Rate limits for tests: generous unless overridden, in memory, never shared with another test. */
export function testRateLimits(overrides: Partial<LimitSettings> = {}): RateLimits {
  const settings: LimitSettings = {
    RATE_LIMIT_LOGIN_IP: generous,
    RATE_LIMIT_LOGIN_EMAIL: generous,
    RATE_LIMIT_SIGNUP_IP: generous,
    RATE_LIMIT_ORDERS: generous,
    RATE_LIMIT_API_READS: generous,
    RATE_LIMIT_BACKTESTS: generous,
    ...overrides,
  };
  return createRateLimits(settings, memoryLimiterStore(`t${uniqueSuffix()}`));
}

export interface TestServer {
  readonly url: string;
  readonly services: ServiceContext;
  /** A new API key of the user (both scopes unless given); returns the secret. */
  createKey(userId: string, scopes?: ApiKeyScope[]): Promise<string>;
  close(): Promise<void>;
}

export async function startTestServer(options: { limits?: RateLimits } = {}): Promise<TestServer> {
  const database = await createTestDatabase();
  const services = createTestServices(database.db);
  const limits = options.limits ?? testRateLimits();
  const sources = {
    getServices: async () => services,
    resolveUser: (db: Parameters<typeof resolveUser>[0], headers: Headers) => resolveUser(db, headers, TEST_SESSION_OPTIONS),
    limits: () => limits,
  };
  const trpc = createTrpcHandler({ router: appRouter, ...sources });
  const rest = createRestHandler(sources);
  const server = await serveFetch(async (request) => {
    const path = new URL(request.url).pathname;
    if (path.startsWith("/api/trpc")) return trpc(request);
    if (path.startsWith("/api/v1")) return rest(request);
    return new Response("Not found", { status: 404 });
  });
  return {
    url: server.url,
    services,
    async createKey(userId, scopes = ["read", "trade"]) {
      const { secret } = await createApiKey(services, { userId, name: `test key ${uniqueSuffix()}`, scopes });
      return secret;
    },
    async close() {
      await server.close();
      await database.close();
    },
  };
}
