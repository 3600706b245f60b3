import type { Metrics } from "@/domain/backtest/metrics";

const percent = (value: number | null) => (value === null ? "–" : `${(value * 100).toFixed(2)}%`);
const ratio = (value: number | null) => (value === null ? "–" : value.toFixed(2));

/** The figures a trader compares first, each with how it is read. */
const ROWS: readonly { key: keyof Metrics; label: string; format: (value: number | null) => string; hint: string }[] = [
  { key: "totalReturn", label: "Total return", format: percent, hint: "final equity / initial cash − 1" },
  { key: "cagr", label: "CAGR", format: percent, hint: "the return per year, compounded" },
  { key: "maxDrawdown", label: "Max drawdown", format: percent, hint: "the deepest fall from a peak" },
  { key: "sharpe", label: "Sharpe", format: ratio, hint: "mean / sd of per-candle returns, per year" },
  { key: "sortino", label: "Sortino", format: ratio, hint: "as Sharpe, counting only falls" },
  { key: "winRate", label: "Win rate", format: percent, hint: "round trips with a profit after fees" },
  { key: "profitFactor", label: "Profit factor", format: ratio, hint: "gross profit / gross loss" },
  { key: "exposure", label: "Exposure", format: percent, hint: "share of candles holding a position" },
  { key: "tradeCount", label: "Round trips", format: (v) => (v === null ? "–" : String(v)), hint: "entries closed by an exit" },
];

/** Strategy beside buy-and-hold, one figure per row; the better of the two is marked. */
export function MetricsTable({ strategy, buyAndHold }: { strategy: Metrics; buyAndHold: Metrics }) {
  return (
    <table className="w-full text-sm" data-testid="backtest-metrics">
      <thead className="text-left text-xs text-muted">
        <tr>
          <th className="py-1.5 pr-3 font-normal">Figure</th>
          <th className="py-1.5 pr-3 text-right font-normal">Strategy</th>
          <th className="py-1.5 text-right font-normal">Buy and hold</th>
        </tr>
      </thead>
      <tbody>
        {ROWS.map(({ key, label, format, hint }) => (
          <tr key={key} className="border-t border-line" data-metric={key}>
            <th scope="row" className="py-1.5 pr-3 text-left font-normal" title={hint}>
              {label}
            </th>
            <td className="py-1.5 pr-3 text-right tabular-nums" data-testid={`metric-${key}`}>
              {format(strategy[key])}
            </td>
            <td className="py-1.5 text-right tabular-nums text-muted">{format(buyAndHold[key])}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
