/**
 * Performance figures of one simulation. Money stays exact in the simulation; these are ratios,
 * so JS numbers. Notation: e_0 … e_n are the equity points (one per candle close, e_0 the initial
 * cash since nothing fills at the first candle), r_i = e_i / e_(i-1) − 1 for i = 1 … n, and
 * P = periods per year = 365 days / interval (markets here trade every day, all day).
 * - totalReturn = e_n / e_0 − 1
 * - cagr = (e_n / e_0)^(1 / years) − 1, years = n × interval / 365 days
 * - maxDrawdown = max over i of (peak_i − e_i) / peak_i, peak_i = max of e_0 … e_i (0 … 1)
 * - sharpe = mean(r) / sd(r) × √P, sd with n − 1 in the denominator, risk-free rate 0
 * - sortino = mean(r) / dd × √P, dd = √(Σ min(r_i, 0)² / n), risk-free rate and target 0
 * - winRate = round trips with pnl > 0 / round trips (pnl after both fees)
 * - profitFactor = Σ positive pnl / |Σ negative pnl|
 * - exposure = candles whose close finds a position held / all candles
 * A figure that is undefined (no period, no variance, no trade, no losing trade) or beyond a
 * float (the CAGR of a gain over a few minutes) is null.
 */
import { type CandleInterval, DAY_MS, intervalMs } from "../candles";
import { assert } from "../errors";
import type { Simulation } from "./simulate";

export const YEAR_MS = 365 * DAY_MS;

export interface Metrics {
  totalReturn: number;
  cagr: number | null;
  maxDrawdown: number;
  sharpe: number | null;
  sortino: number | null;
  winRate: number | null;
  profitFactor: number | null;
  exposure: number;
  /** Closed round trips. */
  tradeCount: number;
}

export function periodsPerYear(interval: CandleInterval): number {
  return YEAR_MS / intervalMs(interval);
}

/** a / b for amounts far below 2^1023, where the ratio's rounding is all that is lost. */
function ratio(a: bigint, b: bigint): number {
  return Number(a) / Number(b);
}

export function periodReturns(equity: readonly bigint[]): number[] {
  const returns: number[] = [];
  for (let i = 1; i < equity.length; i++) {
    const [previous, value] = [equity[i - 1] ?? 0n, equity[i] ?? 0n];
    // Equity marked down to zero by the floor has nothing left to lose or gain in proportion.
    returns.push(previous > 0n ? ratio(value, previous) - 1 : 0);
  }
  return returns;
}

function mean(values: readonly number[]): number {
  return values.reduce((sum, x) => sum + x, 0) / values.length;
}

export function maxDrawdown(equity: readonly bigint[]): number {
  let peak = equity[0] ?? 0n;
  let worst = 0;
  for (const value of equity) {
    if (value > peak) peak = value;
    if (peak > 0n) worst = Math.max(worst, ratio(peak - value, peak));
  }
  return worst;
}

export function sharpe(returns: readonly number[], periods: number): number | null {
  if (returns.length < 2) return null;
  const average = mean(returns);
  const variance = returns.reduce((sum, r) => sum + (r - average) ** 2, 0) / (returns.length - 1);
  return variance > 0 ? (average / Math.sqrt(variance)) * Math.sqrt(periods) : null;
}

export function sortino(returns: readonly number[], periods: number): number | null {
  if (returns.length === 0) return null;
  const downside = Math.sqrt(returns.reduce((sum, r) => sum + Math.min(r, 0) ** 2, 0) / returns.length);
  return downside > 0 ? (mean(returns) / downside) * Math.sqrt(periods) : null;
}

export function cagr(first: bigint, last: bigint, years: number): number | null {
  if (years <= 0) return null;
  // A gain over minutes annualises past any float (1.1 ** 525,600): that is no figure either.
  const annual = ratio(last, first) ** (1 / years) - 1;
  return Number.isFinite(annual) ? annual : null;
}

export function tradeFigures(pnls: readonly bigint[]): Pick<Metrics, "winRate" | "profitFactor" | "tradeCount"> {
  const gains = pnls.filter((p) => p > 0n).reduce((sum, p) => sum + p, 0n);
  const losses = pnls.filter((p) => p < 0n).reduce((sum, p) => sum - p, 0n);
  return {
    winRate: pnls.length > 0 ? pnls.filter((p) => p > 0n).length / pnls.length : null,
    profitFactor: losses > 0n ? ratio(gains, losses) : null,
    tradeCount: pnls.length,
  };
}

export function computeMetrics(sim: Simulation, interval: CandleInterval): Metrics {
  const equity = sim.equity.map((point) => point.equity);
  const first = equity[0];
  const last = equity.at(-1);
  assert(first !== undefined && last !== undefined && first > 0n, "metrics need an equity curve that starts positive");
  const returns = periodReturns(equity);
  const periods = periodsPerYear(interval);
  return {
    totalReturn: ratio(last, first) - 1,
    cagr: cagr(first, last, returns.length / periods),
    maxDrawdown: maxDrawdown(equity),
    sharpe: sharpe(returns, periods),
    sortino: sortino(returns, periods),
    ...tradeFigures(sim.roundTrips.map((trip) => trip.pnl)),
    exposure: sim.equity.filter((point) => point.position > 0n).length / sim.equity.length,
  };
}
