import { TRPCClientError, type TRPCLink } from "@trpc/client";
import type { AppRouter } from "../server/api/root";
import { newClientOrderId } from "./client-order-id";
import { BourseTransportError } from "./transport";

/**
 * Which calls the SDK retries, when, and how long it waits. Retrying is safe for queries (no
 * side effects) and for order.place only because the server deduplicates by (user,
 * clientOrderId): the SDK fixes the clientOrderId before the first attempt, so every retry is
 * the same order, and a retry of one that did commit returns it with `replayed: true`.
 * Other mutations (cancel, amend) are not retried: a second cancel of a committed cancel would
 * fail with ORDER_NOT_OPEN and hide the first one's success.
 */

export interface RetryPolicy {
  /** Attempts in all, the first included; 1 disables retries. */
  maxAttempts: number;
  /** Delay before the first retry; doubles each time, with full jitter. */
  baseDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { maxAttempts: 4, baseDelayMs: 250, maxDelayMs: 4_000 };

/** Placements only: the server deduplicates them by clientOrderId, which clientOrderIdLink fixes first. */
const RETRIED_MUTATIONS = new Set(["order.place", "order.placeOco"]);

export function isRetryableOperation(op: { type: string; path: string }): boolean {
  return op.type === "query" || (op.type === "mutation" && RETRIED_MUTATIONS.has(op.path));
}

function isTimeout(error: unknown): boolean {
  return error instanceof Error && (error.name === "TimeoutError" || error.name === "AbortError");
}

/** No answer (network, timeout, a proxy's 5xx) or the server's own 5xx: the outcome is unknown. */
export function isRetryableError(error: unknown): boolean {
  if (error instanceof BourseTransportError) return true;
  if (!(error instanceof TRPCClientError)) return false;
  if (error.cause instanceof BourseTransportError || isTimeout(error.cause)) return true;
  const status: unknown = error.data?.httpStatus;
  return typeof status === "number" && status >= 500;
}

/** Exponential backoff with full jitter, bounded by maxDelayMs; `attempt` is the one that failed (1-based). */
export function retryDelayMs(attempt: number, policy: RetryPolicy, random: () => number = Math.random): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * Gives every order.place (and order.placeOco) without a clientOrderId a fresh one, before the retry link, so all
 * attempts of one call send the same id. Callers that must survive their own crash generate
 * (newClientOrderId) and persist the id themselves, then pass it in.
 */
export function clientOrderIdLink(generate: () => string = newClientOrderId): TRPCLink<AppRouter> {
  return () =>
    ({ op, next }) => {
      if (op.type !== "mutation" || !RETRIED_MUTATIONS.has(op.path) || !isRecord(op.input) || op.input.clientOrderId)
        return next(op);
      return next({ ...op, input: { ...op.input, clientOrderId: generate() } });
    };
}
