"use client";

import { PanelTabs } from "../ui/panel-tabs";
import { OpenOrders } from "./open-orders";
import { OrderHistory } from "./order-history";
import { TradeHistory } from "./trade-history";

/** Open orders, order history and trade history; for one market (trading page) or all (/orders). */
export function OrdersTabs({ market, className = "" }: { market?: string; className?: string }) {
  return (
    <PanelTabs
      label="Your orders"
      className={`flex min-h-0 flex-col rounded-md border border-line bg-panel ${className}`}
      contentClassName="min-h-0 flex-1 overflow-auto"
      tabs={[
        { value: "open", label: "Open orders", content: <OpenOrders market={market} /> },
        { value: "history", label: "Order history", content: <OrderHistory market={market} /> },
        { value: "trades", label: "Trade history", content: <TradeHistory market={market} /> },
      ]}
    />
  );
}
