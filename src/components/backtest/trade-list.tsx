import { Amount } from "@/components/ui/amount";
import { formatDateTime } from "@/components/ui/time-format";

export interface TradeFill {
  time: number;
  side: "BUY" | "SELL";
  price: string;
  quantity: string;
  fee: string;
}

export interface RoundTripRow {
  entry: TradeFill;
  exit: TradeFill;
  pnl: string;
}

/** Round trips, newest first: entry, exit, and the result after both fees. */
export function TradeList({ trades, quoteAsset }: { trades: readonly RoundTripRow[]; quoteAsset: string }) {
  if (trades.length === 0) return <p className="px-1 py-4 text-sm text-muted">No round trip closed in this range.</p>;
  return (
    <div className="max-h-80 overflow-auto">
      <table className="w-full text-sm" data-testid="backtest-trades">
        <thead className="sticky top-0 bg-panel text-left text-xs text-muted">
          <tr>
            <th className="py-1.5 pr-3 font-normal">Entry</th>
            <th className="py-1.5 pr-3 text-right font-normal">Price</th>
            <th className="py-1.5 pr-3 font-normal">Exit</th>
            <th className="py-1.5 pr-3 text-right font-normal">Price</th>
            <th className="py-1.5 text-right font-normal">Result ({quoteAsset})</th>
          </tr>
        </thead>
        <tbody>
          {[...trades].reverse().map((trip) => (
            <tr key={`${trip.entry.time}-${trip.exit.time}`} className="border-t border-line">
              <td className="py-1.5 pr-3 text-muted">{formatDateTime(trip.entry.time)}</td>
              <td className="py-1.5 pr-3 text-right tabular-nums">
                <Amount value={trip.entry.price} />
              </td>
              <td className="py-1.5 pr-3 text-muted">{formatDateTime(trip.exit.time)}</td>
              <td className="py-1.5 pr-3 text-right tabular-nums">
                <Amount value={trip.exit.price} />
              </td>
              <td className={`py-1.5 text-right tabular-nums ${trip.pnl.startsWith("-") ? "text-sell" : "text-buy"}`}>
                <Amount value={trip.pnl} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
