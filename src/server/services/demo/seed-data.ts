import { formatDecimal } from "@/domain/decimal";
import type { MarketRules } from "@/domain/types";
import type { PlaceOrderRequest } from "../trading/order-input";

/** The demo world a newcomer meets. Local use only: these logins are printed in the README. */
export const DEMO_PASSWORD = "bourse-demo-password";

export const DEMO_ASSETS = [
  { symbol: "USD", name: "US Dollar", scale: 2 },
  { symbol: "ACME", name: "Acme Corporation share", scale: 4 },
  { symbol: "BTC", name: "Bitcoin", scale: 8 },
  { symbol: "ETH", name: "Ether", scale: 8 },
  { symbol: "GOLD", name: "Gold (troy ounce)", scale: 4 },
  { symbol: "SOLR", name: "Solar Cooperative share", scale: 2 },
];

/** A market row as the seed inserts it: the pair and its rules; the scales belong to the assets. */
type DemoMarket = Omit<MarketRules, "baseScale" | "quoteScale"> & { symbol: string; baseAsset: string; quoteAsset: string };

const usd = (base: string, tick: bigint, step: bigint, minNotionalCents: bigint): DemoMarket => ({
  symbol: `${base}-USD`,
  baseAsset: base,
  quoteAsset: "USD",
  priceTick: tick,
  quantityStep: step,
  minQuantity: step,
  minNotional: minNotionalCents,
  makerFeeBps: 10,
  takerFeeBps: 20,
});

export const DEMO_MARKETS: DemoMarket[] = [
  usd("ACME", 1n, 100n, 100n), // tick 0.01, step 0.01 ACME, min notional 1.00
  usd("BTC", 100n, 10_000n, 1_000n), // tick 1.00, step 0.0001 BTC, min 10.00
  usd("ETH", 10n, 100_000n, 1_000n), // tick 0.10, step 0.001 ETH, min 10.00
  usd("GOLD", 10n, 100n, 500n), // tick 0.10, step 0.01 oz, min 5.00
  usd("SOLR", 1n, 100n, 100n), // tick 0.01, step 1 share, min 1.00
];

type Role = "trader" | "admin";
export const DEMO_USERS: { email: string; name: string; role: Role; funds: Record<string, string> }[] = [
  { email: "admin@bourse.local", name: "Ada Admin", role: "admin", funds: {} },
  {
    email: "alice@bourse.local",
    name: "Alice",
    role: "trader",
    funds: { USD: "1000000.00", ACME: "1000", BTC: "10", ETH: "100", GOLD: "200", SOLR: "10000" },
  },
  {
    email: "bob@bourse.local",
    name: "Bob",
    role: "trader",
    funds: { USD: "1000000.00", ACME: "1000", BTC: "10", ETH: "100", GOLD: "200", SOLR: "10000" },
  },
  {
    email: "carol@bourse.local",
    name: "Carol",
    role: "trader",
    funds: { USD: "1000000.00", ACME: "1000", BTC: "10", ETH: "100", GOLD: "200", SOLR: "10000" },
  },
  { email: "dave@bourse.local", name: "Dave", role: "trader", funds: { USD: "100000.00" } },
  {
    email: "maker@bourse.local",
    name: "Demo Market Maker",
    role: "trader",
    funds: { USD: "5000000.00", ACME: "20000", BTC: "60", ETH: "800", GOLD: "1500", SOLR: "80000" },
  },
];

/** Mid price and level spacing in cents (on each market's tick), order size as a decimal string. */
const BOOK_SHAPE: Record<string, { mid: bigint; spacing: bigint; size: string }> = {
  "ACME-USD": { mid: 12_540n, spacing: 5n, size: "12.5" },
  "BTC-USD": { mid: 6_425_000n, spacing: 1_500n, size: "0.15" },
  "ETH-USD": { mid: 315_030n, spacing: 120n, size: "2.5" },
  "GOLD-USD": { mid: 238_160n, spacing: 80n, size: "3.2" },
  "SOLR-USD": { mid: 1_872n, spacing: 1n, size: "150" },
};

type SeedOrder = Omit<PlaceOrderRequest, "userId"> & { email: string };

function shape(symbol: string) {
  const found = BOOK_SHAPE[symbol];
  if (!found) throw new Error(`no demo book shape for ${symbol}`);
  return found;
}

/** A deterministic walk of steps in -3..3, so every newcomer's demo looks the same and reruns replay exactly. */
function walk(count: number, seed: bigint): bigint[] {
  let state = seed;
  const steps: bigint[] = [];
  for (let i = 0; i < count; i++) {
    state = (state * 1_103_515_245n + 12_345n) % 2_147_483_648n;
    steps.push(((state >> 16n) % 7n) - 3n);
  }
  return steps;
}

const cents = (value: bigint) => formatDecimal(value, 2);
const TAPE_LENGTH = 60;

/** 60 trades per market, a random walk that ends near the mid: the maker quotes, a demo trader takes. */
export function demoTape(symbol: string): SeedOrder[] {
  const { mid, spacing, size } = shape(symbol);
  const takers = ["alice@bourse.local", "bob@bourse.local", "carol@bourse.local"];
  const steps = walk(TAPE_LENGTH, BigInt(symbol.length * 7_919));
  // Start where the walk must begin to finish at the mid, so the ladder seeded after it fits.
  let level = mid - steps.reduce((sum, step) => sum + step * spacing * 3n, 0n);
  return steps.flatMap((step, i): SeedOrder[] => {
    level += step * spacing * 3n;
    const side = step >= 0n ? "SELL" : "BUY";
    const taker = takers[i % takers.length] ?? "alice@bourse.local";
    const price = cents(level);
    return [
      {
        email: "maker@bourse.local",
        market: symbol,
        side,
        type: "LIMIT",
        price,
        quantity: size,
        clientOrderId: `seed-quote-${symbol}-${i}`,
      },
      {
        email: taker,
        market: symbol,
        side: side === "SELL" ? "BUY" : "SELL",
        type: "LIMIT",
        timeInForce: "IOC",
        price,
        quantity: size,
        clientOrderId: `seed-tape-${symbol}-${i}`,
      },
    ];
  });
}

/** Twelve resting levels a side around the mid, so the book is never empty on first visit. */
export function demoLadder(symbol: string): SeedOrder[] {
  const { mid, spacing, size } = shape(symbol);
  return Array.from({ length: 12 }, (_, i): SeedOrder[] => {
    const offset = spacing * BigInt(i + 1);
    return [
      {
        email: "maker@bourse.local",
        market: symbol,
        side: "BUY",
        type: "LIMIT",
        price: cents(mid - offset),
        quantity: size,
        clientOrderId: `seed-bid-${symbol}-${i}`,
      },
      {
        email: "maker@bourse.local",
        market: symbol,
        side: "SELL",
        type: "LIMIT",
        price: cents(mid + offset),
        quantity: size,
        clientOrderId: `seed-ask-${symbol}-${i}`,
      },
    ];
  }).flat();
}
