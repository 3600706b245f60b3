"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useTRPC } from "@/trpc/react";
import type { Market } from "@/trpc/types";
import { PanelMessage } from "../ui/panel";
import { Skeleton } from "../ui/skeleton";
import { AssetChart } from "./asset-chart";
import { NewsFeed } from "./news-feed";
import { useNewsFeed } from "./use-news-feed";

const ASSET = /^[A-Z0-9]{2,12}$/;

/** The market to draw an asset's price from: one it is the base of, quoted in USD if there is one. */
function marketOf(asset: string, markets: readonly Market[]): Market | null {
  const based = markets.filter((m) => m.baseAsset === asset);
  return based.find((m) => m.quoteAsset === "USD") ?? based[0] ?? null;
}

function NotFound({ asset }: { asset: string }) {
  return (
    <div className="mx-auto mt-16 max-w-md rounded-md border border-line bg-panel" data-testid="asset-not-found">
      <PanelMessage>
        <p className="mb-3">There is no asset “{asset}”.</p>
        <Link href="/" className="inline-flex h-11 items-center rounded-md bg-accent px-4 font-medium text-white md:h-9">
          See all markets
        </Link>
      </PanelMessage>
    </div>
  );
}

/** Loads the asset and its markets, then the chart and the feed; keyed by asset so a switch starts clean. */
export function AssetView({ asset }: { asset: string }) {
  const trpc = useTRPC();
  const isValid = ASSET.test(asset);
  const assets = useQuery(trpc.asset.list.queryOptions(undefined, { enabled: isValid, staleTime: 60_000 }));
  const markets = useQuery(trpc.market.list.queryOptions(undefined, { enabled: isValid }));
  if (!isValid) return <NotFound asset={asset} />;
  if (assets.isPending || markets.isPending) {
    return (
      <div className="flex flex-col gap-1.5 p-1.5" aria-busy="true">
        <Skeleton className="h-14" />
        <Skeleton className="h-[60dvh]" />
      </div>
    );
  }
  if (assets.isError || markets.isError) {
    const message = (assets.error ?? markets.error)?.message;
    return <PanelMessage tone="error">The asset could not be loaded: {message}</PanelMessage>;
  }
  const found = assets.data.find((a) => a.symbol === asset);
  if (!found) return <NotFound asset={asset} />;
  return <AssetLayout key={asset} asset={found} market={marketOf(asset, markets.data)} />;
}

function AssetLayout({ asset, market }: { asset: { symbol: string; name: string }; market: Market | null }) {
  const feed = useNewsFeed(asset.symbol);
  return (
    <div className="flex flex-1 flex-col gap-1.5 p-1.5 lg:h-[calc(100dvh-3rem)] lg:min-h-[640px]">
      <header
        className="flex h-14 shrink-0 items-center gap-3 rounded-md border border-line bg-panel px-3"
        data-testid="asset-header"
      >
        <h1 className="text-base font-semibold">
          {asset.symbol} <span className="text-sm font-normal text-muted">{asset.name}</span>
        </h1>
        {market && (
          <Link
            href={`/trade/${market.symbol}`}
            className="ml-auto inline-flex h-11 items-center rounded-md border border-line px-3 text-xs font-medium hover:text-accent md:h-8"
          >
            Trade {market.baseAsset}/{market.quoteAsset}
          </Link>
        )}
      </header>
      <div className="grid min-h-0 flex-1 grid-cols-1 gap-1.5 lg:grid-cols-[minmax(0,1fr)_400px]">
        <AssetChart asset={asset.symbol} market={market} />
        <NewsFeed asset={asset.symbol} feed={feed} />
      </div>
    </div>
  );
}
