import { formatDateTime } from "@/components/ui/time-format";
import type { Order } from "@/trpc/types";
import { Amount } from "../ui/amount";

export const TH = "h-8 px-2 font-medium whitespace-nowrap";
export const TD = "h-9 px-2 whitespace-nowrap";

export function SideCell({ side }: { side: "BUY" | "SELL" }) {
  return (
    <td className={`${TD} font-semibold ${side === "BUY" ? "text-buy" : "text-sell"}`}>{side === "BUY" ? "Buy" : "Sell"}</td>
  );
}

export function AmountCell({ value, suffix }: { value: string | null; suffix?: string }) {
  return (
    <td className={`${TD} text-right`}>
      {value === null ? <span className="text-muted">—</span> : <Amount value={value} />}
      {suffix && value !== null && <span className="ml-1 text-muted">{suffix}</span>}
    </td>
  );
}

export function TimeCell({ iso }: { iso: string }) {
  return (
    <td className={`${TD} text-muted`}>
      <time dateTime={iso}>{formatDateTime(iso)}</time>
    </td>
  );
}

const STATUS_LABEL: Record<Order["status"], string> = {
  NEW: "Open",
  PARTIALLY_FILLED: "Partly filled",
  FILLED: "Filled",
  CANCELED: "Canceled",
  REJECTED: "Rejected",
  EXPIRED: "Expired",
};

export function StatusCell({ order }: { order: Order }) {
  const tone =
    order.status === "FILLED" ? "text-buy" : order.status === "CANCELED" || order.status === "EXPIRED" ? "text-muted" : "";
  return (
    <td className={`${TD} ${tone}`} title={order.closeReason ?? undefined}>
      {STATUS_LABEL[order.status]}
    </td>
  );
}

/** The headings both order tables open with; Market only where the table spans markets. */
export function OrderHeadings({ showMarket }: { showMarket: boolean }) {
  return (
    <>
      <th className={TH}>Time</th>
      {showMarket && <th className={TH}>Market</th>}
      <th className={TH}>Side</th>
      <th className={TH}>Type</th>
      <th className={`${TH} text-right`}>Price</th>
      <th className={`${TH} text-right`}>Amount</th>
      <th className={`${TH} text-right`}>Filled</th>
    </>
  );
}

/** The cells under OrderHeadings; each table says which time and which amount it shows. */
export function OrderCells({
  order,
  time,
  amount,
  showMarket,
}: {
  order: Order;
  time: string;
  amount: string | null;
  showMarket: boolean;
}) {
  return (
    <>
      <TimeCell iso={time} />
      {showMarket && <td className={`${TD} font-medium`}>{order.market}</td>}
      <SideCell side={order.side} />
      <td className={TD}>{order.type === "LIMIT" ? "Limit" : "Market"}</td>
      <AmountCell value={order.price} />
      <AmountCell value={amount} />
      <AmountCell value={order.filledQuantity} />
    </>
  );
}
