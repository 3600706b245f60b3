"use client";

import { useCallback, useState } from "react";
import type { Market } from "@/trpc/types";
import { OrdersTabs } from "../orders/orders-tabs";
import { Panel } from "../ui/panel";
import { TabsContent, TabsList, TabsRoot, TabsTrigger } from "../ui/tabs";
import { MarketHeader } from "./market-header";
import { OrderBook } from "./order-book";
import { OrderForm, type PricePick } from "./order-form";
import { PriceChart } from "./price-chart";
import { TradeTape } from "./trade-tape";
import { useBookStream } from "./use-live-book";
import { useTradeStream } from "./use-live-trades";

const SECTIONS = [
  { value: "chart", label: "Chart" },
  { value: "book", label: "Book" },
  { value: "trade", label: "Trade" },
  { value: "orders", label: "Orders" },
] as const;
type Section = (typeof SECTIONS)[number]["value"];

// Inactive tab panels stay mounted (forceMount) so the chart and the live queries survive tab
// switches; below lg they are hidden, from lg up every panel shows in the grid.
const PANE = "min-h-0 data-[state=inactive]:hidden lg:data-[state=inactive]:flex lg:flex";

/**
 * The trading page: one set of panels, laid out as a dense grid on desktop and as tabs (chart,
 * book, trade, orders) on a phone, so nothing is mounted twice and every subscription is single.
 */
export function TradeLayout({ market }: { market: Market }) {
  const bookStatus = useBookStream(market);
  const tradeStatus = useTradeStream(market);
  // "pending" is tRPC's word for a subscription that is connected and receiving.
  const isLive = bookStatus === "pending" && tradeStatus === "pending";
  const [section, setSection] = useState<Section>("chart");
  const [pick, setPick] = useState<PricePick | null>(null);
  const pickPrice = useCallback((price: string) => {
    setPick((previous) => ({ price, nonce: (previous?.nonce ?? 0) + 1 }));
    // On a phone, a tap on the book means "trade at this price": go to the form.
    setSection((current) => (current === "book" ? "trade" : current));
  }, []);

  return (
    <TabsRoot
      value={section}
      onValueChange={(v) => setSection(v as Section)}
      className="flex flex-1 flex-col gap-1.5 p-1.5 lg:h-[calc(100dvh-3rem)] lg:min-h-[760px]"
    >
      <MarketHeader market={market} isLive={isLive} />
      <TabsList aria-label="Trading sections" className="grid grid-cols-4 rounded-md border border-line bg-panel lg:hidden">
        {SECTIONS.map(({ value, label }) => (
          <TabsTrigger key={value} value={value} className="justify-center">
            {label}
          </TabsTrigger>
        ))}
      </TabsList>
      <div className="grid min-h-0 flex-1 grid-cols-1 gap-1.5 lg:grid-cols-[minmax(0,1fr)_300px_320px] lg:grid-rows-[minmax(0,1fr)_300px]">
        <TabsContent
          value="chart"
          forceMount
          className={`${PANE} h-[calc(100dvh-12rem)] min-h-[360px] flex-col lg:col-start-1 lg:row-start-1 lg:h-auto lg:min-h-0`}
        >
          <PriceChart market={market} />
        </TabsContent>
        <TabsContent
          value="book"
          forceMount
          className={`${PANE} h-[600px] flex-col lg:col-start-2 lg:row-span-2 lg:row-start-1 lg:h-auto`}
        >
          <OrderBook market={market} onPickPrice={pickPrice} />
        </TabsContent>
        {/* The tape belongs to the book on a phone and sits under the order form on desktop. */}
        <div
          className={`${section === "book" ? "flex" : "hidden"} h-[420px] min-h-0 flex-col lg:col-start-3 lg:row-start-2 lg:flex lg:h-auto`}
        >
          <TradeTape market={market} />
        </div>
        <TabsContent value="trade" forceMount className={`${PANE} flex-col lg:col-start-3 lg:row-start-1`}>
          <Panel className="min-h-0 flex-1 overflow-y-auto">
            <OrderForm market={market} pick={pick} />
          </Panel>
        </TabsContent>
        <TabsContent value="orders" forceMount className={`${PANE} min-h-[320px] flex-col lg:col-start-1 lg:row-start-2`}>
          <OrdersTabs market={market.symbol} className="flex-1" />
        </TabsContent>
      </div>
    </TabsRoot>
  );
}
