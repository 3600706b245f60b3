/**
 * The order form's rules, checked before anything is sent: the same tick, step, minimum and
 * funds rules the server enforces (src/domain/market-rules.ts), phrased for a person.
 * Pure, so it is unit-testable and the form only wires it to react-hook-form.
 */
import type { Market } from "@/trpc/types";
import { formatDecimal, formatUnits, parseUnits } from "./decimal";
import type { MarketRules, OrderType, Side } from "@/domain/types";
import { buyHold, quoteValue } from "./order-math";
import { allowsPostOnly, type TimeInForce } from "./time-in-force";

export interface OrderFormValues {
  side: Side;
  type: OrderType;
  price: string;
  quantity: string;
  /** Market buys only: how much quote to spend, fees included. */
  total: string;
  /** Limit orders only: a market order is always IOC on the server. */
  timeInForce: TimeInForce;
  /** Limit GTC only; kept in the form but not sent with IOC/FOK. */
  postOnly: boolean;
}

export interface OrderCheckContext {
  market: Market;
  rules: MarketRules;
  /** Null when unknown (signed out, loading): funds are then not checked here. */
  availableBase: bigint | null;
  availableQuote: bigint | null;
}

export interface Issue {
  field: "price" | "quantity" | "total";
  message: string;
}

type Parsed = { units: bigint } | { issue: string };

function parseField(text: string, scale: number, asset: string, what: string): Parsed {
  if (text.trim() === "") return { issue: `Enter ${what}.` };
  const units = parseUnits(text, scale);
  if (units === null) {
    return /^\s*\d*\.?\d*\s*$/.test(text)
      ? { issue: `${asset} amounts have at most ${scale} decimals.` }
      : { issue: `Use a plain number like ${formatDecimal(1234n * 10n ** BigInt(scale), scale)}.` };
  }
  if (units <= 0n) return { issue: `${what[0]?.toUpperCase()}${what.slice(1)} must be above zero.` };
  return { units };
}

function priceIssues(values: OrderFormValues, c: OrderCheckContext): Parsed {
  const parsed = parseField(values.price, c.rules.quoteScale, c.market.quoteAsset, "a price");
  if ("issue" in parsed) return parsed;
  if (parsed.units % c.rules.priceTick !== 0n) return { issue: `Use a multiple of ${c.market.priceTick} (the price tick).` };
  return parsed;
}

function quantityIssues(values: OrderFormValues, c: OrderCheckContext): Parsed {
  const parsed = parseField(values.quantity, c.rules.baseScale, c.market.baseAsset, "an amount");
  if ("issue" in parsed) return parsed;
  const { quantityStep, minQuantity, baseScale } = c.rules;
  if (parsed.units % quantityStep !== 0n)
    return { issue: `Use a multiple of ${formatDecimal(quantityStep, baseScale)} ${c.market.baseAsset}.` };
  if (parsed.units < minQuantity)
    return { issue: `The minimum is ${formatUnits(minQuantity, baseScale)} ${c.market.baseAsset}.` };
  return parsed;
}

function notEnough(asset: string, need: bigint, have: bigint, scale: number): string {
  return `Not enough ${asset}: needs ${formatUnits(need, scale)}, ${formatUnits(have, scale)} available.`;
}

function marketBuyIssues(values: OrderFormValues, c: OrderCheckContext): Issue[] {
  const total = parseField(values.total, c.rules.quoteScale, c.market.quoteAsset, `how much ${c.market.quoteAsset} to spend`);
  if ("issue" in total) return [{ field: "total", message: total.issue }];
  if (total.units < c.rules.minNotional) {
    return [{ field: "total", message: `The minimum order is ${c.market.minNotional} ${c.market.quoteAsset}.` }];
  }
  if (c.availableQuote !== null && total.units > c.availableQuote) {
    return [{ field: "total", message: notEnough(c.market.quoteAsset, total.units, c.availableQuote, c.rules.quoteScale) }];
  }
  return [];
}

/** Every problem with the form as it stands, at most one per field. Empty means it may be sent. */
export function orderIssues(values: OrderFormValues, c: OrderCheckContext): Issue[] {
  if (values.type === "MARKET" && values.side === "BUY") return marketBuyIssues(values, c);
  const issues: Issue[] = [];
  const price = values.type === "LIMIT" ? priceIssues(values, c) : null;
  if (price && "issue" in price) issues.push({ field: "price", message: price.issue });
  const quantity = quantityIssues(values, c);
  if ("issue" in quantity) issues.push({ field: "quantity", message: quantity.issue });
  if (issues.length > 0 || "issue" in quantity) return issues;

  const { rules, market } = c;
  if (price && "units" in price) {
    if (quoteValue(price.units, quantity.units, rules.baseScale) < rules.minNotional) {
      return [{ field: "quantity", message: `The order's value must be at least ${market.minNotional} ${market.quoteAsset}.` }];
    }
    if (values.side === "BUY" && c.availableQuote !== null) {
      const hold = buyHold(price.units, quantity.units, rules);
      if (hold > c.availableQuote)
        return [{ field: "quantity", message: notEnough(market.quoteAsset, hold, c.availableQuote, rules.quoteScale) }];
    }
  }
  if (values.side === "SELL" && c.availableBase !== null && quantity.units > c.availableBase) {
    return [{ field: "quantity", message: notEnough(market.baseAsset, quantity.units, c.availableBase, rules.baseScale) }];
  }
  return [];
}

/** The canonical decimal strings the API wants ("12." → "12.0000"); call only when orderIssues is empty. */
export function toOrderRequest(values: OrderFormValues, market: Market) {
  const canonical = (text: string, scale: number) => formatDecimal(parseUnits(text, scale) ?? 0n, scale);
  const base = { market: market.symbol, side: values.side, type: values.type };
  if (values.type === "MARKET" && values.side === "BUY")
    return { ...base, quoteAmount: canonical(values.total, market.quoteScale) };
  const quantity = canonical(values.quantity, market.baseScale);
  if (values.type === "MARKET") return { ...base, quantity };
  const { timeInForce } = values;
  const postOnly = values.postOnly && allowsPostOnly(timeInForce);
  return { ...base, price: canonical(values.price, market.quoteScale), quantity, timeInForce, postOnly };
}
