"use client";

import { parseUnits } from "@/order-maths/decimal";
import type { MarketRules } from "@/domain/types";
import { type Estimate, type LevelUnits, limitEstimate, marketBuyEstimate, marketSellEstimate } from "@/order-maths/order-math";
import type { OrderFormValues } from "@/order-maths/order-validation";

interface Book {
  bids: readonly LevelUnits[];
  asks: readonly LevelUnits[];
}

/** What the form's current values would trade, or null while they are incomplete. */
export function estimateOrder(values: OrderFormValues, rules: MarketRules, book: Book | null): Estimate | null {
  if (values.type === "LIMIT") {
    const price = parseUnits(values.price, rules.quoteScale);
    const quantity = parseUnits(values.quantity, rules.baseScale);
    return price && quantity ? limitEstimate(price, quantity, rules) : null;
  }
  if (!book) return null;
  if (values.side === "SELL") {
    const quantity = parseUnits(values.quantity, rules.baseScale);
    return quantity ? marketSellEstimate(quantity, book.bids, rules) : null;
  }
  const budget = parseUnits(values.total, rules.quoteScale);
  return budget ? marketBuyEstimate(budget, book.asks, rules) : null;
}
