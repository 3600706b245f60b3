import { groupDigits } from "@/order-maths/decimal";

/**
 * A fixed-scale decimal string with thousands separators. With `dimZeros`, trailing zeros are
 * dimmed (for quantities of many-decimal assets), so the significant digits stand out while every
 * column keeps its width.
 */
export function Amount({ value, className = "", dimZeros = false }: { value: string; className?: string; dimZeros?: boolean }) {
  const grouped = groupDigits(value);
  const match = dimZeros ? /^(.*\.\d*?)(0+)$/.exec(grouped) : null;
  if (!match) return <span className={className}>{grouped}</span>;
  return (
    <span className={className}>
      {match[1]}
      <span className="opacity-40">{match[2]}</span>
    </span>
  );
}
