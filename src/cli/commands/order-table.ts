import type { Order } from "../../sdk/types";
import { num, renderTable, shortTime, text } from "../table";

/** Orders as a table, shared by `orders`, `place` and `cancel`. */
export function ordersTable(orders: readonly Order[]): string {
  return renderTable(
    [
      text("ID"),
      text("MARKET"),
      text("SIDE"),
      text("TYPE"),
      num("PRICE"),
      num("QUANTITY"),
      num("FILLED"),
      text("STATUS"),
      text("CREATED (UTC)"),
      text("CLIENT ORDER ID"),
    ],
    orders.map((o) => [
      o.id,
      o.market,
      o.side,
      o.timeInForce === "GTC" ? o.type : `${o.type} ${o.timeInForce}`,
      o.price ?? "market",
      o.quantity ?? (o.quoteAmount ? `${o.quoteAmount} quote` : "-"),
      o.filledQuantity,
      o.closeReason ? `${o.status} (${o.closeReason})` : o.status,
      shortTime(o.createdAt),
      o.clientOrderId,
    ]),
  );
}
