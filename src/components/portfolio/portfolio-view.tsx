"use client";

import { unrealized } from "@/order-maths/cost-basis";
import { formatUnits } from "@/order-maths/decimal";
import { SignInPrompt } from "../session/sign-in-prompt";
import { PanelMessage } from "../ui/panel";
import { Skeleton, SkeletonRows } from "../ui/skeleton";
import { PortfolioTable } from "./portfolio-table";
import { SignedAmount } from "./signed-amount";
import { type Holding, usePortfolio } from "./use-portfolio";

function Card({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="rounded-md border border-line bg-panel px-4 py-3">
      <div className="text-xs text-muted">{label}</div>
      <div className="mt-1 h-7 text-lg font-semibold">{children}</div>
    </div>
  );
}

/** P&L is summed only over assets quoted in the valuation currency, so the sum has one unit. */
function totals(holdings: Holding[], valuation: string) {
  let open = 0n;
  let realized = 0n;
  for (const h of holdings) {
    if (!h.position || h.market?.quoteAsset !== valuation) continue;
    realized += h.position.realized;
    if (h.lastPrice !== null) open += unrealized(h.position, h.lastPrice, h.market.baseScale);
  }
  return { open, realized };
}

export function PortfolioView() {
  const { status, result, error, isHistoryPending, isHistoryComplete } = usePortfolio();
  if (status === "signedOut") {
    return (
      <div className="rounded-md border border-line bg-panel">
        <SignInPrompt action="see your portfolio" />
      </div>
    );
  }
  if (error) return <PanelMessage tone="error">Your portfolio could not be loaded: {error.message}</PanelMessage>;
  if (!result) {
    return (
      <div className="flex flex-col gap-3" aria-busy="true">
        <div className="grid grid-cols-2 gap-3 md:grid-cols-4">
          {["a", "b", "c", "d"].map((k) => (
            <Skeleton key={k} className="h-[74px]" />
          ))}
        </div>
        <SkeletonRows count={6} rowClassName="h-12" />
      </div>
    );
  }
  const { holdings, valuation, valuationScale, total } = result;
  const pnl = totals(holdings, valuation);
  const cash = holdings.find((h) => h.asset === valuation);
  return (
    <div className="flex flex-col gap-3">
      <div className="grid grid-cols-2 gap-3 md:grid-cols-4">
        <Card label={`Total value (${valuation})`}>
          <span data-testid="portfolio-total">{formatUnits(total, valuationScale)}</span>
        </Card>
        <Card label={`Available ${valuation}`}>{cash ? formatUnits(cash.available, valuationScale) : "—"}</Card>
        <Card label="Unrealised P&L">
          {isHistoryPending ? <Skeleton className="h-6 w-24" /> : <SignedAmount units={pnl.open} scale={valuationScale} />}
        </Card>
        <Card label="Realised P&L">
          {isHistoryPending ? <Skeleton className="h-6 w-24" /> : <SignedAmount units={pnl.realized} scale={valuationScale} />}
        </Card>
      </div>
      <PortfolioTable holdings={holdings} valuation={valuation} valuationScale={valuationScale} />
      <p className="text-xs text-muted">
        Values use each market&apos;s last trade price. Average cost and P&amp;L count what you bought and sold on Bourse, fees
        included; deposited holdings have no cost basis.
        {isHistoryComplete ? "" : " Only your most recent 10,000 trades are counted."}
      </p>
    </div>
  );
}
