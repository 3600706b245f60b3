import { formatUnits } from "@/order-maths/decimal";
import type { MarketRules } from "@/domain/types";
import { buyHold, type Estimate } from "@/order-maths/order-math";
import type { Side } from "@/domain/types";
import type { Market } from "@/trpc/types";

function Line({ label, value, testId }: { label: string; value: string; testId?: string }) {
  return (
    <div className="flex h-5 items-center justify-between text-xs">
      <span className="text-muted">{label}</span>
      <span className="font-medium" data-testid={testId}>
        {value}
      </span>
    </div>
  );
}

interface OrderEstimateProps {
  market: Market;
  rules: MarketRules;
  side: Side;
  isLimit: boolean;
  estimate: Estimate | null;
  /** Limit orders: the price, to show what the order will hold. */
  price: bigint | null;
}

/** Estimated total and fee; always three lines tall so the submit button never moves. */
export function OrderEstimate({ market, rules, side, isLimit, estimate, price }: OrderEstimateProps) {
  const quote = (units: bigint) => `${formatUnits(units, rules.quoteScale)} ${market.quoteAsset}`;
  const base = (units: bigint) => `${formatUnits(units, rules.baseScale)} ${market.baseAsset}`;
  if (!estimate) {
    return (
      <div className="rounded-md bg-panel-2 px-3 py-1.5">
        <Line label={isLimit ? "Total" : "Est. fill"} value="—" />
        <Line label="Fee (est.)" value="—" />
        <Line label={side === "BUY" ? "You pay" : "You receive"} value="—" />
      </div>
    );
  }
  const pays =
    isLimit && side === "BUY" && price !== null ? buyHold(price, estimate.quantity, rules) : estimate.notional + estimate.fee;
  return (
    <div className="rounded-md bg-panel-2 px-3 py-1.5" data-testid="order-estimate">
      <Line
        label={isLimit ? "Total" : "Est. fill"}
        value={
          isLimit ? quote(estimate.notional) : `${base(estimate.quantity)}${estimate.isFullyFillable ? "" : " (book too thin)"}`
        }
        testId="estimate-total"
      />
      <Line label={isLimit ? "Fee (at most)" : "Fee (est.)"} value={quote(estimate.fee)} testId="estimate-fee" />
      <Line
        label={side === "BUY" ? (isLimit ? "Held incl. fee" : "You pay") : "You receive"}
        value={side === "BUY" ? quote(pays) : quote(estimate.notional - estimate.fee)}
      />
    </div>
  );
}
