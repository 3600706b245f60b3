"use client";

import { AreaSeries, ColorType, createChart, type IChartApi, LineSeries, type UTCTimestamp } from "lightweight-charts";
import { useTheme } from "next-themes";
import { useEffect, useRef } from "react";
import { toPlotNumber } from "@/order-maths/decimal";

export interface EquitySample {
  time: number;
  equity: string;
}

interface Point {
  time: UTCTimestamp;
  value: number;
}

const toPoints = (samples: readonly EquitySample[]): Point[] =>
  samples.map((s) => ({ time: Math.floor(s.time / 1000) as UTCTimestamp, value: toPlotNumber(s.equity) }));

/** Drawdown below the running peak, as a negative share: drawn only, never computed on money. */
function drawdown(points: readonly Point[]): Point[] {
  let peak = Number.NEGATIVE_INFINITY;
  return points.map(({ time, value }) => {
    peak = Math.max(peak, value);
    return { time, value: peak > 0 ? value / peak - 1 : 0 };
  });
}

function cssColor(name: string): string {
  return getComputedStyle(document.documentElement).getPropertyValue(name).trim();
}

/**
 * The strategy's equity and buy-and-hold's in one pane, the strategy's drawdown in a second.
 * Both curves arrive sampled to at most a thousand points by the server.
 */
export function EquityChart({
  strategy,
  buyAndHold,
}: {
  strategy: readonly EquitySample[];
  buyAndHold: readonly EquitySample[];
}) {
  const container = useRef<HTMLDivElement>(null);
  const chartRef = useRef<IChartApi | null>(null);
  const { resolvedTheme } = useTheme();

  useEffect(() => {
    if (!container.current || !resolvedTheme) return;
    const [accent, muted, line, panel, sell] = ["--accent", "--muted", "--line", "--panel", "--sell"].map(cssColor);
    const chart = createChart(container.current, {
      autoSize: true,
      layout: { attributionLogo: true, fontSize: 11, background: { type: ColorType.Solid, color: panel }, textColor: muted },
      grid: { vertLines: { color: line }, horzLines: { color: line } },
      timeScale: { timeVisible: true, secondsVisible: false, borderColor: line },
      rightPriceScale: { borderColor: line },
    });
    chartRef.current = chart;
    const equity = toPoints(strategy);
    chart.addSeries(LineSeries, { color: accent, lineWidth: 2, title: "Strategy" }).setData(equity);
    chart
      .addSeries(LineSeries, { color: muted, lineWidth: 1, lineStyle: 2, title: "Buy and hold" })
      .setData(toPoints(buyAndHold));
    chart
      .addSeries(
        AreaSeries,
        {
          lineColor: sell,
          topColor: "rgba(0,0,0,0)",
          bottomColor: sell,
          lineWidth: 1,
          title: "Drawdown",
          priceFormat: { type: "percent" },
          invertFilledArea: true,
        },
        1,
      )
      .setData(drawdown(equity).map((p) => ({ ...p, value: p.value * 100 })));
    chart.panes()[1]?.setStretchFactor(0.35);
    chart.timeScale().fitContent();
    return () => {
      chart.remove();
      chartRef.current = null;
    };
  }, [strategy, buyAndHold, resolvedTheme]);

  return <div ref={container} className="h-72 w-full sm:h-80" data-testid="equity-chart" />;
}
