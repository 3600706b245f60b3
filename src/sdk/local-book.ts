import type { BookStreamItem } from "../server/services/markets/market-streams";

type Level = [price: string, quantity: string];

/** Decimal strings of one market share one scale, so digits alone order them; no floats. */
function units(decimal: string): bigint {
  return BigInt(decimal.replace(".", ""));
}

function isZero(decimal: string): boolean {
  return /^[0.]+$/.test(decimal);
}

/**
 * A client-side order book kept from `market.onBook`: a snapshot, then diffs of absolute level
 * sizes ("0" removes a level). A diff whose prevSeq is not the seq held means something was
 * missed: apply() answers "gap" and the caller re-subscribes for a fresh snapshot (the
 * Binance "manage a local order book" rule).
 */
export class LocalBook {
  seq: string | null = null;
  private readonly bids = new Map<string, string>();
  private readonly asks = new Map<string, string>();

  apply(item: BookStreamItem): "ok" | "gap" {
    if (item.kind === "snapshot") {
      this.bids.clear();
      this.asks.clear();
      for (const [price, qty] of item.bids) this.bids.set(price, qty);
      for (const [price, qty] of item.asks) this.asks.set(price, qty);
      this.seq = item.seq;
      return "ok";
    }
    if (this.seq === null || item.prevSeq !== this.seq) return "gap";
    for (const [side, levels] of [
      [this.bids, item.bids],
      [this.asks, item.asks],
    ] as const) {
      for (const [price, qty] of levels) {
        if (isZero(qty)) side.delete(price);
        else side.set(price, qty);
      }
    }
    this.seq = item.seq;
    return "ok";
  }

  /** The best `depth` levels a side, best first. */
  top(depth: number): { bids: Level[]; asks: Level[] } {
    const sorted = (side: Map<string, string>, descending: boolean): Level[] =>
      [...side.entries()]
        .sort(([a], [b]) => {
          const diff = units(a) - units(b);
          const sign = diff === 0n ? 0 : diff > 0n ? 1 : -1;
          return descending ? -sign : sign;
        })
        .slice(0, depth);
    return { bids: sorted(this.bids, true), asks: sorted(this.asks, false) };
  }
}
