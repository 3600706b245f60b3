"use client";

import {
  CandlestickSeries,
  ColorType,
  createChart,
  type IChartApi,
  type IPriceLine,
  type ISeriesApi,
  LineSeries,
  LineStyle,
} from "lightweight-charts";
import { useTheme } from "next-themes";
import { useEffect, useMemo, useRef } from "react";
import { mutedBar, type PlotCandle, readPalette } from "../trade/candle-chart";
import type { SentimentLinePoint } from "./sentiment-line";

interface Chart {
  chart: IChartApi;
  candles: ISeriesApi<"Candlestick">;
  sentiment: ISeriesApi<"Line">;
  /** Neutral, drawn across so above and below read at a glance. */
  zero: IPriceLine;
}

/** The sentiment scale is always the whole of [-1, 1], so a line's height means the same on every asset. */
const FULL_SENTIMENT_RANGE = () => ({ priceRange: { minValue: -1, maxValue: 1 } });

function accentColour(): string {
  return getComputedStyle(document.documentElement).getPropertyValue("--accent").trim();
}

/**
 * Candles of the asset's market on the right scale and the rolling news sentiment as a line on
 * the left one (-1..1), on the bars' own times (sentiment-line.ts). lightweight-charts v5, as
 * the trade page's chart; TradingView's attribution logo stays on, as its licence requires.
 */
export function SentimentPriceChart({
  candles,
  sentiment,
  priceTick,
  resetKey,
}: {
  candles: readonly PlotCandle[];
  sentiment: readonly SentimentLinePoint[];
  priceTick: string;
  resetKey: string;
}) {
  const container = useRef<HTMLDivElement>(null);
  const chartRef = useRef<Chart | null>(null);
  const shownKey = useRef<string | null>(null);
  const { resolvedTheme } = useTheme();
  const palette = useMemo(() => (resolvedTheme ? { ...readPalette(), accent: accentColour() } : null), [resolvedTheme]);

  useEffect(() => {
    if (!container.current) return;
    const chart = createChart(container.current, {
      autoSize: true,
      layout: { attributionLogo: true, fontSize: 11 },
      // Small margins: the fixed -1..1 range nearly fills the pane, with little room beyond it.
      leftPriceScale: { visible: true, scaleMargins: { top: 0.05, bottom: 0.05 } },
      timeScale: { timeVisible: true, secondsVisible: false, rightOffset: 4, maxBarSpacing: 18 },
      crosshair: { mode: 0 },
    });
    const decimals = priceTick.split(".")[1]?.length ?? 0;
    const candleSeries = chart.addSeries(CandlestickSeries, {
      priceFormat: { type: "price", precision: decimals, minMove: Number(priceTick) },
    });
    const sentimentSeries = chart.addSeries(LineSeries, {
      priceScaleId: "left",
      lineWidth: 2,
      priceFormat: { type: "price", precision: 2, minMove: 0.01 },
      autoscaleInfoProvider: FULL_SENTIMENT_RANGE,
      title: "Sentiment",
    });
    const zero = sentimentSeries.createPriceLine({
      price: 0,
      lineStyle: LineStyle.Dotted,
      lineWidth: 1,
      axisLabelVisible: false,
    });
    chartRef.current = { chart, candles: candleSeries, sentiment: sentimentSeries, zero };
    return () => {
      chart.remove();
      chartRef.current = null;
      shownKey.current = null;
    };
  }, [priceTick]);

  useEffect(() => {
    const current = chartRef.current;
    if (!current || !palette) return;
    const { buy, sell, line, muted, panel, accent } = palette;
    current.chart.applyOptions({
      layout: { background: { type: ColorType.Solid, color: panel }, textColor: muted },
      grid: { vertLines: { color: line }, horzLines: { color: line } },
      leftPriceScale: { borderColor: line },
      rightPriceScale: { borderColor: line },
      timeScale: { borderColor: line },
    });
    current.candles.applyOptions({ upColor: buy, downColor: sell, wickUpColor: buy, wickDownColor: sell, borderVisible: false });
    current.sentiment.applyOptions({ color: accent });
    current.zero.applyOptions({ color: muted });
  }, [palette]);

  useEffect(() => {
    const current = chartRef.current;
    if (!current || !palette) return;
    current.candles.setData(
      candles.map(({ volume: _volume, isImported, ...bar }) => (isImported ? { ...bar, ...mutedBar(palette.muted) } : bar)),
    );
    current.sentiment.setData([...sentiment]);
    if (shownKey.current !== resetKey && candles.length > 0) {
      current.chart.timeScale().fitContent();
      shownKey.current = resetKey;
    }
  }, [candles, sentiment, resetKey, palette]);

  return <div ref={container} className="h-full w-full" data-testid="sentiment-price-chart" />;
}
