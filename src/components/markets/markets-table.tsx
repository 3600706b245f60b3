"use client";

import { useQuery } from "@tanstack/react-query";
import { Search } from "lucide-react";
import { useMemo, useState } from "react";
import { useTRPC } from "@/trpc/react";
import { PanelMessage } from "../ui/panel";
import { SkeletonRows } from "../ui/skeleton";
import { MarketRow } from "./market-row";
import { useMarkets } from "./use-markets";

/** Every market with its live last price, 24h change and volume; searchable by symbol or name. */
export function MarketsTable() {
  const trpc = useTRPC();
  const markets = useMarkets();
  const assets = useQuery(trpc.asset.list.queryOptions());
  const [search, setSearch] = useState("");

  const names = useMemo(() => new Map((assets.data ?? []).map((a) => [a.symbol, a.name])), [assets.data]);
  const visible = useMemo(() => {
    const needle = search.trim().toLowerCase();
    return (markets.data ?? []).filter(
      (m) => needle === "" || `${m.symbol} ${names.get(m.baseAsset) ?? ""}`.toLowerCase().includes(needle),
    );
  }, [markets.data, names, search]);

  return (
    <div className="rounded-md border border-line bg-panel">
      <div className="flex items-center gap-2 border-b border-line p-3">
        <label className="relative flex-1 sm:max-w-72">
          <span className="sr-only">Search markets</span>
          <Search className="pointer-events-none absolute top-1/2 left-3 size-4 -translate-y-1/2 text-muted" aria-hidden />
          <input
            type="search"
            value={search}
            onChange={(e) => setSearch(e.target.value)}
            placeholder="Search markets"
            className="h-11 w-full rounded-md border border-line bg-panel-2 pr-3 pl-9 text-sm outline-none focus:border-accent md:h-9"
            data-testid="market-search"
          />
        </label>
      </div>
      {markets.isPending ? (
        <SkeletonRows count={5} rowClassName="h-11" />
      ) : markets.isError ? (
        <PanelMessage tone="error">Markets could not be loaded: {markets.error.message}</PanelMessage>
      ) : visible.length === 0 ? (
        <PanelMessage>No market matches “{search}”.</PanelMessage>
      ) : (
        <table className="w-full text-right text-[13px]">
          <thead className="text-xs text-muted">
            <tr className="h-9">
              <th className="px-3 text-left font-medium">Market</th>
              <th className="px-3 font-medium">Last price</th>
              <th className="px-3 font-medium">24h change</th>
              <th className="hidden px-3 font-medium md:table-cell">24h high</th>
              <th className="hidden px-3 font-medium md:table-cell">24h low</th>
              <th className="hidden px-3 font-medium sm:table-cell">24h volume</th>
              <th className="hidden w-24 px-3 lg:table-cell">
                <span className="sr-only">Action</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {visible.map((m) => (
              <MarketRow key={m.symbol} market={m} name={names.get(m.baseAsset)} />
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
