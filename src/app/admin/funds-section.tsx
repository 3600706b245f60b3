"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { Field, FormAlert } from "@/components/auth/form-parts";
import { errorInfo } from "@/components/auth/trpc-error";
import { adminFundingInput } from "@/server/api/schemas";
import { useTRPC } from "@/trpc/react";
import { buttonClass, quietButtonClass, Section } from "./section";

const defaults = { email: "", asset: "USD", amount: "", note: "" };

export function FundsSection() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [lookup, setLookup] = useState<string | null>(null);
  const [result, setResult] = useState<{ tone: "error" | "success"; text: string } | null>(null);
  const { register, handleSubmit, formState, getValues, trigger, setValue } = useForm({
    resolver: zodResolver(adminFundingInput),
    defaultValues: defaults,
  });
  const user = useQuery(trpc.admin.findUser.queryOptions({ email: lookup ?? "" }, { enabled: lookup !== null, retry: false }));
  const deposit = useMutation(trpc.admin.deposit.mutationOptions());
  const withdraw = useMutation(trpc.admin.withdraw.mutationOptions());
  const e = formState.errors;

  const move = (direction: "deposit" | "withdraw") =>
    handleSubmit(async (input) => {
      setResult(null);
      try {
        const balance = await (direction === "deposit" ? deposit : withdraw).mutateAsync({
          ...input,
          note: input.note || undefined,
        });
        setResult({ tone: "success", text: `${input.email} now has ${balance.available} ${balance.asset} available.` });
        setValue("amount", "");
        setLookup(input.email);
        await queryClient.invalidateQueries({ queryKey: trpc.admin.findUser.pathKey() });
      } catch (error) {
        setResult({ tone: "error", text: errorInfo(error).message });
      }
    });

  async function findUser() {
    if (await trigger("email")) setLookup(getValues("email").trim().toLowerCase());
  }

  return (
    <Section id="admin-funds" title="Deposits and withdrawals">
      <form onSubmit={move("deposit")} noValidate aria-label="Move funds" className="flex flex-col gap-3">
        {result && <FormAlert tone={result.tone}>{result.text}</FormAlert>}
        <div className="grid grid-cols-1 gap-3 sm:grid-cols-2 lg:grid-cols-4">
          <Field label="User email" type="email" autoComplete="off" error={e.email?.message} {...register("email")} />
          <Field label="Asset" autoCapitalize="characters" error={e.asset?.message} {...register("asset")} />
          <Field label="Amount" inputMode="decimal" error={e.amount?.message} {...register("amount")} />
          <Field label="Note (in the ledger)" error={e.note?.message} {...register("note")} />
        </div>
        <div className="flex flex-wrap gap-2">
          <button type="submit" disabled={formState.isSubmitting} className={buttonClass}>
            Deposit
          </button>
          <button type="button" disabled={formState.isSubmitting} onClick={move("withdraw")} className={quietButtonClass}>
            Withdraw
          </button>
          <button type="button" onClick={findUser} className={quietButtonClass}>
            Show balances
          </button>
        </div>
      </form>
      {lookup !== null && user.isError && <FormAlert>{errorInfo(user.error).message}</FormAlert>}
      {user.data && (
        <div className="rounded-md border border-line p-3 text-sm">
          <p className="font-medium">
            {user.data.name} · {user.data.email} · {user.data.role}
          </p>
          <ul className="mt-2 grid grid-cols-1 gap-1 sm:grid-cols-3">
            {user.data.balances.map((b) => (
              <li key={b.asset}>
                {b.asset}: {b.available} <span className="text-muted">(+{b.held} held)</span>
              </li>
            ))}
          </ul>
        </div>
      )}
    </Section>
  );
}
