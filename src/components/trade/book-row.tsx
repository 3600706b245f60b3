import { formatDecimal } from "@/order-maths/decimal";
import type { LadderRow } from "@/order-maths/book";
import { Amount } from "../ui/amount";

interface BookRowProps {
  row: LadderRow | undefined;
  side: "bids" | "asks";
  quoteScale: number;
  baseScale: number;
  onPick: (price: string) => void;
}

/** One ladder level; an empty slot keeps its height so the ladder never jumps. */
export function BookRow({ row, side, quoteScale, baseScale, onPick }: BookRowProps) {
  if (!row) return <div className="h-5" aria-hidden />;
  const price = formatDecimal(row.price, quoteScale);
  const size = formatDecimal(row.size, baseScale);
  const tone = side === "bids" ? "text-buy" : "text-sell";
  const bar = side === "bids" ? "bg-buy/12" : "bg-sell/12";
  return (
    <button
      type="button"
      onClick={() => onPick(price)}
      className="relative grid h-5 w-full grid-cols-3 items-center px-3 text-right text-xs hover:bg-panel-2 focus-visible:bg-panel-2"
      aria-label={`${side === "bids" ? "Bid" : "Ask"} ${price}: use this price`}
      data-testid={`book-${side === "bids" ? "bid" : "ask"}`}
      data-price={price}
      data-size={size}
    >
      <span className={`absolute inset-y-0 right-0 ${bar}`} style={{ width: `${row.depthPercent}%` }} aria-hidden />
      <span className={`relative text-left font-medium ${tone}`}>
        <Amount value={price} />
      </span>
      <span className="relative">
        <Amount value={size} dimZeros />
      </span>
      <span className="relative text-muted">
        <Amount value={formatDecimal(row.cumulative, baseScale)} dimZeros />
      </span>
    </button>
  );
}
