"use client";

import type { ReactNode } from "react";
import { TabsContent, TabsList, TabsRoot, TabsTrigger } from "../ui/tabs";
import { OpenOrders } from "./open-orders";
import { OrderHistory } from "./order-history";
import { TradeHistory } from "./trade-history";

/** Open orders, order history and trade history; for one market (trading page) or all (/orders). */
export function OrdersTabs({ market, className = "", extra }: { market?: string; className?: string; extra?: ReactNode }) {
  return (
    <TabsRoot defaultValue="open" className={`flex min-h-0 flex-col rounded-md border border-line bg-panel ${className}`}>
      <TabsList aria-label="Your orders">
        <TabsTrigger value="open">Open orders</TabsTrigger>
        <TabsTrigger value="history">Order history</TabsTrigger>
        <TabsTrigger value="trades">Trade history</TabsTrigger>
        {extra}
      </TabsList>
      <TabsContent value="open" className="min-h-0 flex-1 overflow-auto">
        <OpenOrders market={market} />
      </TabsContent>
      <TabsContent value="history" className="min-h-0 flex-1 overflow-auto">
        <OrderHistory market={market} />
      </TabsContent>
      <TabsContent value="trades" className="min-h-0 flex-1 overflow-auto">
        <TradeHistory market={market} />
      </TabsContent>
    </TabsRoot>
  );
}
