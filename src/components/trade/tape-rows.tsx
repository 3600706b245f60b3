import { formatClock } from "@/components/ui/time-format";
import { Amount } from "../ui/amount";

interface TapeRow {
  id: string;
  price: string;
  quantity: string;
  side: "BUY" | "SELL";
  time: string;
}

/** Trade rows coloured by the aggressor's side (or, for your own trades, by yours). */
export function TapeRows({ rows, testId }: { rows: readonly TapeRow[]; testId: string }) {
  return (
    <ul data-testid={testId}>
      {rows.map((t) => (
        <li key={t.id} className="grid h-5 grid-cols-3 items-center px-3 text-right text-xs" data-testid="tape-row">
          <span className={`text-left font-medium ${t.side === "BUY" ? "text-buy" : "text-sell"}`}>
            <Amount value={t.price} />
          </span>
          <span>
            <Amount value={t.quantity} dimZeros />
          </span>
          <time dateTime={t.time} className="text-muted">
            {formatClock(t.time)}
          </time>
        </li>
      ))}
    </ul>
  );
}
