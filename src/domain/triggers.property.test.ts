/**
 * The engine's trigger logic (TriggerSet, triggerStep, wake points) against a naive reference,
 * over random streams of plain orders, conditional orders and cancels on one market.
 *
 * The reference shares no trigger code with the engine: it keeps every pending order with the
 * trade prices it has seen since it was placed and recomputes its trigger from that history at
 * every trade (a trailing stop's extreme as a max or min over the history, its trail by counting
 * ticks), re-sorts what fired with its own comparator, and matches with the naive reference book.
 * The engine, like the batch, keeps pending orders in a store between "commits" and loads into its
 * set only the ones a trade's price wakes, so the test also proves that loading by wake point
 * loses nothing.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { executionOf, trailOf, validatePlacement } from "./conditional-rules";
import { isDomainError } from "./errors";
import type { OrderRules } from "./market-rules";
import { OrderBook } from "./order-book";
import { ReferenceBook } from "./test-reference-book";
import type { Trail } from "./trailing";
import { TriggerSet } from "./trigger-set";
import { isWokenBy, observeTrade, type PendingTrigger, startTrailing, wakePoints } from "./trigger-state";
import { FiredQueue, triggerStep } from "./trigger-step";
import { CONDITIONAL_TYPES, type ConditionalType, type Fill, type PlacedOrder, SIDES, type Side } from "./types";

const USERS = ["alice", "bob", "carol"];
const CENTER = 100n;

// ---------------------------------------------------------------- the reference

interface RefPending {
  order: PlacedOrder & { type: ConditionalType };
  seq: number;
  /** The last price when placed (if any) and every trade price since, in order. */
  seen: bigint[];
}

type LogEntry = readonly (string | bigint)[];

/** Which way a type fires, written out again: true when a trade at or below the trigger fires it. */
function firesOnFall(type: ConditionalType, side: Side): boolean {
  if (type === "TAKE_PROFIT_MARKET" || type === "TAKE_PROFIT_LIMIT") return side === "BUY";
  return side === "SELL";
}

class Reference {
  readonly book: ReferenceBook;
  readonly pending: RefPending[] = [];
  readonly queue: string[] = [];
  readonly placed = new Map<string, PlacedOrder>();
  readonly log: LogEntry[] = [];
  last: bigint | null = null;
  private seq = 0;

  constructor(
    readonly rules: OrderRules,
    readonly limit: number,
  ) {
    this.book = new ReferenceBook(rules);
  }

  /** A trailing stop's trigger from its history, by walking ticks away from the extreme. */
  trailingTrigger(p: RefPending): bigint | null {
    const { side, activationPrice } = p.order;
    const trail = trailOf(p.order) as Trail;
    const start = p.seen.findIndex((price) =>
      activationPrice === null ? true : side === "SELL" ? price >= activationPrice : price <= activationPrice,
    );
    if (start === -1) return null;
    const since = p.seen.slice(start);
    // Sorted best first: a sell's extreme is its highest price, a buy's its lowest.
    const extreme = [...since].sort((a, b) => (a === b ? 0 : (side === "SELL" ? a > b : a < b) ? -1 : 1))[0] as bigint;
    const tick = this.rules.priceTick;
    const wanted = trail.kind === "DELTA" ? trail.delta * 10_000n : extreme * BigInt(trail.bps);
    let trigger = side === "SELL" ? extreme - (extreme % tick) : extreme + ((tick - (extreme % tick)) % tick);
    while ((side === "SELL" ? extreme - trigger : trigger - extreme) * 10_000n < wanted)
      trigger += side === "SELL" ? -tick : tick;
    return trigger > 0n ? trigger : null;
  }

  triggerOf(p: RefPending): bigint | null {
    return p.order.type === "TRAILING_STOP" ? this.trailingTrigger(p) : p.order.triggerPrice;
  }

  private trade(price: bigint): void {
    this.last = price;
    for (const p of this.pending) p.seen.push(price);
    const fired = this.pending.flatMap((p) => {
      const trigger = this.triggerOf(p);
      if (trigger === null) return [];
      const fall = firesOnFall(p.order.type, p.order.side);
      return (fall ? price <= trigger : price >= trigger) ? [{ p, trigger, fall }] : [];
    });
    fired.sort((a, b) => {
      if (a.fall !== b.fall) return a.fall ? -1 : 1;
      if (a.trigger !== b.trigger) return (a.fall ? a.trigger > b.trigger : a.trigger < b.trigger) ? -1 : 1;
      return a.p.seq - b.p.seq;
    });
    for (const { p } of fired) {
      this.pending.splice(this.pending.indexOf(p), 1);
      this.queue.push(p.order.id);
      this.log.push(["fire", p.order.id]);
    }
  }

