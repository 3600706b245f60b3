import type http from "node:http";
import { keepAliveAgent } from "./chaos-http";
import { type ChaosTrader, cancelOrder, type OrderAck, type OrderBody, type Outcome, placeOrder, RETRYABLE } from "./order-api";
import { between, sleep } from "./timing";

/**
 * Several bots trading at once, each in its own loop: resting orders on both sides, orders that
 * cross them (GTC and IOC), and cancels of their own resting orders. Every request and what came
 * of it is recorded, so that after a fault the suite can say what was acknowledged and check it
 * against the database.
 */

export interface PlaceRecord {
  readonly trader: ChaosTrader;
  readonly body: OrderBody;
  outcome: Outcome;
  ack?: OrderAck;
  attempts: number;
  /** performance.now() when the first attempt was sent, what it came to, and how long it took. */
  readonly sentAt: number;
  firstOutcome?: Outcome;
  ms?: number;
  /** The status and start of the body of the latest answer that was a server error. */
  serverError?: string;
}

export interface CancelRecord {
  readonly trader: ChaosTrader;
  readonly orderId: string;
  outcome: Outcome;
  ack?: OrderAck;
  attempts: number;
  readonly sentAt: number;
  firstOutcome?: Outcome;
  serverError?: string;
}

export interface LoadOptions {
  traders: readonly ChaosTrader[];
  markets: readonly string[];
  random: () => number;
  /** Where requests go now; an instance switch changes it. */
  target: () => string;
  /** Pause between one trader's requests; 0 sends back to back. */
  thinkMs?: number;
}

const MID_CENTS = 10_000;
const RETRY_ATTEMPTS = 60;
const RETRY_PAUSE_MS = 250;
const DOWN_PAUSE_MS = 50;

let sequence = 0;

export class OrderLoad {
  readonly places: PlaceRecord[] = [];
  readonly cancels: CancelRecord[] = [];
  /** performance.now() of the latest acknowledgement: recovery is the first one after a fault. */
  lastAckAt = 0;
  private isRunning = false;
  private loops: Promise<void>[] = [];
  private readonly agents = new Map<ChaosTrader, http.Agent>();
  /** A trader's acknowledged orders that may still rest (cancel candidates). */
  private readonly resting = new Map<ChaosTrader, string[]>();

  constructor(private readonly options: LoadOptions) {}

  get latencies(): number[] {
    return this.places.flatMap((p) => (p.outcome === "acked" && p.ms !== undefined ? [p.ms] : []));
  }

  start(): void {
    if (this.isRunning) return;
    this.isRunning = true;
    this.loops = this.options.traders.map((trader) => this.trade(trader));
  }

  /** Stops sending and waits for every request in flight to end. */
  async stop(): Promise<void> {
    this.isRunning = false;
    await Promise.all(this.loops);
    this.loops = [];
  }

  /** Sends every request that might not have run again, as it was, until the server decides. */
  async resolveUnanswered(): Promise<void> {
    const pending = [...this.places, ...this.cancels].filter((r) => RETRYABLE.has(r.outcome));
    await Promise.all(
      pending.map(async (record) => {
        for (let attempt = 0; attempt < RETRY_ATTEMPTS && RETRYABLE.has(record.outcome); attempt++) {
          await sleep(RETRY_PAUSE_MS);
          await this.attempt(record);
        }
      }),
    );
  }

  private agentOf(trader: ChaosTrader): http.Agent {
    let agent = this.agents.get(trader);
    if (!agent) {
      agent = keepAliveAgent();
      this.agents.set(trader, agent);
    }
    return agent;
  }

  /**
   * One bot: a new order or cancel, sent again as it was (same clientOrderId) while the answer
   * leaves it undecided and the load runs, then a pause to think.
   */
  private async trade(trader: ChaosTrader): Promise<void> {
    const { random, thinkMs = 0 } = this.options;
    while (this.isRunning) {
      const resting = this.resting.get(trader) ?? [];
      const record = random() < 0.2 && resting.length > 0 ? this.newCancel(trader, resting) : this.newPlace(trader);
      await this.attempt(record);
      // Down or refusing for now: a real bot backs off rather than spin.
      while (this.isRunning && RETRYABLE.has(record.outcome)) {
        await sleep(DOWN_PAUSE_MS);
        await this.attempt(record);
      }
      if (thinkMs > 0) await sleep(between(random, 0, thinkMs * 2));
    }
  }

  private newPlace(trader: ChaosTrader): PlaceRecord {
    const record: PlaceRecord = { trader, body: this.nextOrder(), outcome: "no-answer", attempts: 0, sentAt: performance.now() };
    this.places.push(record);
    return record;
  }

  private newCancel(trader: ChaosTrader, resting: string[]): CancelRecord {
    const [orderId] = resting.splice(between(this.options.random, 0, resting.length), 1);
    const record: CancelRecord = { trader, orderId: orderId ?? "", outcome: "no-answer", attempts: 0, sentAt: performance.now() };
    this.cancels.push(record);
    return record;
  }

  private async attempt(record: PlaceRecord | CancelRecord): Promise<void> {
    const agent = this.agentOf(record.trader);
    const target = this.options.target();
    const answer =
      "body" in record
        ? await placeOrder(target, agent, record.trader, record.body)
        : await cancelOrder(target, agent, record.trader, record.orderId);
    record.attempts++;
    record.outcome = answer.outcome;
    record.ack = answer.ack;
    if (answer.outcome === "server-error" && answer.delivery.kind === "answered")
      record.serverError = `${answer.delivery.status} ${answer.delivery.body.slice(0, 200)}`;
    if (record.firstOutcome === undefined) {
      record.firstOutcome = answer.outcome;
      if ("body" in record) record.ms = answer.delivery.ms;
    }
    if (answer.outcome !== "acked") return;
    this.lastAckAt = performance.now();
    const status = answer.ack?.status;
    if ("body" in record && answer.ack && (status === "NEW" || status === "PARTIALLY_FILLED")) {
      const list = this.resting.get(record.trader) ?? [];
      list.push(answer.ack.id);
      this.resting.set(record.trader, list);
    }
  }

  /** Resting on either side near the middle, or crossing it; quantities from 0.01 to 0.20. */
  private nextOrder(): OrderBody {
    const { random, markets } = this.options;
    const side = random() < 0.5 ? "BUY" : "SELL";
    const isCrossing = random() < 0.4;
    const offset = isCrossing ? -between(random, 5, 30) : between(random, 1, 40);
    const cents = side === "BUY" ? MID_CENTS - offset : MID_CENTS + offset;
    return {
      market: markets[between(random, 0, markets.length)] ?? "",
      side,
      type: "LIMIT",
      price: (cents / 100).toFixed(2),
      quantity: (between(random, 1, 21) / 100).toFixed(2),
      timeInForce: isCrossing && random() < 0.5 ? "IOC" : "GTC",
      clientOrderId: `chaos-${process.pid}-${++sequence}`,
    };
  }
}
