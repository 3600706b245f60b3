"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { X } from "lucide-react";
import { toast } from "sonner";
import { useTRPC } from "@/trpc/react";
import { SignInPrompt } from "../session/sign-in-prompt";
import { PanelMessage } from "../ui/panel";
import { SkeletonRows } from "../ui/skeleton";
import { OrderCells, OrderHeadings, TD, TH } from "./order-cells";
import { OrdersTable } from "./orders-table";
import { useLiveOpenOrders } from "./use-live-orders";

function useOrderMutations() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const refresh = () => {
    for (const key of [trpc.order.pathKey(), trpc.account.pathKey(), trpc.market.orderBook.pathKey()]) {
      void queryClient.invalidateQueries({ queryKey: key });
    }
  };
  const cancel = useMutation(
    trpc.order.cancel.mutationOptions({
      onSuccess: (order) =>
        toast.message("Order canceled", {
          description: `${order.market} · ${order.side === "BUY" ? "buy" : "sell"} ${order.quantity ?? ""}`,
        }),
      onError: (error) => toast.error(`Cancel failed: ${error.message}`),
      onSettled: refresh,
    }),
  );
  const cancelAll = useMutation(
    trpc.order.cancelAll.mutationOptions({
      onSuccess: ({ canceled }) => toast.message(canceled === 1 ? "1 order canceled" : `${canceled} orders canceled`),
      onError: (error) => toast.error(`Cancel all failed: ${error.message}`),
      onSettled: refresh,
    }),
  );
  return { cancel, cancelAll };
}

/** Open orders with cancel and cancel-all; one market's on the trading page, all on /orders. */
export function OpenOrders({ market }: { market?: string }) {
  const { status, orders } = useLiveOpenOrders(market);
  const { cancel, cancelAll } = useOrderMutations();
  if (status === "signedOut") return <SignInPrompt action="see your orders" />;
  if (status === "loading" || orders.isPending) return <SkeletonRows count={4} rowClassName="h-7" />;
  if (orders.isError) return <PanelMessage tone="error">Your orders could not be loaded. {orders.error.message}</PanelMessage>;
  const items = orders.data.items;
  if (items.length === 0) return <PanelMessage>No open orders{market ? ` in ${market}` : ""}.</PanelMessage>;
  return (
    <OrdersTable
      testId="open-orders"
      headings={
        <>
          <OrderHeadings showMarket={!market} />
          <th className={`${TH} text-right`}>
            <button
              type="button"
              onClick={() => cancelAll.mutate(market ? { market } : undefined)}
              disabled={cancelAll.isPending}
              className="inline-flex h-11 items-center rounded px-2 font-medium text-sell hover:bg-sell/10 md:h-7"
              data-testid="cancel-all"
            >
              Cancel all
            </button>
          </th>
        </>
      }
    >
      {items.map((order) => (
        <tr key={order.id} className="border-t border-line" data-testid="open-order" data-order-id={order.id}>
          <OrderCells order={order} time={order.createdAt} amount={order.quantity} showMarket={!market} />
          <td className={`${TD} text-right`}>
            <button
              type="button"
              onClick={() => cancel.mutate({ orderId: order.id })}
              disabled={
                cancel.isPending && cancel.variables && "orderId" in cancel.variables && cancel.variables.orderId === order.id
              }
              className="inline-flex h-11 items-center gap-1 rounded px-2 text-muted hover:bg-sell/10 hover:text-sell md:h-7"
              aria-label={`Cancel ${order.side === "BUY" ? "buy" : "sell"} ${order.quantity ?? ""} at ${order.price ?? "market"}`}
              data-testid="cancel-order"
            >
              <X className="size-3.5" aria-hidden /> Cancel
            </button>
          </td>
        </tr>
      ))}
    </OrdersTable>
  );
}
