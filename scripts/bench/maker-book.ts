/**
 * The resting makers of the taker cases, per market: seeded before a case (unmeasured), consumed
 * one per fill. A taker case takes index i to market i mod n, so it may run as many takers as
 * n × the smallest market's makers; the count bound keeps it there, so no taker finds none.
 */
export class MakerBook {
  private readonly remaining: number[];

  constructor(
    private readonly marketCount: number,
    private readonly seed: (market: number, count: number) => Promise<void>,
  ) {
    this.remaining = Array.from({ length: marketCount }, () => 0);
  }

  /** Tops every market up so that `takers` takers (spread round-robin) each find a maker. */
  async ensure(takers: number): Promise<void> {
    const perMarket = Math.ceil(takers / this.marketCount) + 1;
    await Promise.all(
      this.remaining.map(async (have, market) => {
        if (have >= perMarket) return;
        await this.seed(market, perMarket - have);
        this.remaining[market] = perMarket;
      }),
    );
  }

  /** How many takers can run now without one finding an empty book. */
  capacity(): number {
    return Math.min(...this.remaining) * this.marketCount;
  }

  filled(market: number): void {
    this.remaining[market] = (this.remaining[market] ?? 0) - 1;
  }
}
