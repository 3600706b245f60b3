"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useMemo, useRef } from "react";
import { useForm } from "react-hook-form";
import { toast } from "sonner";
import { newClientOrderId } from "@/components/trade/client-order-id";
import { groupDigits, unitsOf } from "@/order-maths/decimal";
import { rulesOf } from "@/order-maths/market-rules";
import { unfilledOutcome } from "@/order-maths/order-outcome";
import { type OrderCheckContext, type OrderFormValues, toOrderRequest } from "@/order-maths/order-validation";
import { useTRPC } from "@/trpc/react";
import type { Market } from "@/trpc/types";
import { useLiveBalances } from "../session/use-live-balances";
import { makeOrderSchema } from "./order-schema";

const DEFAULTS: OrderFormValues = {
  side: "BUY",
  type: "LIMIT",
  price: "",
  quantity: "",
  total: "",
  timeInForce: "GTC",
  postOnly: false,
};

/**
 * react-hook-form with the market's rules and the viewer's live balances, and the place-order
 * mutation. A clientOrderId is made per distinct order and reused if that same order is sent
 * again after a network failure, so a retry can never place it twice.
 */
export function useOrderForm(market: Market) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const rules = useMemo(() => rulesOf(market), [market]);
  const { status, byAsset } = useLiveBalances();
  const isSignedIn = status === "signedIn";
  const availableBase = isSignedIn ? unitsOf(byAsset.get(market.baseAsset)?.available, market.baseScale) : null;
  const availableQuote = isSignedIn ? unitsOf(byAsset.get(market.quoteAsset)?.available, market.quoteScale) : null;

  const context = useRef<OrderCheckContext>({ market, rules, availableBase, availableQuote });
  context.current = { market, rules, availableBase, availableQuote };
  const schema = useMemo(() => makeOrderSchema(() => context.current), []);
  const form = useForm<OrderFormValues>({ resolver: zodResolver(schema), mode: "onTouched", defaultValues: DEFAULTS });

  const pending = useRef<{ key: string; id: string } | null>(null);
  const place = useMutation(
    trpc.order.place.mutationOptions({
      onSuccess: ({ order }) => {
        pending.current = null;
        const verb = order.side === "BUY" ? "Buy" : "Sell";
        const what = order.quantity
          ? `${groupDigits(order.quantity)} ${market.baseAsset}`
          : `${groupDigits(order.quoteAmount ?? "")} ${market.quoteAsset} of ${market.baseAsset}`;
        const where = order.price ? ` at ${groupDigits(order.price)}` : " at market";
        const unfilled = unfilledOutcome(order);
        if (unfilled) {
          // Nothing traded: keep what was typed, so the person can adjust the price or size and resend.
          const show = order.status === "REJECTED" ? toast.error : toast.warning;
          show(unfilled, { description: `${verb} ${what}${where} · ${order.timeInForce}${order.postOnly ? " post-only" : ""}` });
          return;
        }
        toast.message(`${verb} order ${order.status === "FILLED" ? "filled" : "placed"}`, {
          description: `${what}${where} · ${order.status.replace("_", " ").toLowerCase()}`,
        });
        form.reset({ ...form.getValues(), quantity: "", total: "" });
      },
      onError: (error) => {
        // Only a request that got no answer may have happened; any answer means retry as new.
        if (error.data?.httpStatus) pending.current = null;
        form.setError("root.server", { message: error.message });
      },
      onSettled: () => {
        for (const key of [
          trpc.order.pathKey(),
          trpc.account.pathKey(),
          trpc.market.orderBook.pathKey(),
          trpc.market.trades.pathKey(),
        ]) {
          void queryClient.invalidateQueries({ queryKey: key });
        }
      },
    }),
  );

  const submit = form.handleSubmit((values) => {
    const request = toOrderRequest(values, market);
    const key = JSON.stringify(request);
    if (pending.current?.key !== key) pending.current = { key, id: newClientOrderId() };
    place.mutate({ ...request, clientOrderId: pending.current.id });
  });

  return { form, rules, submit, place, isSignedIn, status, availableBase, availableQuote };
}
