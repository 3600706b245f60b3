/**
 * Small tools shared by the cache and event-bus adapters: every call to Redis or Postgres is
 * raced against a deadline, and every reconnect waits a capped, jittered backoff.
 */

/** Where adapters report failures they survive (logged by the caller, never thrown). */
export type ErrorReporter = (error: Error) => void;

export const ignoreError: ErrorReporter = () => {};

export class TimeoutError extends Error {
  override readonly name = "TimeoutError";
}

/**
 * Resolves or rejects like `promise`, or rejects with a TimeoutError after `timeoutMs`. The work
 * itself is not cancelled, so callers pair this with a client-side timeout that frees resources.
 */
export function withTimeout<T>(promise: Promise<T>, timeoutMs: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new TimeoutError(`${what} timed out after ${timeoutMs}ms`)), timeoutMs);
  });
  return Promise.race([promise, deadline]).finally(() => clearTimeout(timer));
}

export interface BackoffOptions {
  baseMs: number;
  maxMs: number;
  /** Injected by tests; Math.random in production. */
  random?: () => number;
}

/**
 * Delay before reconnect attempt `attempt` (1, 2, ...): doubles from baseMs up to maxMs, then
 * keeps half of it fixed and randomises the rest so many instances do not reconnect in lockstep.
 */
export function backoffDelayMs(attempt: number, { baseMs, maxMs, random = Math.random }: BackoffOptions): number {
  const exponent = Math.min(Math.max(attempt, 1) - 1, 20);
  const ceilingMs = Math.min(maxMs, baseMs * 2 ** exponent);
  return Math.round(ceilingMs / 2 + (random() * ceilingMs) / 2);
}

export function toError(value: unknown): Error {
  return value instanceof Error ? value : new Error(String(value));
}

/** Prefixes what failed to the message, keeping the original as `cause` for the logs. */
export function describeError(what: string, value: unknown): Error {
  const error = toError(value);
  return new Error(`${what}: ${error.message}`, { cause: error });
}
