/**
 * One trigger step, as a machine its host drives: observe the trades a command made, then execute
 * the fired orders one at a time in firing order, observing each one's own trades in turn (a
 * cascade), until none wait or the step has executed `limit` of them.
 *
 * The step decides; the host acts. It yields what the host must do and the host resumes it:
 * - `observed`: orders fired (mark them TRIGGERED in this order, which is also their time
 *   priority in the book; cancel their OCO's other leg) and trailing stops moved (store them);
 * - `execute`: execute this fired order now (match it as a taker, settle it, cancel the other leg
 *   of any OCO whose limit traded) and resume with its trades' prices, in execution order.
 *
 * The bound: a step executes at most `limit` fired orders (MAX_TRIGGERED_PER_STEP in production).
 * Firing is not bounded: every order the trades reach fires at once, so none is missed or late;
 * those the step could not execute wait in the queue (TRIGGERED) and the next step executes them
 * first. Every command is followed by a step, and every command finding orders waiting is preceded
 * by one, so a command never runs while fired orders of an earlier command wait, unless the bound
 * stopped them.
 */
import { assert } from "./errors";
import type { TriggerSet } from "./trigger-set";
import type { PendingTrigger } from "./trigger-state";

export const MAX_TRIGGERED_PER_STEP = 50;

/** Fired orders waiting to execute, in firing order. */
export class FiredQueue {
  private readonly items: string[] = [];

  constructor(ids: readonly string[] = []) {
    this.items.push(...ids);
  }

  get size(): number {
    return this.items.length;
  }

  ids(): readonly string[] {
    return this.items;
  }

  push(id: string): void {
    assert(!this.items.includes(id), "an order is fired once");
    this.items.push(id);
  }

  shift(): string | undefined {
    return this.items.shift();
  }

  /** Takes a waiting order out (its owner canceled it); false if it was not waiting. */
  remove(id: string): boolean {
    const index = this.items.indexOf(id);
    if (index === -1) return false;
    this.items.splice(index, 1);
    return true;
  }
}

export type TriggerAction =
  | { kind: "observed"; fired: readonly PendingTrigger[]; moved: readonly PendingTrigger[] }
  | { kind: "execute"; id: string };

export interface StepEnd {
  executed: number;
  /** Fired orders the bound left waiting. */
  waiting: number;
}

/** Resume an `observed` action with nothing, an `execute` action with the prices of the order's trades. */
export function* triggerStep(
  set: TriggerSet,
  queue: FiredQueue,
  prices: readonly bigint[],
  limit: number = MAX_TRIGGERED_PER_STEP,
): Generator<TriggerAction, StepEnd, readonly bigint[] | undefined> {
  assert(Number.isInteger(limit) && limit > 0, "a step may execute at least one order");
  function* observe(traded: readonly bigint[]): Generator<TriggerAction, void, readonly bigint[] | undefined> {
    if (traded.length === 0 || set.size === 0) return;
    const { fired, moved } = set.observe(traded);
    for (const order of fired) queue.push(order.id);
    if (fired.length > 0 || moved.length > 0) yield { kind: "observed", fired, moved };
  }
  yield* observe(prices);
  let executed = 0;
  for (let id = queue.shift(); id !== undefined; id = executed < limit ? queue.shift() : undefined) {
    const traded = yield { kind: "execute", id };
    executed += 1;
    yield* observe(traded ?? []);
  }
  return { executed, waiting: queue.size };
}
