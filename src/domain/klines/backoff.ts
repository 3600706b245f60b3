/**
 * When a dropped kline stream connects again: bounded exponential backoff with jitter.
 * - Attempt n waits between half and all of min(maxMs, initialMs × 2^n), the random part
 *   injected ("equal jitter": never zero, so a server that drops everyone at once is not hit
 *   by everyone again in the same millisecond, and never a hot loop).
 * - A connection that stayed up for stableMs was a success: the next drop starts again from
 *   attempt 0. One that dropped sooner (or never opened) counts as another failed attempt.
 * - A server that asks for a pause (HTTP 429's Retry-After during a gap fill) gets at least it.
 */
import { assert } from "../errors";

export interface BackoffPolicy {
  initialMs: number;
  maxMs: number;
  stableMs: number;
}

/** 2^30 × any sane initial delay is past every max; stops the doubling overflowing. */
const MAX_EXPONENT = 30;

/** `random` in [0, 1), as Math.random gives; `atLeastMs` is the server's own pause, bounded by whoever read it. */
export function backoffDelayMs(policy: BackoffPolicy, attempt: number, random: () => number, atLeastMs = 0): number {
  assert(policy.initialMs > 0 && policy.maxMs >= policy.initialMs, "a backoff policy grows from a positive delay");
  assert(Number.isInteger(attempt) && attempt >= 0, "attempts are counted from 0");
  const cap = Math.min(policy.maxMs, policy.initialMs * 2 ** Math.min(attempt, MAX_EXPONENT));
  const jitter = Math.min(Math.max(random(), 0), 1);
  const delay = Math.floor(cap / 2 + (cap / 2) * jitter);
  return Math.max(delay, atLeastMs);
}

/**
 * The attempt number for the next reconnect, given the one that led to the connection just lost
 * and how long that connection was open (null: it never opened).
 */
export function nextAttempt(policy: BackoffPolicy, attempt: number, connectedForMs: number | null): number {
  if (connectedForMs !== null && connectedForMs >= policy.stableMs) return 0;
  return Math.min(attempt + 1, MAX_EXPONENT);
}
