"use client";

import { useViewer } from "../session/use-viewer";
import { SignInPrompt } from "../session/sign-in-prompt";
import { PanelMessage } from "../ui/panel";
import { SkeletonRows } from "../ui/skeleton";
import { LoadMore } from "./load-more";
import { useOrderHistoryPages } from "./use-pages";
import { AmountCell, SideCell, StatusCell, TD, TH, TimeCell } from "./order-cells";

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
      <table className="w-full text-xs" data-testid="order-history">
        <thead className="sticky top-0 bg-panel text-left text-muted">
          <tr>
            <th className={TH}>Time</th>
            {!market && <th className={TH}>Market</th>}
            <th className={TH}>Side</th>
            <th className={TH}>Type</th>
            <th className={`${TH} text-right`}>Price</th>
            <th className={`${TH} text-right`}>Amount</th>
            <th className={`${TH} text-right`}>Filled</th>
            <th className={`${TH} text-right`}>Avg. price</th>
            <th className={TH}>Status</th>
          </tr>
        </thead>
        <tbody>
          {items.map((order) => (
            <tr key={order.id} className="border-t border-line">
              <TimeCell iso={order.updatedAt} />
              {!market && <td className={`${TD} font-medium`}>{order.market}</td>}
              <SideCell side={order.side} />
              <td className={TD}>{order.type === "LIMIT" ? "Limit" : "Market"}</td>
              <AmountCell value={order.price} />
              <AmountCell value={order.quantity ?? order.quoteAmount} />
              <AmountCell value={order.filledQuantity} />
              <AmountCell value={order.averagePrice} />
              <StatusCell order={order} />
            </tr>
          ))}
        </tbody>
      </table>
      <LoadMore query={pages} />
    </>
  );
}
