import type { Order } from "../../sdk/types";
import { num, renderTable, shortTime, text } from "../table";

/** A conditional order's trigger and where it stands: "95.00 pending", "trail 1.50 → 98.50 triggered". */
function triggerOf(o: Order): string {
  if (o.triggerStatus === null) return "-";
  const state = o.triggerStatus.toLowerCase().replace("_", " ");
  const trail = o.trailingDelta ?? (o.trailingBps === null ? null : `${o.trailingBps}bps`);
  const at = o.triggerPrice ?? (o.activationPrice ? `from ${o.activationPrice}` : "next trade");
  return `${trail ? `trail ${trail} → ` : ""}${at} ${state}${o.ocoOrderId ? ` (oco ${o.ocoOrderId})` : ""}`;
}

/** Orders as a table, shared by `orders`, `place`, `amend` and `cancel`. */
export function ordersTable(orders: readonly Order[]): string {
  return renderTable(
    [
      text("ID"),
      text("MARKET"),
      text("SIDE"),
      text("TYPE"),
      num("PRICE"),
      text("TRIGGER"),
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
      triggerOf(o),
      o.quantity ?? (o.quoteAmount ? `${o.quoteAmount} quote` : "-"),
      o.filledQuantity,
      o.closeReason ? `${o.status} (${o.closeReason})` : o.status,
      shortTime(o.createdAt),
      o.clientOrderId,
    ]),
  );
}
