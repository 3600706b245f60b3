"use client";

import { useSubscription } from "@trpc/tanstack-react-query";
import { toast } from "sonner";
import { groupDigits } from "@/order-maths/decimal";
import { useTRPC } from "@/trpc/react";
import type { OwnTrade } from "@/trpc/types";
import { useThrottledInvalidate } from "./use-throttled-invalidate";
import { useViewer } from "./use-viewer";

function announce(fill: OwnTrade): void {
  const [base = fill.market, quote = ""] = fill.market.split("-");
  const verb = fill.side === "BUY" ? "Bought" : "Sold";
  toast.success(`${verb} ${groupDigits(fill.quantity)} ${base} at ${groupDigits(fill.price)} ${quote}`, {
    description: `${fill.market} · ${fill.liquidity === "MAKER" ? "maker" : "taker"} · fee ${groupDigits(fill.fee)} ${fill.feeAsset}`,
    id: `fill-${fill.id}`,
  });
}

/**
 * The viewer's private stream (account.onOrders), opened once for the whole site: a fill shows a
 * toast on any page, and every order or fill event refreshes orders, trades and balances. One
 * stream per tab keeps within the browser's six connections per host on HTTP/1.1.
 */
export function AccountStream() {
  const trpc = useTRPC();
  const { status } = useViewer();
  const invalidate = useThrottledInvalidate();
  const subscription = useSubscription(
    trpc.account.onOrders.subscriptionOptions(undefined, {
      enabled: status === "signedIn",
      onData: ({ data: item }) => {
        if (item.kind === "fill") announce(item.fill);
        // A snapshot follows a (re)connection: whatever was shown may have missed events.
        invalidate([trpc.order.pathKey(), trpc.account.balances.pathKey(), trpc.account.trades.pathKey()]);
      },
    }),
  );
  // Lets tests (and curious people) see whether fills will arrive live.
  return <span hidden data-testid="account-stream" data-status={subscription.status} />;
}
