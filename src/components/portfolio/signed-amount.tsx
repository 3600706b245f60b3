import { formatUnits } from "@/order-maths/decimal";

/** A P&L figure: green with "+" when positive, red when negative, "—" when unknown. */
export function SignedAmount({ units, scale, testId }: { units: bigint | null; scale: number; testId?: string }) {
  if (units === null) return <span className="text-muted">—</span>;
  const tone = units > 0n ? "text-buy" : units < 0n ? "text-sell" : "text-muted";
  return (
    <span className={tone} data-testid={testId}>
      {units > 0n ? "+" : ""}
      {formatUnits(units, scale)}
    </span>
  );
}
