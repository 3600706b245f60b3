import type { UTCTimestamp } from "lightweight-charts";
import { toPlotNumber } from "@/order-maths/decimal";
import type { PlotCandle } from "./candle-chart";

interface BarFields {
  openTime: number;
  open: string;
  high: string;
  low: string;
  close: string;
  baseVolume: string;
}

/** One candle as the chart plots it; imported history (files or a live stream) is drawn grey. */
export const plotBar = (c: BarFields, isImported: boolean): PlotCandle => ({
  time: Math.floor(c.openTime / 1000) as UTCTimestamp,
  open: toPlotNumber(c.open),
  high: toPlotNumber(c.high),
  low: toPlotNumber(c.low),
  close: toPlotNumber(c.close),
  volume: toPlotNumber(c.baseVolume),
  isImported,
});

/**
 * Live imported bars (the stream's stored candles, those closed since, the forming one) drawn
 * after the bars already there, where nothing is drawn yet: the market's own candles always win,
 * and a bar of the same time from a later source replaces an earlier one (`live` is ordered
 * oldest source first). The chart wants strictly increasing times; this keeps them so.
 */
export function appendLiveBars(bars: readonly PlotCandle[], live: readonly PlotCandle[]): PlotCandle[] {
  const lastTime = bars.at(-1)?.time ?? Number.NEGATIVE_INFINITY;
  const byTime = new Map<number, PlotCandle>();
  for (const bar of live) if (bar.time > lastTime) byTime.set(bar.time, bar);
  if (byTime.size === 0) return [...bars];
  return [...bars, ...[...byTime.values()].sort((a, b) => a.time - b.time)];
}
