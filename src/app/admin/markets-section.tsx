"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { FormAlert } from "@/components/auth/form-parts";
import { errorInfo } from "@/components/auth/trpc-error";
import { useTRPC } from "@/trpc/react";
import { CreateMarketForm } from "./create-market-form";
import { quietButtonClass, Section } from "./section";

export function MarketsSection() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const markets = useQuery(trpc.market.list.queryOptions());
  const setStatus = useMutation(
    trpc.admin.setMarketStatus.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.market.pathKey() }),
    }),
  );

  return (
    <Section id="admin-markets" title="Markets">
      {setStatus.isError && <FormAlert>{errorInfo(setStatus.error).message}</FormAlert>}
      {markets.isPending && <p className="text-sm text-muted">Loading markets…</p>}
      {markets.isError && <FormAlert>{errorInfo(markets.error).message}</FormAlert>}
      {markets.data && (
        <ul className="divide-y divide-line rounded-md border border-line">
          {markets.data.map((m) => {
            const isHalted = m.status === "HALTED";
            return (
              <li
                key={m.symbol}
                className="flex flex-wrap items-center justify-between gap-2 px-3 py-2"
                data-testid="admin-market-row"
              >
                <div>
                  <span className="font-medium">{m.symbol}</span>{" "}
                  <span
                    className={`ml-1 rounded px-1.5 py-0.5 text-xs ${isHalted ? "bg-sell/15 text-sell" : "bg-buy/15 text-buy"}`}
                  >
                    {m.status}
                  </span>
                  <p className="text-xs text-muted">
                    tick {m.priceTick} · step {m.quantityStep} · min {m.minQuantity} · fees {m.makerFeeBps}/{m.takerFeeBps} bps
                  </p>
                </div>
                <button
                  type="button"
                  disabled={setStatus.isPending}
                  onClick={() => setStatus.mutate({ symbol: m.symbol, status: isHalted ? "OPEN" : "HALTED" })}
                  className={`${quietButtonClass} ${isHalted ? "text-buy" : "text-sell"}`}
                  aria-label={`${isHalted ? "Resume" : "Halt"} ${m.symbol}`}
                >
                  {isHalted ? "Resume" : "Halt"}
                </button>
              </li>
            );
          })}
        </ul>
      )}
      <CreateMarketForm />
    </Section>
  );
}
