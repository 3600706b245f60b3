"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { z } from "zod";
import { Field, FormAlert } from "@/components/auth/form-parts";
import { errorInfo } from "@/components/auth/trpc-error";
import { createAssetInput } from "@/server/api/schemas";
import { useTRPC } from "@/trpc/react";
import { buttonClass, Section } from "./section";

const form = createAssetInput.extend({ scale: z.coerce.number<string>().int("A whole number.").min(0).max(18) });
const defaults = { symbol: "", name: "", scale: "2" };

export function AssetsSection() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const assets = useQuery(trpc.asset.list.queryOptions());
  const [result, setResult] = useState<{ tone: "error" | "success"; text: string } | null>(null);
  const { register, handleSubmit, formState, reset } = useForm({ resolver: zodResolver(form), defaultValues: defaults });
  const create = useMutation(trpc.admin.createAsset.mutationOptions());
  const e = formState.errors;

  const onSubmit = handleSubmit(async (input) => {
    try {
      const asset = await create.mutateAsync(input);
      setResult({ tone: "success", text: `${asset.symbol} created with ${asset.scale} decimals.` });
      reset(defaults);
      await queryClient.invalidateQueries({ queryKey: trpc.asset.pathKey() });
    } catch (error) {
      setResult({ tone: "error", text: errorInfo(error).message });
    }
  });

  return (
    <Section id="admin-assets" title="Assets">
      <p className="text-sm text-muted">
        {assets.data ? assets.data.map((a) => `${a.symbol} (${a.scale})`).join(" · ") : "Loading assets…"}
      </p>
      <form onSubmit={onSubmit} noValidate aria-label="Create an asset" className="flex flex-col gap-3">
        {result && <FormAlert tone={result.tone}>{result.text}</FormAlert>}
        <div className="grid grid-cols-1 gap-3 sm:grid-cols-3">
          <Field label="Symbol" autoCapitalize="characters" error={e.symbol?.message} {...register("symbol")} />
          <Field label="Name" error={e.name?.message} {...register("name")} />
          <Field label="Decimals (fixed forever)" inputMode="numeric" error={e.scale?.message} {...register("scale")} />
        </div>
        <button type="submit" disabled={formState.isSubmitting} className={`${buttonClass} self-start`}>
          {formState.isSubmitting ? "Creating…" : "Create asset"}
        </button>
      </form>
    </Section>
  );
}
