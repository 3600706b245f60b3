/** The backtest commands' tables: metrics beside buy-and-hold, ranked sweeps, walk-forward halves. */
import type { BacktestResult, SweepResult, WalkForwardResult } from "../../sdk/types";
import { num, renderTable, shortTime, text } from "../table";

type Metrics = BacktestResult["result"]["metrics"];
type Header = Pick<BacktestResult, "market" | "interval" | "strategy" | "source" | "firstCandle" | "lastCandle" | "candleCount">;

const percent = (value: number | null) => (value === null ? "-" : `${(value * 100).toFixed(2)}%`);
const plain = (value: number | null) => (value === null ? "-" : value.toFixed(2));

/** The metrics a table shows, in order, with how each is written. */
const ROWS: readonly [label: string, read: (m: Metrics) => string][] = [
  ["total return", (m) => percent(m.totalReturn)],
  ["CAGR", (m) => percent(m.cagr)],
  ["max drawdown", (m) => percent(m.maxDrawdown)],
  ["Sharpe", (m) => plain(m.sharpe)],
  ["Sortino", (m) => plain(m.sortino)],
  ["win rate", (m) => percent(m.winRate)],
  ["profit factor", (m) => plain(m.profitFactor)],
  ["exposure", (m) => percent(m.exposure)],
  ["trades", (m) => String(m.tradeCount)],
];

const time = (ms: number | null) => (ms === null ? "-" : shortTime(new Date(ms).toISOString()).slice(0, 16));
const paramsText = (params: Record<string, number>) =>
  Object.entries(params)
    .map(([name, value]) => `${name}=${value}`)
    .join(" ");

function headline(header: Header, detail: string): string {
  const range = `${time(header.firstCandle)} → ${time(header.lastCandle)} UTC`;
  return `${header.market} ${header.interval} ${header.strategy} ${detail}\n${range}, ${header.candleCount} candles (${header.source})`;
}

/** One column per evaluation, one row per metric. */
function metricsTable(
  columns: readonly [title: string, metrics: Metrics][],
  extra: readonly [string, ...string[]][] = [],
): string {
  const rows = ROWS.map(([label, read]) => [label, ...columns.map(([, metrics]) => read(metrics))]);
  return renderTable([text("METRIC"), ...columns.map(([title]) => num(title))], [...rows, ...extra]);
}

export function renderBacktest(result: BacktestResult): string {
  const table = metricsTable(
    [
      ["STRATEGY", result.result.metrics],
      ["BUY & HOLD", result.buyAndHold.metrics],
    ],
    [
      ["final equity", result.result.finalEquity, result.buyAndHold.finalEquity],
      ["fees paid", result.result.feesPaid, result.buyAndHold.feesPaid],
    ],
  );
  const news = result.sentiment ? `\nnews: ${result.sentiment.points} sentiment points (${result.sentiment.source})` : "";
  return `${headline(result, paramsText(result.params))}, starting cash ${result.initialCash}${news}\n\n${table}`;
}

/** The best this many combinations are listed; --json has them all. */
const SWEEP_ROWS = 10;

export function renderSweep(result: SweepResult): string {
  const rows = result.ranked
    .slice(0, SWEEP_ROWS)
    .map((entry, i) => [
      String(i + 1),
      paramsText(entry.params),
      percent(entry.metrics.totalReturn),
      plain(entry.metrics.sharpe),
      percent(entry.metrics.maxDrawdown),
      String(entry.metrics.tradeCount),
    ]);
  const table = renderTable(
    [num("RANK"), text("PARAMS"), num("TOTAL RETURN"), num("SHARPE"), num("MAX DD"), num("TRADES")],
    rows,
  );
  const counts = `${result.total} combinations, ${result.skipped} refused by the strategy's rules, ranked by ${result.objective}`;
  return `${headline(result, "sweep")}\n${counts}\n\n${table}`;
}

export function renderWalkForward(result: WalkForwardResult): string {
  const table = metricsTable([
    ["IN-SAMPLE", result.inSample.best.metrics],
    ["IN B&H", result.inSample.buyAndHold],
    ["OUT-OF-SAMPLE", result.outOfSample.metrics],
    ["OUT B&H", result.outOfSample.buyAndHold.metrics],
  ]);
  const best = `best in-sample (${result.inSample.tried} tried, by ${result.objective}): ${paramsText(result.inSample.best.params)}`;
  return `${headline(result, "walk-forward")}\nsplit at ${time(result.splitTime)} UTC; ${best}\n\n${table}`;
}
