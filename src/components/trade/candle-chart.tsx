"use client";

import {
  CandlestickSeries,
  ColorType,
  createChart,
  createSeriesMarkers,
  HistogramSeries,
  type IChartApi,
  type ISeriesApi,
  type ISeriesMarkersPluginApi,
  type SeriesMarker,
  type Time,
  type UTCTimestamp,
} from "lightweight-charts";
import { useTheme } from "next-themes";
import { useEffect, useMemo, useRef } from "react";

export interface PlotCandle {
  time: UTCTimestamp;
  open: number;
  high: number;
  low: number;
  close: number;
  volume: number;
  /** History imported from another venue: drawn muted, so it never passes for trades made here. */
  isImported: boolean;
}

interface Chart {
  chart: IChartApi;
  candles: ISeriesApi<"Candlestick">;
  volume: ISeriesApi<"Histogram">;
  markers: ISeriesMarkersPluginApi<Time>;
}

export interface Palette {
  buy: string;
  sell: string;
  line: string;
  muted: string;
  panel: string;
}

/** The theme's CSS variables, read after next-themes has switched the class on <html>. */
export function readPalette(): Palette {
  const css = getComputedStyle(document.documentElement);
  const read = (name: string) => css.getPropertyValue(name).trim();
  return { buy: read("--buy"), sell: read("--sell"), line: read("--line"), muted: read("--muted"), panel: read("--panel") };
}

/** "#1fbf84" at 45% → "rgba(31, 191, 132, 0.45)": the chart's own colour parser wants plain CSS colours. */
export function withAlpha(hex: string, alpha: number): string {
  const digits = /^#([0-9a-f]{6})$/i.exec(hex)?.[1];
  if (!digits) return hex;
  const [r, g, b] = [0, 2, 4].map((i) => Number.parseInt(digits.slice(i, i + 2), 16));
  return `rgba(${r}, ${g}, ${b}, ${alpha})`;
}

/** Colours come from the theme's CSS variables, so the chart matches the page in both themes. */
function applyTheme({ chart, candles }: Chart, { buy, sell, line, muted, panel }: Palette): void {
  chart.applyOptions({
    layout: { background: { type: ColorType.Solid, color: panel }, textColor: muted, panes: { separatorColor: line } },
    grid: { vertLines: { color: line }, horzLines: { color: line } },
    rightPriceScale: { borderColor: line },
    timeScale: { borderColor: line },
  });
  candles.applyOptions({ upColor: buy, downColor: sell, wickUpColor: buy, wickDownColor: sell, borderVisible: false });
}

/** An imported bar's colours: the theme's muted grey, hollow, whatever its direction. */
export function mutedBar(muted: string) {
  return { color: withAlpha(muted, 0.35), borderColor: muted, wickColor: muted };
}

const NO_MARKERS: readonly SeriesMarker<Time>[] = [];

/**
 * lightweight-charts v5: candles in the main pane, volume in a second pane. TradingView's
 * attribution logo stays on, as its licence requires.
 */
export function CandleChart({
  data,
  priceTick,
  resetKey,
  firstOwnTime = null,
  markers = NO_MARKERS,
}: {
  data: readonly PlotCandle[];
  priceTick: string;
  resetKey: string;
  /** Where the market's own trades begin after imported history: marked on the chart. */
  firstOwnTime?: UTCTimestamp | null;
  /** More marks on the bars (a backtest's entries and exits), in time order. */
  markers?: readonly SeriesMarker<Time>[];
}) {
  const container = useRef<HTMLDivElement>(null);
  const chartRef = useRef<Chart | null>(null);
  const shownKey = useRef<string | null>(null);
  const { resolvedTheme } = useTheme();
  const palette = useMemo(() => (resolvedTheme ? readPalette() : null), [resolvedTheme]);

  useEffect(() => {
    if (!container.current) return;
    const chart = createChart(container.current, {
      autoSize: true,
      layout: { attributionLogo: true, fontSize: 11 },
      timeScale: { timeVisible: true, secondsVisible: false, rightOffset: 4, maxBarSpacing: 18 },
      crosshair: { mode: 0 },
    });
    const decimals = priceTick.split(".")[1]?.length ?? 0;
    const candles = chart.addSeries(CandlestickSeries, {
      priceFormat: { type: "price", precision: decimals, minMove: Number(priceTick) },
    });
    const volume = chart.addSeries(
      HistogramSeries,
      { priceFormat: { type: "volume" }, lastValueVisible: false, priceLineVisible: false },
      1,
    );
    chart.panes()[1]?.setStretchFactor(0.25);
    chartRef.current = { chart, candles, volume, markers: createSeriesMarkers(candles, []) };
    return () => {
      chart.remove();
      chartRef.current = null;
      shownKey.current = null;
    };
  }, [priceTick]);

  useEffect(() => {
    if (chartRef.current && palette) applyTheme(chartRef.current, palette);
  }, [palette]);

  useEffect(() => {
    const current = chartRef.current;
    if (!current || !palette) return;
    const { buy, sell, muted } = palette;
    current.candles.setData(
      data.map(({ volume: _volume, isImported, ...bar }) => (isImported ? { ...bar, ...mutedBar(muted) } : bar)),
    );
    current.volume.setData(
      data.map((c) => ({
        time: c.time,
        value: c.volume,
        color: withAlpha(c.isImported ? muted : c.close >= c.open ? buy : sell, c.isImported ? 0.3 : 0.45),
      })),
    );
    const hasImported = data.some((c) => c.isImported);
    const boundary: SeriesMarker<Time>[] =
      hasImported && firstOwnTime !== null
        ? [{ time: firstOwnTime, position: "aboveBar", shape: "arrowDown", color: muted, text: "Bourse trades from here" }]
        : [];
    current.markers.setMarkers([...boundary, ...markers].sort((a, b) => Number(a.time) - Number(b.time)));
    if (shownKey.current !== resetKey && data.length > 0) {
      // A new market or interval: show its latest bars; live updates keep the person's zoom.
      current.chart.timeScale().fitContent();
      shownKey.current = resetKey;
    }
  }, [data, resetKey, palette, firstOwnTime, markers]);

  return <div ref={container} className="h-full w-full" data-testid="candle-chart" />;
}
