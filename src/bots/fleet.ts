import type { BotExchange } from "./exchange";
import { DEFAULT_MAKER, type MakerStats, type MarketMakerConfig, runMarketMaker } from "./market-maker";
import { DEFAULT_TAKER, type NoiseTakerConfig, runNoiseTaker, type TakerStats } from "./noise-taker";

export interface FleetOptions {
  /** Quotes every market in `markets` (or every open market); null for takers only. */
  maker: BotExchange | null;
  /** One noise taker each; they must be other users than the maker (self-trade prevention). */
  takers: BotExchange[];
  /** Empty: every open market. */
  markets: string[];
  makerConfig?: Partial<Omit<MarketMakerConfig, "market">>;
  takerConfig?: Partial<Omit<NoiseTakerConfig, "markets">>;
  log: (message: string) => void;
}

export interface FleetResult {
  makers: MakerStats[];
  takers: TakerStats[];
  /** Bots that stopped on an error rather than on request. */
  failures: unknown[];
}

export interface Fleet {
  /** Asks every bot to stop; makers cancel their orders before `done` settles. */
  stop(): void;
  done: Promise<FleetResult>;
}

/** Drops undefined values, so unset options keep their defaults when spread over them. */
function defined<T extends object>(partial: T | undefined): Partial<T> {
  return Object.fromEntries(Object.entries(partial ?? {}).filter(([, value]) => value !== undefined)) as Partial<T>;
}

/** Starts the market makers and noise takers; they run until stop() (or until each fails). */
export function startFleet(options: FleetOptions): Fleet {
  const controller = new AbortController();
  const done = (async (): Promise<FleetResult> => {
    const source = options.maker ?? options.takers[0];
    const open = source ? (await source.markets()).filter((m) => m.status === "OPEN").map((m) => m.symbol) : [];
    const markets = options.markets.length > 0 ? options.markets : open;
    const maker = options.maker;
    const makers = maker
      ? markets.map((market) =>
          runMarketMaker(maker, { ...DEFAULT_MAKER, ...defined(options.makerConfig), market }, controller.signal, options.log),
        )
      : [];
    const takers = options.takers.map((exchange) =>
      runNoiseTaker(exchange, { ...DEFAULT_TAKER, ...defined(options.takerConfig), markets }, controller.signal, options.log),
    );
    const [makersSettled, takersSettled] = await Promise.all([Promise.allSettled(makers), Promise.allSettled(takers)]);
    const values = <T>(all: PromiseSettledResult<T>[]) => all.flatMap((s) => (s.status === "fulfilled" ? [s.value] : []));
    const reasons = [...makersSettled, ...takersSettled].flatMap((s) => (s.status === "rejected" ? [s.reason as unknown] : []));
    return { makers: values(makersSettled), takers: values(takersSettled), failures: reasons };
  })();
  return { stop: () => controller.abort(), done };
}
