import type { Metrics } from "@/domain/backtest/metrics";
import type { SweepView } from "@/server/services/research/backtest";
import type { RouterOutputs } from "@/trpc/types";
import { EquityChart } from "./equity-chart";
import { MetricsTable } from "./metrics-table";
import { PriceWithTrades } from "./price-with-trades";
import { TradeList } from "./trade-list";

type RunView = RouterOutputs["backtest"]["run"];
type WalkForwardView = RouterOutputs["backtest"]["walkForward"];
export type { SweepView };

export interface MarketFacts {
  priceTick: string;
  quoteAsset: string;
}

const day = (ms: number | null) => (ms === null ? "–" : new Date(ms).toISOString().slice(0, 16).replace("T", " "));

function Card({ title, children, testId }: { title: string; children: React.ReactNode; testId?: string }) {
  return (
    <section className="flex flex-col gap-3 rounded-md border border-line bg-panel p-3 sm:p-4" data-testid={testId}>
      <h2 className="text-sm font-semibold">{title}</h2>
      {children}
    </section>
  );
}

function Summary({
  view,
  finalEquity,
  feesPaid,
  quoteAsset,
}: {
  view: RunView | WalkForwardView;
  finalEquity: string;
  feesPaid: string;
  quoteAsset: string;
}) {
  return (
    <p className="text-sm text-muted" data-testid="backtest-summary">
      {view.market} {view.interval} · {view.candleCount.toLocaleString("en-US")} candles from {day(view.firstCandle)} to{" "}
      {day(view.lastCandle)} UTC ({view.source === "trades" ? "Bourse's own trades" : "imported history"}) · {view.initialCash} →{" "}
      {finalEquity} {quoteAsset}, fees {feesPaid} {quoteAsset} · slippage {view.slippageBps} bps
      {view.sentiment &&
        ` · sentiment: ${view.sentiment.points} points from ${view.sentiment.source === "news" ? "stored news" : "the request"}`}
    </p>
  );
}

export function RunResults({ view, market }: { view: RunView; market: MarketFacts }) {
  const { result, buyAndHold } = view;
  return (
    <div className="flex flex-col gap-4" data-testid="backtest-results">
      <Summary view={view} finalEquity={result.finalEquity} feesPaid={result.feesPaid} quoteAsset={market.quoteAsset} />
      <div className="grid gap-4 lg:grid-cols-[minmax(0,1fr)_22rem]">
        <Card title="Equity and drawdown">
          <EquityChart strategy={result.equity} buyAndHold={buyAndHold.equity} />
        </Card>
        <Card title="Figures">
          <MetricsTable strategy={result.metrics} buyAndHold={buyAndHold.metrics} />
        </Card>
      </div>
      <Card title="Trades on the price chart">
        <PriceWithTrades run={{ ...view, priceTick: market.priceTick, trades: result.trades, openTrade: result.openTrade }} />
      </Card>
      <Card title={`Round trips (${result.metrics.tradeCount})`}>
        <TradeList trades={result.trades} quoteAsset={market.quoteAsset} />
      </Card>
    </div>
  );
}

const figure = (metrics: Metrics, key: keyof Metrics) => {
  const value = metrics[key];
  if (value === null) return "–";
  if (key === "tradeCount") return String(value);
  return key === "sharpe" || key === "sortino" || key === "profitFactor" ? value.toFixed(2) : `${(value * 100).toFixed(2)}%`;
};

/** Best first; the objective's column leads. */
export function SweepResults({ view }: { view: SweepView }) {
  const names = Object.keys(view.ranked[0]?.params ?? {});
  const columns: (keyof Metrics)[] = [
    view.objective,
    ...(["totalReturn", "maxDrawdown", "tradeCount"] as const).filter((c) => c !== view.objective),
  ];
  return (
    <Card
      title={`Sweep: ${view.total} combinations, ${view.skipped} refused by the strategy's rules, ranked by ${view.objective}`}
      testId="sweep-results"
    >
      <div className="max-h-[28rem] overflow-auto">
        <table className="w-full text-sm">
          <thead className="sticky top-0 bg-panel text-left text-xs text-muted">
            <tr>
              <th className="py-1.5 pr-3 font-normal">#</th>
              {names.map((n) => (
                <th key={n} className="py-1.5 pr-3 font-normal">
                  {n}
                </th>
              ))}
              {columns.map((c) => (
                <th key={c} className="py-1.5 pr-3 text-right font-normal">
                  {c}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {view.ranked.map((entry, i) => (
              <tr key={names.map((n) => entry.params[n]).join("/")} className="border-t border-line">
                <td className="py-1.5 pr-3 text-muted">{i + 1}</td>
                {names.map((n) => (
                  <td key={n} className="py-1.5 pr-3 tabular-nums">
                    {entry.params[n]}
                  </td>
                ))}
                {columns.map((c) => (
                  <td key={c} className="py-1.5 pr-3 text-right tabular-nums">
                    {figure(entry.metrics, c)}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Card>
  );
}

/** The best in-sample parameters, then how they did on candles they never saw. */
export function WalkForwardResults({ view, market }: { view: WalkForwardView; market: MarketFacts }) {
  const { inSample, outOfSample } = view;
  const params = Object.entries(inSample.best.params)
    .map(([name, value]) => `${name}=${value}`)
    .join(", ");
  return (
    <div className="flex flex-col gap-4" data-testid="walk-forward-results">
      <Summary view={view} finalEquity={outOfSample.finalEquity} feesPaid={outOfSample.feesPaid} quoteAsset={market.quoteAsset} />
      <div className="grid gap-4 md:grid-cols-2">
        <Card title={`In sample (to ${day(view.splitTime)}): best of ${inSample.tried} by ${view.objective}`}>
          <p className="text-sm">{params}</p>
          <MetricsTable strategy={inSample.best.metrics} buyAndHold={inSample.buyAndHold} />
        </Card>
        <Card title="Out of sample: the same parameters on unseen candles">
          <MetricsTable strategy={outOfSample.metrics} buyAndHold={outOfSample.buyAndHold.metrics} />
        </Card>
      </div>
      <Card title="Out-of-sample equity and drawdown">
        <EquityChart strategy={outOfSample.equity} buyAndHold={outOfSample.buyAndHold.equity} />
      </Card>
    </div>
  );
}