  private match(order: PlacedOrder, label: string): void {
    const fills = this.book.place(executionOf(order)).fills;
    this.log.push([label, order.id, ...fills.map((f) => `${f.quantity}@${f.price}`)]);
    for (const fill of fills) this.trade(fill.price);
  }

  private step(): void {
    for (let n = 0; n < this.limit && this.queue.length > 0; n++) {
      const id = this.queue.shift() as string;
      this.match(this.placed.get(id) as PlacedOrder, "exec");
    }
  }

  /** Before any command: fired orders an earlier step left waiting execute first. */
  prepare(): void {
    if (this.queue.length > 0) this.step();
  }

  place(order: PlacedOrder): void {
    this.placed.set(order.id, order);
    if (order.type === "LIMIT" || order.type === "MARKET") this.match(order, "place");
    else
      this.pending.push({ order: { ...order, type: order.type }, seq: this.seq++, seen: this.last === null ? [] : [this.last] });
    this.step();
  }

  cancel(id: string): void {
    const index = this.pending.findIndex((p) => p.order.id === id);
    if (index !== -1) this.pending.splice(index, 1);
    const queued = this.queue.indexOf(id);
    if (queued !== -1) this.queue.splice(queued, 1);
    this.log.push(["cancel", id]);
  }
}

// ---------------------------------------------------------------- the engine, hosted as the batch hosts it

class Engine {
  readonly book: OrderBook;
  readonly set: TriggerSet;
  /** Pending orders outside the set: what the database holds and the batch has not loaded. */
  readonly store = new Map<string, PendingTrigger>();
  readonly queue = new FiredQueue();
  readonly placed = new Map<string, PlacedOrder>();
  readonly log: LogEntry[] = [];
  readonly seen = new Set<string>();
  last: bigint | null = null;
  private seq = 0n;

  constructor(
    readonly rules: OrderRules,
    readonly limit: number,
  ) {
    this.book = new OrderBook(rules);
    this.set = new TriggerSet(rules.priceTick);
  }

  /** The batch commits: everything loaded goes back to the store, in its current state. */
  commit(): void {
    for (const order of this.set.values()) this.store.set(order.id, order);
    for (const order of this.store.values()) this.set.remove(order.id);
  }

  /** Loads what any of `prices` wakes, as the batch does before it lets a step observe them. */
  private load(prices: readonly bigint[]): void {
    for (const [id, order] of this.store) {
      if (!prices.some((p) => isWokenBy(wakePoints(order), p))) continue;
      this.store.delete(id);
      this.set.add(order);
    }
  }

  private match(order: PlacedOrder, label: string): bigint[] {
    const fills: Fill[] = this.book.place(executionOf(order)).fills;
    this.log.push([label, order.id, ...fills.map((f) => `${f.quantity}@${f.price}`)]);
    const prices = fills.map((f) => f.price);
    if (prices.length > 0) this.last = prices.at(-1) ?? null;
    return prices;
  }

  private step(prices: readonly bigint[]): void {
    this.load(prices);
    const steps = triggerStep(this.set, this.queue, prices, this.limit);
    for (let action = steps.next(); ; ) {
      if (action.done) {
        if (action.value.waiting > 0) this.seen.add("LEFT_WAITING");
        return;
      }
      if (action.value.kind === "observed") {
        for (const order of action.value.fired) {
          this.log.push(["fire", order.id]);
          this.seen.add(order.type === "TRAILING_STOP" ? "FIRED_TRAILING" : `FIRED_${order.side}`);
        }
        if (action.value.moved.length > 0) this.seen.add("TRAILING_MOVED");
        action = steps.next([]);
      } else {
        const traded = this.match(this.placed.get(action.value.id) as PlacedOrder, "exec");
        if (traded.length > 0) this.seen.add("EXECUTED_WITH_TRADES");
        this.load(traded);
        action = steps.next(traded);
      }
    }
  }

