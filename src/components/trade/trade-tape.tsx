"use client";

import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "@/trpc/react";
import type { Market } from "@/trpc/types";
import { useViewer } from "../session/use-viewer";
import { SignInPrompt } from "../session/sign-in-prompt";
import { PanelMessage } from "../ui/panel";
import { SkeletonRows } from "../ui/skeleton";
import { PanelTabs } from "../ui/panel-tabs";
import { TapeRows } from "./tape-rows";
import { useTrades } from "./use-live-trades";

const SHOWN = 40;

function MarketTape({ market }: { market: Market }) {
  const trades = useTrades(market.symbol);
  if (trades.isPending) return <SkeletonRows count={12} rowClassName="h-4" />;
  if (trades.isError) return <PanelMessage tone="error">Trades could not be loaded. {trades.error.message}</PanelMessage>;
  if (trades.data.length === 0) return <PanelMessage>No trades yet.</PanelMessage>;
  const rows = trades.data.slice(0, SHOWN).map((t) => ({ ...t, side: t.takerSide }));
  return <TapeRows rows={rows} testId="tape-market" />;
}

function MyTape({ market }: { market: Market }) {
  const trpc = useTRPC();
  const { status } = useViewer();
  const trades = useQuery(
    trpc.account.trades.queryOptions({ market: market.symbol, limit: SHOWN }, { enabled: status === "signedIn" }),
  );
  if (status === "signedOut") return <SignInPrompt action="see your trades" />;
  if (status === "loading" || trades.isPending) return <SkeletonRows count={12} rowClassName="h-4" />;
  if (trades.isError) return <PanelMessage tone="error">Your trades could not be loaded. {trades.error.message}</PanelMessage>;
  if (trades.data.items.length === 0) return <PanelMessage>You have no trades in {market.symbol} yet.</PanelMessage>;
  return <TapeRows rows={trades.data.items} testId="tape-mine" />;
}

/** Recent trades, the market's or the viewer's own. */
export function TradeTape({ market }: { market: Market }) {
  return (
    <PanelTabs
      label="Trades"
      className="flex h-full min-h-0 flex-col rounded-md border border-line bg-panel"
      contentClassName="min-h-0 flex-1 overflow-y-auto"
      tabs={[
        { value: "market", label: "Trades", content: <MarketTape market={market} /> },
        { value: "mine", label: "My trades", content: <MyTape market={market} /> },
      ]}
    >
      <div className="grid h-7 shrink-0 grid-cols-3 items-center px-3 text-right text-[11px] text-muted">
        <span className="text-left">Price ({market.quoteAsset})</span>
        <span>Amount ({market.baseAsset})</span>
        <span>Time</span>
      </div>
    </PanelTabs>
  );
}
