/**
 * Trailing stops, exactly in integers. A trailing stop becomes active when the last trade price
 * reaches its activation price (a SELL at or above it, a BUY at or below it; no activation price:
 * at once). From then on it remembers the best price since (its extreme: a SELL's highest, a BUY's
 * lowest), and its trigger trails the extreme by the trail, a price delta or basis points of the
 * extreme.
 *
 * Rounding rule: the trigger is rounded to the price tick AWAY from the extreme (a SELL's down, a
 * BUY's up), so the price must move at least the whole trail before the order fires:
 * - SELL: floor((extreme − delta) / tick) · tick, or floor(extreme · (10000 − bps) / (10000 · tick)) · tick
 * - BUY:  ceil((extreme + delta) / tick) · tick,  or ceil(extreme · (10000 + bps) / (10000 · tick)) · tick
 * A SELL trigger that would be zero or below is none: the order cannot fire until the extreme rises.
 */
import { divCeil, divFloor } from "./decimal";
import { assert } from "./errors";
import type { Side } from "./types";

export type Trail = { kind: "DELTA"; delta: bigint } | { kind: "BPS"; bps: number };

export const MIN_TRAIL_BPS = 1;
/** 20%: a wider trail is almost certainly a mistake, as on the venues traders compare us with. */
export const MAX_TRAIL_BPS = 2_000;
const BPS = 10_000n;

export function isTrailBps(bps: number): boolean {
  return Number.isInteger(bps) && bps >= MIN_TRAIL_BPS && bps <= MAX_TRAIL_BPS;
}

/** The trigger of a trailing stop on `side` whose extreme is `extreme`, or null when none is positive. */
export function trailingTrigger(side: Side, extreme: bigint, trail: Trail, priceTick: bigint): bigint | null {
  assert(extreme > 0n && priceTick > 0n, "an extreme and a tick are positive");
  assert(trail.kind === "BPS" ? isTrailBps(trail.bps) : trail.delta > 0n, "a trail is positive");
  if (side === "SELL") {
    const trigger =
      trail.kind === "DELTA"
        ? extreme - trail.delta <= 0n
          ? 0n
          : divFloor(extreme - trail.delta, priceTick) * priceTick
        : divFloor(extreme * (BPS - BigInt(trail.bps)), BPS * priceTick) * priceTick;
    return trigger > 0n ? trigger : null;
  }
  return trail.kind === "DELTA"
    ? divCeil(extreme + trail.delta, priceTick) * priceTick
    : divCeil(extreme * (BPS + BigInt(trail.bps)), BPS * priceTick) * priceTick;
}

/** Is `price` a new extreme for a trailing stop on `side`? (SELL: higher, BUY: lower) */
export function isNewExtreme(side: Side, extreme: bigint, price: bigint): boolean {
  return side === "SELL" ? price > extreme : price < extreme;
}

/** Does a trade at `price` activate a trailing stop on `side` waiting for `activation`? */
export function activates(side: Side, activation: bigint, price: bigint): boolean {
  return side === "SELL" ? price >= activation : price <= activation;
}
