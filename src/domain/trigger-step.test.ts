import { describe, expect, it } from "vitest";
import { pendingTrigger } from "./test-triggers";
import { TriggerSet } from "./trigger-set";
import { FiredQueue, type TriggerAction, triggerStep } from "./trigger-step";

/** Drives a step the way the batch does, answering each execute with the prices `trades` gives for that order. */
function drive(set: TriggerSet, queue: FiredQueue, prices: bigint[], limit: number, trades: Record<string, bigint[]> = {}) {
  const actions: string[] = [];
  const steps = triggerStep(set, queue, prices, limit);
  for (let action = steps.next(); ; ) {
    if (action.done) return { actions, end: action.value };
    const value: TriggerAction = action.value;
    if (value.kind === "observed") {
      actions.push(`fired ${value.fired.map((o) => o.id).join(",")}${value.moved.length ? ` moved ${value.moved.length}` : ""}`);
      action = steps.next([]);
    } else {
      actions.push(`execute ${value.id}`);
      action = steps.next(trades[value.id] ?? []);
    }
  }
}

const stops = () => {
  const set = new TriggerSet(1n);
  set.add(pendingTrigger({ id: "s100", trigger: 100n, seq: 1n }));
  set.add(pendingTrigger({ id: "s95", trigger: 95n, seq: 2n }));
  set.add(pendingTrigger({ id: "s90", trigger: 90n, seq: 3n }));
  set.add(pendingTrigger({ id: "b120", side: "BUY", trigger: 120n, seq: 4n }));
  return set;
};

describe("a trigger step", () => {
  it("fires what each trade reaches in trade order, then executes the fired orders in that order", () => {
    const set = stops();
    const queue = new FiredQueue();
    const { actions, end } = drive(set, queue, [99n, 94n], 10);
    expect(actions).toEqual(["fired s100,s95", "execute s100", "execute s95"]);
    expect(end).toEqual({ executed: 2, waiting: 0 });
    expect(set.values().map((o) => o.id)).toEqual(["s90", "b120"]);
  });

  it("feeds an executed order's trades back: a cascade", () => {
    const { actions } = drive(stops(), new FiredQueue(), [100n], 10, { s100: [96n, 95n], s95: [89n] });
    expect(actions).toEqual(["fired s100", "execute s100", "fired s95", "execute s95", "fired s90", "execute s90"]);
  });

  it("executes at most `limit`; the rest wait, fired, for the next step, which runs them first", () => {
    const set = stops();
    const queue = new FiredQueue();
    const first = drive(set, queue, [89n], 2);
    expect(first.actions).toEqual(["fired s100,s95,s90", "execute s100", "execute s95"]);
    expect(first.end).toEqual({ executed: 2, waiting: 1 });
    expect(queue.ids()).toEqual(["s90"]);
    const second = drive(set, queue, [], 2, { s90: [121n] });
    expect(second.actions).toEqual(["execute s90", "fired b120", "execute b120"]);
  });

  it("a waiting order its owner canceled is not executed", () => {
    const set = stops();
    const queue = new FiredQueue();
    drive(set, queue, [89n], 1);
    expect(queue.remove("s95")).toBe(true);
    expect(drive(set, queue, [], 5).actions).toEqual(["execute s90"]);
  });

  it("observes nothing without trades, and moves trailing stops without firing them", () => {
    const set = new TriggerSet(1n);
    set.add(pendingTrigger({ id: "t", type: "TRAILING_STOP", trail: { kind: "DELTA", delta: 5n }, trigger: 95n, extreme: 100n }));
    expect(drive(set, new FiredQueue(), [], 5).actions).toEqual([]);
    expect(drive(set, new FiredQueue(), [103n], 5).actions).toEqual(["fired  moved 1"]);
    expect(set.get("t")).toMatchObject({ extreme: 103n, trigger: 98n });
  });
});