  prepare(): void {
    if (this.queue.size > 0) this.step([]);
  }

  place(order: PlacedOrder): void {
    this.placed.set(order.id, order);
    if (order.type === "LIMIT" || order.type === "MARKET") {
      this.step(this.match(order, "place"));
      return;
    }
    const trail = trailOf(order);
    const start = trail
      ? startTrailing(order.side, trail, order.activationPrice, this.last, this.rules.priceTick)
      : { trigger: order.triggerPrice, extreme: null };
    this.set.add({
      id: order.id,
      seq: this.seq++,
      type: order.type,
      side: order.side,
      trail,
      activationPrice: order.activationPrice,
      ...start,
    });
    this.step([]);
  }

  cancel(id: string): void {
    this.set.remove(id);
    this.store.delete(id);
    this.queue.remove(id);
    this.log.push(["cancel", id]);
  }

  pending(): PendingTrigger[] {
    return [...this.set.values(), ...this.store.values()];
  }
}

// ---------------------------------------------------------------- commands

const plainArb = fc.record({
  kind: fc.constant("plain" as const),
  user: fc.nat({ max: USERS.length - 1 }),
  side: fc.constantFrom(...SIDES),
  isMarket: fc.nat({ max: 3 }).map((n) => n === 0),
  ioc: fc.boolean(),
  ticks: fc.integer({ min: -6, max: 6 }),
  quantity: fc.integer({ min: 1, max: 6 }),
});
const conditionalArb = fc.record({
  kind: fc.constant("conditional" as const),
  user: fc.nat({ max: USERS.length - 1 }),
  type: fc.constantFrom(...CONDITIONAL_TYPES),
  side: fc.constantFrom(...SIDES),
  triggerTicks: fc.integer({ min: -7, max: 7 }),
  limitTicks: fc.integer({ min: -2, max: 2 }),
  trailTicks: fc.integer({ min: 1, max: 4 }),
  trailBps: fc.option(fc.integer({ min: 50, max: 400 })),
  activationTicks: fc.option(fc.integer({ min: -5, max: 5 })),
  quantity: fc.integer({ min: 1, max: 5 }),
  budget: fc.integer({ min: 100, max: 3_000 }),
});
const cancelArb = fc.record({ kind: fc.constant("cancel" as const), pick: fc.nat() });
const commitArb = fc.constant({ kind: "commit" as const });
const commandsArb = fc.array(
  fc.oneof(
    { weight: 5, arbitrary: plainArb },
    { weight: 4, arbitrary: conditionalArb },
    { weight: 1, arbitrary: cancelArb },
    { weight: 2, arbitrary: commitArb },
  ),
  { minLength: 10, maxLength: 80 },
);

type Plain = typeof plainArb extends fc.Arbitrary<infer T> ? T : never;
type Conditional = typeof conditionalArb extends fc.Arbitrary<infer T> ? T : never;

const NO_TRIGGER = { triggerPrice: null, trailingDelta: null, trailingBps: null, activationPrice: null };

function plainOrder(id: string, c: Plain, tick: bigint): PlacedOrder {
  const base = {
    id,
    userId: USERS[c.user] ?? "alice",
    side: c.side,
    postOnly: false,
    quantity: BigInt(c.quantity),
    quoteAmount: null,
    selfTradePrevention: "EXPIRE_TAKER" as const,
    ...NO_TRIGGER,
  };
  if (c.isMarket) return { ...base, type: "MARKET", timeInForce: "IOC", price: null };
  return { ...base, type: "LIMIT", timeInForce: c.ioc ? "IOC" : "GTC", price: CENTER * tick + BigInt(c.ticks) * tick };
}

