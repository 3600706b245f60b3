"use client";

import { useViewer } from "../session/use-viewer";
import { SignInPrompt } from "../session/sign-in-prompt";
import { PanelMessage } from "../ui/panel";
import { SkeletonRows } from "../ui/skeleton";
import { LoadMore } from "./load-more";
import { useOrderHistoryPages } from "./use-pages";
import { AmountCell, OrderCells, OrderHeadings, StatusCell, TH } from "./order-cells";
import { OrdersTable } from "./orders-table";

/** Closed orders, newest first, a page at a time. */
export function OrderHistory({ market, pageSize = 50 }: { market?: string; pageSize?: number }) {
  const { status } = useViewer();
  const pages = useOrderHistoryPages({ market, limit: pageSize }, status === "signedIn");
  if (status === "signedOut") return <SignInPrompt action="see your order history" />;
  if (status === "loading" || pages.isPending) return <SkeletonRows count={4} rowClassName="h-7" />;
  if (pages.isError)
    return <PanelMessage tone="error">Your order history could not be loaded. {pages.error.message}</PanelMessage>;
  const items = pages.data.pages.flatMap((p) => p.items);
  if (items.length === 0) return <PanelMessage>No closed orders yet.</PanelMessage>;
  return (
    <>
      <OrdersTable
        testId="order-history"
        headings={
          <>
            <OrderHeadings showMarket={!market} />
            <th className={`${TH} text-right`}>Avg. price</th>
            <th className={TH}>Status</th>
          </>
        }
      >
        {items.map((order) => (
          <tr key={order.id} className="border-t border-line">
            <OrderCells order={order} time={order.updatedAt} amount={order.quantity ?? order.quoteAmount} showMarket={!market} />
            <AmountCell value={order.averagePrice} />
            <StatusCell order={order} />
          </tr>
        ))}
      </OrdersTable>
      <LoadMore query={pages} />
    </>
  );
}
