"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { z } from "zod";
import { Field, FormAlert } from "@/components/auth/form-parts";
import { errorInfo } from "@/components/auth/trpc-error";
import { fieldPropsOf } from "@/components/ui/field-props";
import { createMarketInput } from "@/server/api/schemas";
import { useTRPC } from "@/trpc/react";
import { buttonClass } from "./section";

const feeField = z.coerce.number<string>().int("Whole basis points.").min(0).max(1000);
const form = createMarketInput.extend({ makerFeeBps: feeField, takerFeeBps: feeField });
const defaults = {
  baseAsset: "",
  quoteAsset: "USD",
  priceTick: "0.01",
  quantityStep: "1",
  minQuantity: "1",
  minNotional: "1",
  makerFeeBps: "10",
  takerFeeBps: "20",
};

export function CreateMarketForm() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const assets = useQuery(trpc.asset.list.queryOptions());
  const [result, setResult] = useState<{ tone: "error" | "success"; text: string } | null>(null);
  const marketForm = useForm({ resolver: zodResolver(form), defaultValues: defaults });
  const { handleSubmit, formState, reset } = marketForm;
  const create = useMutation(trpc.admin.createMarket.mutationOptions());
  const field = fieldPropsOf(marketForm);

  const onSubmit = handleSubmit(async (input) => {
    try {
      const market = await create.mutateAsync(input);
      setResult({ tone: "success", text: `${market.symbol} is open.` });
      reset(defaults);
      await queryClient.invalidateQueries({ queryKey: trpc.market.pathKey() });
    } catch (error) {
      const info = errorInfo(error);
      setResult({ tone: "error", text: info.domainCode === "INVALID_MARKET_RULES" ? `${info.message}` : info.message });
    }
  });

  return (
    <form onSubmit={onSubmit} noValidate aria-label="Create a market" className="flex flex-col gap-3 border-t border-line pt-4">
      <h3 className="text-sm font-semibold">New market</h3>
      {result && <FormAlert tone={result.tone}>{result.text}</FormAlert>}
      <datalist id="asset-symbols">
        {assets.data?.map((a) => (
          <option key={a.symbol} value={a.symbol} />
        ))}
      </datalist>
      <div className="grid grid-cols-1 gap-3 sm:grid-cols-2 lg:grid-cols-4">
        <Field label="Base asset" list="asset-symbols" autoCapitalize="characters" {...field("baseAsset")} />
        <Field label="Quote asset" list="asset-symbols" autoCapitalize="characters" {...field("quoteAsset")} />
        <Field label="Price tick" inputMode="decimal" {...field("priceTick")} />
        <Field label="Quantity step" inputMode="decimal" {...field("quantityStep")} />
        <Field label="Minimum quantity" inputMode="decimal" {...field("minQuantity")} />
        <Field label="Minimum notional" inputMode="decimal" {...field("minNotional")} />
        <Field label="Maker fee (bps)" inputMode="numeric" {...field("makerFeeBps")} />
        <Field label="Taker fee (bps)" inputMode="numeric" {...field("takerFeeBps")} />
      </div>
      <button type="submit" disabled={formState.isSubmitting} className={`${buttonClass} self-start`}>
        {formState.isSubmitting ? "Creating…" : "Create market"}
      </button>
    </form>
  );
}
