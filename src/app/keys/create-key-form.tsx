"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { z } from "zod";
import { Field, FormAlert } from "@/components/auth/form-parts";
import { errorInfo } from "@/components/auth/trpc-error";
import { useTRPC } from "@/trpc/react";
import { SecretOnce } from "./secret-once";

const createKeyForm = z
  .object({
    name: z.string().trim().min(1, "Name the key.").max(64, "Use at most 64 characters."),
    read: z.boolean(),
    trade: z.boolean(),
  })
  .refine((v) => v.read || v.trade, { path: ["read"], message: "Pick at least one scope." });

export function CreateKeyForm() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [secret, setSecret] = useState<{ name: string; value: string } | null>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm({ resolver: zodResolver(createKeyForm), defaultValues: { name: "", read: true, trade: false } });
  const create = useMutation(trpc.apiKey.create.mutationOptions());
  const { errors, isSubmitting } = form.formState;

  const onSubmit = form.handleSubmit(async ({ name, read, trade }) => {
    setFormError(null);
    const scopes = [...(read ? (["read"] as const) : []), ...(trade ? (["trade"] as const) : [])];
    try {
      const created = await create.mutateAsync({ name, scopes });
      setSecret({ name: created.key.name, value: created.secret });
      form.reset();
      await queryClient.invalidateQueries({ queryKey: trpc.apiKey.list.queryKey() });
    } catch (error) {
      setFormError(errorInfo(error).message);
    }
  });

  return (
    <section aria-labelledby="create-key" className="rounded-lg border border-line bg-panel p-4 sm:p-6">
      <h2 id="create-key" className="font-semibold">
        Create a key
      </h2>
      {secret ? (
        <SecretOnce name={secret.name} secret={secret.value} onDone={() => setSecret(null)} />
      ) : (
        <form onSubmit={onSubmit} noValidate className="mt-4 flex flex-col gap-4">
          {formError && <FormAlert>{formError}</FormAlert>}
          <Field label="Name" placeholder="e.g. market-maker bot" error={errors.name?.message} {...form.register("name")} />
          <fieldset className="flex flex-col gap-2" aria-describedby={errors.read ? "scope-error" : undefined}>
            <legend className="mb-1 text-sm font-medium">Scopes</legend>
            <label className="flex items-center gap-2 text-sm">
              <input type="checkbox" className="size-4 accent-accent" {...form.register("read")} />
              read: balances, orders, trades and market data
            </label>
            <label className="flex items-center gap-2 text-sm">
              <input type="checkbox" className="size-4 accent-accent" {...form.register("trade")} />
              trade: place, amend and cancel orders
            </label>
            {errors.read && (
              <p id="scope-error" className="text-sm text-sell">
                {errors.read.message}
              </p>
            )}
          </fieldset>
          <button
            type="submit"
            disabled={isSubmitting}
            className="inline-flex h-11 items-center justify-center self-start rounded-md bg-accent px-4 font-medium text-white disabled:opacity-60 md:h-10"
          >
            {isSubmitting ? "Creating…" : "Create key"}
          </button>
        </form>
      )}
    </section>
  );
}
