"use client";

import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "@/trpc/react";

export function MarketsTable() {
  const trpc = useTRPC();
  const markets = useQuery(trpc.market.list.queryOptions());
  if (markets.isPending) return <p className="text-slate-500">Loading markets…</p>;
  if (markets.isError) return <p className="text-red-600">Markets could not be loaded: {markets.error.message}</p>;
  return (
    <table className="w-full text-left text-sm">
      <thead className="text-slate-500">
        <tr>
          <th className="py-2">Market</th>
          <th>Tick</th>
          <th>Step</th>
          <th>Status</th>
        </tr>
      </thead>
      <tbody>
        {markets.data.map((m) => (
          <tr key={m.symbol} className="border-t border-slate-200 dark:border-slate-800" data-testid="market-row">
            <td className="py-2 font-medium">{m.symbol}</td>
            <td>{m.priceTick}</td>
            <td>{m.quantityStep}</td>
            <td>{m.status}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
