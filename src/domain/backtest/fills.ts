/**
 * One simulated market order, filled the way live trading would fill it. The order passes the
 * live admission rules (validateOrder) and is matched by the live matcher against a single
 * synthetic maker at the slipped price, so notional, fee and quantity rounding are the live ones
 * by construction: a buy spends its cash as a market buy by quote amount (the largest on-step
 * quantity whose notional plus taker fee fits), a sell is a market sell of the whole position.
 *
 * Slippage: the fill price is the candle's open moved against the trader by `slippageBps` and
 * rounded to the tick against the trader (buys up, sells down). A buy whose fill would be below
 * minQuantity or minNotional is skipped, since a position below minQuantity could never be sold.
 */
import type { Candle } from "../candles";
import { divCeil, divFloor, pow10 } from "../decimal";
import { assert, isDomainError } from "../errors";
import { validateMarketRules, validateOrder } from "../market-rules";
import { matchOrder } from "../matcher";
import { BPS_DENOMINATOR } from "../money";
import type { IncomingOrder, MarketRules, RestingOrder, Side } from "../types";
import { MAX_SLIPPAGE_BPS } from "./limits";

export interface SimulatedFill {
  candleIndex: number;
  /** The open time of the candle whose open it filled at. */
  timeMs: number;
  side: Side;
  price: bigint;
  /** Base minor units. */
  quantity: bigint;
  /** Quote minor units: floor(price × quantity / 10^baseScale), as every live fill. */
  notional: bigint;
  /** The live taker fee on that notional, in quote minor units. */
  fee: bigint;
}

export function assertSimulationInputs(rules: MarketRules, initialCash: bigint, slippageBps: number): void {
  validateMarketRules(rules);
  assert(initialCash > 0n, "a backtest starts with positive cash");
  assert(Number.isInteger(slippageBps) && slippageBps >= 0 && slippageBps <= MAX_SLIPPAGE_BPS, "slippage is within bounds");
}

/** The open moved against a trader on `side`, on the tick; null when a sell would round to zero. */
export function slippedPrice(open: bigint, side: Side, slippageBps: number, priceTick: bigint): bigint | null {
  const bps = BigInt(slippageBps);
  if (side === "BUY") return divCeil(open * (BPS_DENOMINATOR + bps), BPS_DENOMINATOR * priceTick) * priceTick;
  const price = divFloor(open * (BPS_DENOMINATOR - bps), BPS_DENOMINATOR * priceTick) * priceTick;
  return price > 0n ? price : null;
}

const SIMULATED_TRADER = "backtest";

function marketOrder(side: Side, amount: { quantity: bigint } | { quoteAmount: bigint }): IncomingOrder {
  return {
    id: SIMULATED_TRADER,
    userId: SIMULATED_TRADER,
    side,
    type: "MARKET",
    timeInForce: "IOC",
    postOnly: false,
    price: null,
    quantity: "quantity" in amount ? amount.quantity : null,
    quoteAmount: "quoteAmount" in amount ? amount.quoteAmount : null,
    selfTradePrevention: "EXPIRE_TAKER",
  };
}

function isAdmitted(order: IncomingOrder, rules: MarketRules): boolean {
  try {
    validateOrder(order, { ...rules, status: "OPEN" });
    return true;
  } catch (error) {
    if (isDomainError(error)) return false;
    throw error;
  }
}

/** Where an order fills: at the open of candle `index`, on these rules and slippage. */
export interface FillAt {
  candle: Candle;
  index: number;
  rules: MarketRules;
  slippageBps: number;
}

/** What one synthetic maker at `price` fills of `order`; `remaining` must cover all it could take. */
function fillAgainst(order: IncomingOrder, price: bigint, remaining: bigint, at: FillAt): SimulatedFill | null {
  const maker: RestingOrder = { id: "market", userId: "market", side: order.side === "BUY" ? "SELL" : "BUY", price, remaining };
  const [fill, ...rest] = matchOrder(order, [maker], at.rules).fills;
  assert(rest.length === 0, "one maker gives at most one fill");
  if (fill === undefined) return null;
  return {
    candleIndex: at.index,
    timeMs: at.candle.openTimeMs,
    side: order.side,
    price,
    quantity: fill.quantity,
    notional: fill.quoteQuantity,
    fee: fill.takerFee,
  };
}

/** A market buy spending all of `cash`, or null when the rules refuse it. */
export function simulateBuy(cash: bigint, at: FillAt): SimulatedFill | null {
  const { rules } = at;
  const price = slippedPrice(at.candle.open, "BUY", at.slippageBps, rules.priceTick);
  const order = marketOrder("BUY", { quoteAmount: cash });
  if (price === null || !isAdmitted(order, rules)) return null;
  // The notional floors, so cash can buy somewhat more than cash / price; but from (cash + 1) / price
  // on the notional alone exceeds it. A maker that large never limits the fill.
  const ceiling = divCeil(divCeil((cash + 1n) * pow10(rules.baseScale), price), rules.quantityStep) * rules.quantityStep;
  const fill = fillAgainst(order, price, ceiling, at);
  if (fill === null || fill.quantity < rules.minQuantity || fill.notional < rules.minNotional) return null;
  return fill;
}

/** A market sell of the whole `position`, or null when the rules refuse it. */
export function simulateSell(position: bigint, at: FillAt): SimulatedFill | null {
  const price = slippedPrice(at.candle.open, "SELL", at.slippageBps, at.rules.priceTick);
  const order = marketOrder("SELL", { quantity: position });
  if (price === null || !isAdmitted(order, at.rules)) return null;
  const fill = fillAgainst(order, price, position, at);
  assert(fill === null || fill.quantity === position, "a sell against an unlimited maker fills completely");
  return fill;
}
