"use client";

import { useEffect } from "react";
import { useWatch } from "react-hook-form";
import { formatDecimal, formatUnits, parseUnits, stepBy } from "@/order-maths/decimal";
import { allowsPostOnly } from "@/order-maths/time-in-force";
import type { Market } from "@/trpc/types";
import { SignInPrompt } from "../session/sign-in-prompt";
import { fieldPropsOf } from "../ui/field-props";
import { DecimalField } from "./decimal-field";
import { OrderEstimate } from "./order-estimate";
import { SideToggle, TypeToggle } from "./order-toggles";
import { PercentButtons } from "./percent-buttons";
import { TimeInForceField } from "./time-in-force-field";
import { estimateOrder } from "./use-order-estimate";
import { useOrderForm } from "./use-order-form";
import { useBook } from "./use-live-book";
import { usePercentFill } from "./use-percent-fill";

export interface PricePick {
  price: string;
  /** Changes on every click, so picking the same price twice still applies it. */
  nonce: number;
}

/** Buy/sell, limit/market, tick- and step-aware inputs, live estimate, and checks before sending. */
export function OrderForm({ market, pick }: { market: Market; pick: PricePick | null }) {
  const { form, rules, submit, place, isSignedIn, status, availableBase, availableQuote } = useOrderForm(market);
  const { levels } = useBook(market);
  const values = useWatch({ control: form.control }) as Parameters<typeof estimateOrder>[0];
  const { side, type } = values;
  const errors = form.formState.errors;
  const field = fieldPropsOf(form);
  const fillPercent = usePercentFill({ form, rules, levels, availableBase, availableQuote });

  useEffect(() => {
    if (!pick) return;
    form.setValue("type", "LIMIT");
    form.setValue("price", pick.price, { shouldValidate: form.formState.isSubmitted, shouldDirty: true });
  }, [pick, form]);

  // Start from the best price on the other side, as a person would read it off the book.
  const bestAsk = levels?.asks[0]?.[0];
  const bestBid = levels?.bids[0]?.[0];
  useEffect(() => {
    const best = side === "BUY" ? bestAsk : bestBid;
    if (best !== undefined && form.getValues("price") === "") form.setValue("price", formatDecimal(best, rules.quoteScale));
  }, [side, bestAsk, bestBid, form, rules.quoteScale]);

  // Arrow keys move the price by one tick, the amount by one step.
  const stepperOf = (name: "price" | "quantity") => {
    const [scale, unit] = name === "price" ? [rules.quoteScale, rules.priceTick] : [rules.baseScale, rules.quantityStep];
    return (direction: 1 | -1) =>
      form.setValue(name, stepBy(form.getValues(name), scale, unit, direction), { shouldValidate: true, shouldDirty: true });
  };

  const isHalted = market.status === "HALTED";
  const isMarketBuy = type === "MARKET" && side === "BUY";
  const available = side === "BUY" ? availableQuote : availableBase;
  const availableAsset = side === "BUY" ? market.quoteAsset : market.baseAsset;
  const availableScale = side === "BUY" ? market.quoteScale : market.baseScale;
  const serverError = errors.root?.server?.message;

  return (
    <form
      onSubmit={submit}
      noValidate
      className="flex flex-col gap-2.5 p-3"
      aria-label={`Place an order on ${market.symbol}`}
      data-testid="order-form"
    >
      <SideToggle value={side} onChange={(next) => form.setValue("side", next, { shouldValidate: form.formState.isSubmitted })} />
      <TypeToggle value={type} onChange={(next) => form.setValue("type", next, { shouldValidate: form.formState.isSubmitted })} />
      <div className="flex h-5 items-center justify-between text-xs">
        <span className="text-muted">Available</span>
        <span className="font-medium" data-testid="available">
          {available === null
            ? status === "loading"
              ? "…"
              : "—"
            : `${formatUnits(available, availableScale)} ${availableAsset}`}
        </span>
      </div>
      {type === "LIMIT" ? (
        <DecimalField
          key="price"
          label="Price"
          unit={market.quoteAsset}
          placeholder={market.priceTick}
          onStep={stepperOf("price")}
          {...field("price")}
          data-testid="input-price"
        />
      ) : (
        <DecimalField
          key="market-price"
          label="Price"
          unit={market.quoteAsset}
          value="Market"
          readOnly
          disabled
          hint="Best available prices"
        />
      )}
      {isMarketBuy ? (
        <DecimalField
          key="total"
          label="Spend"
          unit={market.quoteAsset}
          placeholder={market.minNotional}
          {...field("total")}
          data-testid="input-total"
        />
      ) : (
        <DecimalField
          key="quantity"
          label="Amount"
          unit={market.baseAsset}
          placeholder={market.minQuantity}
          onStep={stepperOf("quantity")}
          {...field("quantity")}
          data-testid="input-quantity"
        />
      )}
      <PercentButtons onPick={fillPercent} isDisabled={!available} />
      <TimeInForceField
        type={type}
        timeInForce={values.timeInForce}
        postOnly={values.postOnly}
        onTimeInForce={(next) => {
          form.setValue("timeInForce", next);
          // Post-only needs an order that may rest: untick it rather than send one the server refuses.
          if (!allowsPostOnly(next)) form.setValue("postOnly", false);
        }}
        onPostOnly={(next) => form.setValue("postOnly", next)}
      />
      <OrderEstimate
        market={market}
        rules={rules}
        side={side}
        isLimit={type === "LIMIT"}
        estimate={estimateOrder(values, rules, levels)}
        price={type === "LIMIT" ? parseUnits(values.price, rules.quoteScale) : null}
      />
      <p className="min-h-4 text-xs text-sell" role="alert" data-testid="order-error">
        {isHalted ? "This market is halted: only cancels are accepted." : (serverError ?? "")}
      </p>
      {status === "signedOut" ? (
        <div className="rounded-md border border-line">
          <SignInPrompt />
        </div>
      ) : (
        <button
          type="submit"
          disabled={!isSignedIn || isHalted || place.isPending}
          className={`h-11 rounded-md text-sm font-semibold text-white disabled:opacity-50 ${side === "BUY" ? "bg-buy" : "bg-sell"}`}
          data-testid="submit-order"
        >
          {place.isPending ? "Sending…" : `${side === "BUY" ? "Buy" : "Sell"} ${market.baseAsset}`}
        </button>
      )}
      <p className="text-[11px] text-muted">
        Fees: maker {market.makerFeeBps / 100}% · taker {market.takerFeeBps / 100}% · tick {market.priceTick} · step{" "}
        {market.quantityStep}
      </p>
    </form>
  );
}
