import { isTrackedEnvelope } from "@trpc/server";
import { createContext, type AuthUser } from "../src/server/api/context";
import { createCaller } from "../src/server/api/root";
import type { ServiceContext } from "../src/server/services/context";

/** One received stream item: the SSE id and the data (tRPC's TrackedData, as clients see it). */
export interface Received<T> {
  id: string;
  data: T;
}

/**
 * tRPC types a direct caller's subscription items as { id, data } (what clients receive) while
 * the generator really yields tracked envelopes [id, data]; this accepts both.
 */
function received<T>(value: Received<T>): Received<T> {
  const raw: unknown = value;
  // The envelope's data is the same T the type promises; only the container differs.
  if (isTrackedEnvelope(raw)) return { id: String(raw[0]), data: raw[1] as T };
  return value;
}

/** A caller whose subscriptions end when `signal` aborts, as an HTTP disconnect does. */
export function streamingCaller(services: ServiceContext, user: AuthUser | null, signal?: AbortSignal) {
  return createCaller(createContext({ services, user }), { signal });
}

/** Reads up to `count` items; stops early (without failing) when nothing arrives for idleMs. */
export async function readItems<T>(iterator: AsyncIterator<Received<T>>, count: number, idleMs = 3_000): Promise<Received<T>[]> {
  const items: Received<T>[] = [];
  while (items.length < count) {
    const next = await nextWithin(iterator, idleMs);
    if (next === "idle" || next.done) break;
    items.push(received(next.value));
  }
  return items;
}

/** Reads until `isDone` holds for an item; fails after timeoutMs. */
export async function readUntil<T>(
  iterator: AsyncIterator<Received<T>>,
  isDone: (item: Received<T>) => boolean,
  timeoutMs = 10_000,
): Promise<Received<T>[]> {
  const items: Received<T>[] = [];
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const next = await nextWithin(iterator, Math.max(1, deadline - Date.now()));
    if (next === "idle") throw new Error(`no matching item within ${timeoutMs}ms (got ${items.length})`);
    if (next.done) throw new Error("stream ended before a matching item");
    const item = received(next.value);
    items.push(item);
    if (isDone(item)) return items;
  }
}

function nextWithin<T>(iterator: AsyncIterator<T>, timeoutMs: number): Promise<IteratorResult<T> | "idle"> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const idle = new Promise<"idle">((resolve) => {
    timer = setTimeout(() => resolve("idle"), timeoutMs);
  });
  return Promise.race([iterator.next(), idle]).finally(() => clearTimeout(timer));
}

/** Decimal strings of one fixed scale compare as integers of their digits. */
export const units = (decimal: string) => BigInt(decimal.replace(".", ""));

type Level = [string, string];

/** A local order book as a client keeps one: snapshot, then absolute level sizes ("0…" removes). */
export class LocalBook {
  private readonly bids = new Map<string, string>();
  private readonly asks = new Map<string, string>();

  load(bids: Level[], asks: Level[]): void {
    this.bids.clear();
    this.asks.clear();
    this.apply(bids, asks);
  }

  apply(bids: Level[], asks: Level[]): void {
    for (const [side, levels] of [
      [this.bids, bids],
      [this.asks, asks],
    ] as const) {
      for (const [price, quantity] of levels) {
        if (units(quantity) === 0n) side.delete(price);
        else side.set(price, quantity);
      }
    }
  }

  top(depth: number): { bids: Level[]; asks: Level[] } {
    const sorted = (side: Map<string, string>, descending: boolean) =>
      [...side.entries()]
        .sort(([a], [b]) => (units(a) === units(b) ? 0 : units(a) < units(b) !== descending ? -1 : 1))
        .slice(0, depth);
    return { bids: sorted(this.bids, true), asks: sorted(this.asks, false) };
  }
}
