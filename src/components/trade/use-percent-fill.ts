"use client";

import type { UseFormReturn } from "react-hook-form";
import { formatDecimal, floorTo, parseUnits } from "@/order-maths/decimal";
import type { MarketRules } from "@/domain/types";
import { affordableLimitBuy, type LevelUnits, percentOf } from "@/order-maths/order-math";
import type { OrderFormValues } from "@/order-maths/order-validation";

interface PercentFillOptions {
  form: UseFormReturn<OrderFormValues>;
  rules: MarketRules;
  levels: { bids: readonly LevelUnits[]; asks: readonly LevelUnits[] } | null;
  availableBase: bigint | null;
  availableQuote: bigint | null;
}

/**
 * The 25/50/75/100 % buttons: a share of the available balance turned into an amount on the
 * market's step. A limit buy sizes against its hold (price plus the worst fee), so 100 % always fits.
 */
export function usePercentFill({ form, rules, levels, availableBase, availableQuote }: PercentFillOptions) {
  return (percent: number) => {
    const { side, type, price } = form.getValues();
    const set = (field: "quantity" | "total", value: string) =>
      form.setValue(field, value, { shouldValidate: true, shouldDirty: true, shouldTouch: true });
    if (side === "SELL") {
      if (availableBase === null) return;
      set("quantity", formatDecimal(floorTo(percentOf(availableBase, percent), rules.quantityStep), rules.baseScale));
      return;
    }
    if (availableQuote === null) return;
    const budget = percentOf(availableQuote, percent);
    if (type === "MARKET") {
      set("total", formatDecimal(budget, rules.quoteScale));
      return;
    }
    const limit = parseUnits(price, rules.quoteScale) ?? levels?.asks[0]?.[0] ?? null;
    if (limit === null || limit <= 0n) return;
    set("quantity", formatDecimal(affordableLimitBuy(budget, limit, rules), rules.baseScale));
  };
}