function conditionalOrder(id: string, c: Conditional, tick: bigint): PlacedOrder {
  const trigger = CENTER * tick + BigInt(c.triggerTicks) * tick;
  const isLimit = c.type === "STOP_LIMIT" || c.type === "TAKE_PROFIT_LIMIT";
  const byBudget = !isLimit && c.side === "BUY";
  const isTrailing = c.type === "TRAILING_STOP";
  return {
    id,
    userId: USERS[c.user] ?? "alice",
    side: c.side,
    type: c.type,
    timeInForce: isLimit ? "GTC" : "IOC",
    postOnly: false,
    price: isLimit ? trigger + BigInt(c.limitTicks) * tick : null,
    quantity: byBudget ? null : BigInt(c.quantity),
    quoteAmount: byBudget ? BigInt(c.budget) * tick : null,
    selfTradePrevention: "EXPIRE_TAKER",
    triggerPrice: isTrailing ? null : trigger,
    trailingDelta: isTrailing && c.trailBps === null ? BigInt(c.trailTicks) * tick : null,
    trailingBps: isTrailing ? c.trailBps : null,
    activationPrice: isTrailing && c.activationTicks !== null ? CENTER * tick + BigInt(c.activationTicks) * tick : null,
  };
}

// ---------------------------------------------------------------- the property

describe("triggers against the reference", () => {
  it("fire the same orders in the same order, cascade the same, and leave the same book and triggers", () => {
    const seen = new Set<string>();
    fc.assert(
      fc.property(
        fc.constantFrom(1n, 5n),
        fc.integer({ min: 1, max: 4 }),
        fc.integer({ min: 0, max: 30 }),
        commandsArb,
        (tick, limit, fee, commands) => {
          const rules: OrderRules = {
            baseScale: 0,
            quoteScale: 2,
            priceTick: tick,
            quantityStep: 1n,
            minQuantity: 1n,
            minNotional: 0n,
            makerFeeBps: fee,
            takerFeeBps: fee,
            status: "OPEN",
          };
          const engine = new Engine(rules, limit);
          const reference = new Reference(rules, limit);
          commands.forEach((command, i) => {
            if (command.kind === "commit") {
              engine.commit();
              return;
            }
            // As in the batch: waiting fired orders run before the command, whatever becomes of it.
            engine.prepare();
            reference.prepare();
            if (command.kind === "cancel") {
              const live = [...reference.pending.map((p) => p.order.id), ...reference.queue].sort();
              const id = live[command.pick % Math.max(live.length, 1)];
              if (id === undefined) return;
              engine.cancel(id);
              reference.cancel(id);
              return;
            }
            const order =
              command.kind === "plain" ? plainOrder(`o${i}`, command, tick) : conditionalOrder(`o${i}`, command, tick);
            try {
              validatePlacement(order, rules, engine.last);
            } catch (error) {
              if (!isDomainError(error)) throw error;
              expect(error.code).toBe("TRIGGER_WOULD_FIRE_NOW");
              seen.add("REFUSED_FIRE_NOW");
              return;
            }
            engine.place(order);
            reference.place(order);
            expect(engine.log).toEqual(reference.log);
          });
          expect(engine.log).toEqual(reference.log);
          expect(engine.last).toBe(reference.last);
          expect(engine.queue.ids()).toEqual(reference.queue);
          const plain = (orders: readonly { id: string; price: bigint; remaining: bigint }[]) =>
            orders.map(({ id, price, remaining }) => ({ id, price, remaining }));
          expect(plain(engine.book.bids)).toEqual(plain(reference.book.sorted("BUY")));
          expect(plain(engine.book.asks)).toEqual(plain(reference.book.sorted("SELL")));
          const triggers = (entries: [string, bigint | null][]) => new Map(entries.sort(([a], [b]) => (a < b ? -1 : 1)));
          expect(triggers(engine.pending().map((o) => [o.id, o.trigger]))).toEqual(
            triggers(reference.pending.map((p) => [p.order.id, reference.triggerOf(p)])),
          );
          // Between commands nothing pending is left crossed by the last price: it would have fired.
          if (engine.last !== null) {
            const price = engine.last;
            for (const order of engine.pending()) expect(observeTrade(order, price, tick).fires).toBe(false);
          }
          for (const label of engine.seen) seen.add(label);
          if (engine.log.some((e, i) => e[0] === "fire" && engine.log[i - 1]?.[0] === "exec")) seen.add("CASCADE");
        },
      ),
      { numRuns: 600 },
    );
    expect([...seen].sort()).toEqual(
      [
        "CASCADE",
        "EXECUTED_WITH_TRADES",
        "FIRED_BUY",
        "FIRED_SELL",
        "FIRED_TRAILING",
        "LEFT_WAITING",
        "REFUSED_FIRE_NOW",
        "TRAILING_MOVED",
      ].sort(),
    );
  });
});
