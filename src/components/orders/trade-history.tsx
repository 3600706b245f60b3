"use client";

import { useViewer } from "../session/use-viewer";
import { SignInPrompt } from "../session/sign-in-prompt";
import { PanelMessage } from "../ui/panel";
import { SkeletonRows } from "../ui/skeleton";
import { LoadMore } from "./load-more";
import { useOwnTradePages } from "./use-pages";
import { AmountCell, SideCell, TD, TH, TimeCell } from "./order-cells";
import { OrdersTable } from "./orders-table";

/** The viewer's fills with fee and maker/taker, newest first, a page at a time. */
export function TradeHistory({ market, pageSize = 50 }: { market?: string; pageSize?: number }) {
  const { status } = useViewer();
  const pages = useOwnTradePages({ market, limit: pageSize }, status === "signedIn");
  if (status === "signedOut") return <SignInPrompt action="see your trades" />;
  if (status === "loading" || pages.isPending) return <SkeletonRows count={4} rowClassName="h-7" />;
  if (pages.isError) return <PanelMessage tone="error">Your trades could not be loaded. {pages.error.message}</PanelMessage>;
  const items = pages.data.pages.flatMap((p) => p.items);
  if (items.length === 0) return <PanelMessage>No trades yet.</PanelMessage>;
  return (
    <>
      <OrdersTable
        testId="trade-history"
        headings={
          <>
            <th className={TH}>Time</th>
            {!market && <th className={TH}>Market</th>}
            <th className={TH}>Side</th>
            <th className={`${TH} text-right`}>Price</th>
            <th className={`${TH} text-right`}>Amount</th>
            <th className={`${TH} text-right`}>Total</th>
            <th className={`${TH} text-right`}>Fee</th>
            <th className={TH}>Role</th>
          </>
        }
      >
        {items.map((trade) => (
          <tr key={trade.id} className="border-t border-line">
            <TimeCell iso={trade.time} />
            {!market && <td className={`${TD} font-medium`}>{trade.market}</td>}
            <SideCell side={trade.side} />
            <AmountCell value={trade.price} />
            <AmountCell value={trade.quantity} />
            <AmountCell value={trade.quoteQuantity} />
            <AmountCell value={trade.fee} suffix={trade.feeAsset} />
            <td className={`${TD} text-muted`}>{trade.liquidity === "MAKER" ? "Maker" : "Taker"}</td>
          </tr>
        ))}
      </OrdersTable>
      <LoadMore query={pages} />
    </>
  );
}
