import Link from "next/link";
import { averageCost, unrealized } from "@/order-maths/cost-basis";
import { formatUnits } from "@/order-maths/decimal";
import type { Holding } from "./use-portfolio";
import { SignedAmount } from "./signed-amount";

const TH = "h-9 px-3 font-medium whitespace-nowrap";
const TD = "h-12 px-3 whitespace-nowrap";

function Row({ h, valuationScale }: { h: Holding; valuationScale: number }) {
  const baseScale = h.market?.baseScale ?? h.scale;
  const quoteScale = h.market?.quoteScale ?? valuationScale;
  const average = h.position ? averageCost(h.position, baseScale) : null;
  const open =
    h.position && h.lastPrice !== null && h.position.quantity > 0n ? unrealized(h.position, h.lastPrice, baseScale) : null;
  return (
    <tr className="border-t border-line text-right" data-testid="holding" data-asset={h.asset}>
      <td className={`${TD} text-left`}>
        <Link
          href={`/assets/${h.asset}`}
          className="font-semibold hover:text-accent hover:underline"
          data-testid="holding-asset-link"
        >
          {h.asset}
        </Link>
        <div className="text-xs text-muted">{h.name}</div>
      </td>
      <td className={`${TD} hidden sm:table-cell`} data-testid="holding-available">
        {formatUnits(h.available, h.scale)}
      </td>
      <td className={`${TD} hidden sm:table-cell`} data-testid="holding-held">
        {formatUnits(h.held, h.scale)}
      </td>
      <td className={TD}>{formatUnits(h.available + h.held, h.scale)}</td>
      <td className={`${TD} hidden md:table-cell`}>{h.lastPrice !== null ? formatUnits(h.lastPrice, quoteScale) : "—"}</td>
      <td className={`${TD} font-medium`}>{h.value !== null ? formatUnits(h.value, valuationScale) : "—"}</td>
      <td className={`${TD} hidden lg:table-cell`}>{average !== null ? formatUnits(average, quoteScale) : "—"}</td>
      <td className={`${TD} hidden md:table-cell`}>
        <SignedAmount units={open} scale={quoteScale} />
      </td>
      <td className={`${TD} hidden lg:table-cell`}>
        <SignedAmount units={h.position?.realized ?? null} scale={quoteScale} />
      </td>
      <td className={`${TD} hidden md:table-cell`}>
        {h.market && (
          <Link href={`/trade/${h.market.symbol}`} className="text-xs font-medium text-accent hover:underline">
            Trade
          </Link>
        )}
      </td>
    </tr>
  );
}

/** One row per asset: available, held, value at the last price, average cost and P&L. */
export function PortfolioTable({
  holdings,
  valuation,
  valuationScale,
}: {
  holdings: Holding[];
  valuation: string;
  valuationScale: number;
}) {
  return (
    <div className="overflow-x-auto rounded-md border border-line bg-panel">
      <table className="w-full text-[13px]" data-testid="portfolio-table">
        <thead className="text-right text-xs text-muted">
          <tr>
            <th className={`${TH} text-left`}>Asset</th>
            <th className={`${TH} hidden sm:table-cell`}>Available</th>
            <th className={`${TH} hidden sm:table-cell`}>In orders</th>
            <th className={TH}>Total</th>
            <th className={`${TH} hidden md:table-cell`}>Last price</th>
            <th className={TH}>Value ({valuation})</th>
            <th className={`${TH} hidden lg:table-cell`}>Avg. cost</th>
            <th className={`${TH} hidden md:table-cell`}>Unrealised P&amp;L</th>
            <th className={`${TH} hidden lg:table-cell`}>Realised P&amp;L</th>
            <th className={`${TH} hidden md:table-cell`}>
              <span className="sr-only">Action</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {holdings.map((h) => (
            <Row key={h.asset} h={h} valuationScale={valuationScale} />
          ))}
        </tbody>
      </table>
    </div>
  );
}
