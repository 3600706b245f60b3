import { initTRPC, TRPCError } from "@trpc/server";
import type { ApiKeyScope } from "../db/schema";
import { DomainError, RETRY_AFTER_UNAVAILABLE_SEC } from "../../domain/errors";
import { isDatabaseUnavailable } from "../db/unavailable";
import { enforceLimit } from "../limits/enforce";
import type { AuthUser, Context } from "./context";
import { safeErrorData, toTRPCError } from "./errors";

const t = initTRPC.context<Context>().create({
  // Stacks are never sent, in development either: the server log has them.
  isDev: false,
  errorFormatter({ shape, error }) {
    const safe = safeErrorData(error);
    return {
      code: shape.code,
      message: safe.message,
      data: { code: shape.data.code, httpStatus: shape.data.httpStatus, path: shape.data.path, ...safe.data },
    };
  },
  sse: {
    ping: { enabled: true, intervalMs: 15_000 },
    client: { reconnectAfterInactivityMs: 40_000 },
  },
});

/** Maps domain errors to their status and logs what was unexpected, with its cause, server-side. */
const handleErrors = t.middleware(async function handleErrors({ ctx, next, path, type }) {
  const started = performance.now();
  const result = await next();
  const durationMs = Math.round(performance.now() - started);
  if (result.ok) {
    ctx.log.debug({ path, type, durationMs }, "call");
    return result;
  }
  // The database out of reach is an outage to retry through, not a bug: 503, and no SQL in the log.
  const cause = isDatabaseUnavailable(result.error.cause) ? new DomainError("UNAVAILABLE") : result.error.cause;
  const mapped = toTRPCError(cause);
  // A busy market or a database outage passes; say when to come back, as a 429 does. A refusal
  // that knows its own wait (BACKTEST_BUSY, BACKTEST_ALREADY_RUNNING) says it; a limiter's 429 already did.
  if (mapped && !ctx.resHeaders?.has("Retry-After")) {
    const ownWait = (mapped.cause as DomainError).details?.retryAfterSeconds;
    const wait = ownWait ?? (mapped.code === "SERVICE_UNAVAILABLE" ? String(RETRY_AFTER_UNAVAILABLE_SEC) : undefined);
    if (wait !== undefined) ctx.resHeaders?.set("Retry-After", wait);
  }
  if (mapped) {
    ctx.log.info({ path, type, durationMs, code: mapped.code, domainCode: (mapped.cause as DomainError).code }, "call rejected");
    return { ...result, error: mapped };
  }
  if (result.error.code === "INTERNAL_SERVER_ERROR") {
    ctx.log.error({ path, type, durationMs, err: result.error.cause ?? result.error }, "call failed");
  }
  return result;
});

const requireUser = t.middleware(function requireUser({ ctx, next }) {
  if (!ctx.user) throw new DomainError("UNAUTHENTICATED");
  return next({ ctx: { ...ctx, user: ctx.user } });
});

function hasScope(user: AuthUser, scope: ApiKeyScope): boolean {
  return user.via.kind === "session" || user.via.scopes.includes(scope);
}

const requireTradeScope = t.middleware(function requireTradeScope({ ctx, next }) {
  if (ctx.user && !hasScope(ctx.user, "trade")) throw new DomainError("SCOPE_REQUIRED");
  return next();
});

const requireReadScope = t.middleware(function requireReadScope({ ctx, next }) {
  if (ctx.user && !hasScope(ctx.user, "read")) throw new DomainError("SCOPE_REQUIRED");
  return next();
});

const requireAdmin = t.middleware(function requireAdmin({ ctx, next }) {
  if (ctx.user?.role !== "admin") throw new DomainError("FORBIDDEN");
  // Administration is for people at the website: no API key may do it.
  if (ctx.user.via.kind !== "session") throw new DomainError("FORBIDDEN");
  return next();
});

/** Sessions only: managing credentials (API keys, sign-out everywhere) is never done with a key. */
const requireSession = t.middleware(function requireSession({ ctx, next }) {
  if (ctx.user?.via.kind !== "session") throw new DomainError("FORBIDDEN");
  return next();
});

/** Bots' reads are counted per key; the website's own reads are not limited here. */
const limitApiKeyReads = t.middleware(async function limitApiKeyReads({ ctx, next, type }) {
  if (ctx.limits && ctx.user?.via.kind === "apiKey" && type !== "mutation") {
    await enforceLimit(ctx.limits.apiReads, ctx.user.via.keyId, ctx.resHeaders);
  }
  return next();
});

/** Order entry per user, whether it comes from the website or any of the user's keys. */
const limitOrderEntry = t.middleware(async function limitOrderEntry({ ctx, next }) {
  if (ctx.limits && ctx.user) await enforceLimit(ctx.limits.orders, ctx.user.id, ctx.resHeaders);
  return next();
});

/** Each backtest may compute for seconds: counted per user, website and keys together. */
const limitBacktests = t.middleware(async function limitBacktests({ ctx, next }) {
  if (ctx.limits && ctx.user) await enforceLimit(ctx.limits.backtests, ctx.user.id, ctx.resHeaders);
  return next();
});

/** Each sign-up costs an argon2 hash and a starting deposit: counted per client address. */
const limitSignUp = t.middleware(async function limitSignUp({ ctx, next }) {
  if (ctx.limits) await enforceLimit(ctx.limits.signUpIp, ctx.ip, ctx.resHeaders);
  return next();
});

export const createTRPCRouter = t.router;
export const createCallerFactory = t.createCallerFactory;
export const mergeRouters = t.mergeRouters;

export const publicProcedure = t.procedure.use(handleErrors).use(limitApiKeyReads);
/** Creates an account: anyone, a limited number of times per address. */
export const signUpProcedure = publicProcedure.use(limitSignUp);
/** Signed in by session, or any API key (read or trade). */
export const protectedProcedure = publicProcedure.use(requireUser);
/** Signed in at the website; API keys are refused. */
export const sessionProcedure = protectedProcedure.use(requireSession);
/** Changes orders: a session, or an API key with the trade scope; rate limited per user. */
export const tradeProcedure = protectedProcedure.use(requireTradeScope).use(limitOrderEntry);
/** Runs a backtest: a session, or an API key with the read scope; rate limited per user. */
export const backtestProcedure = protectedProcedure.use(requireReadScope).use(limitBacktests);
/** An admin at the website (never an API key, even an admin's). */
export const adminProcedure = protectedProcedure.use(requireAdmin);

export { TRPCError };
