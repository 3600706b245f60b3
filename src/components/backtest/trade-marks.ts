import type { SeriesMarker, Time, UTCTimestamp } from "lightweight-charts";
import type { RoundTripRow, TradeFill } from "./trade-list";

export interface Palette {
  buy: string;
  sell: string;
}

const mark = (fill: TradeFill, palette: Palette): SeriesMarker<Time> =>
  fill.side === "BUY"
    ? {
        time: Math.floor(fill.time / 1000) as UTCTimestamp,
        position: "belowBar",
        shape: "arrowUp",
        color: palette.buy,
        text: "Buy",
      }
    : {
        time: Math.floor(fill.time / 1000) as UTCTimestamp,
        position: "aboveBar",
        shape: "arrowDown",
        color: palette.sell,
        text: "Sell",
      };

/** Each round trip's entry and exit (and a position still open) as marks on the price chart, in time order. */
export function tradeMarks(trades: readonly RoundTripRow[], openTrade: TradeFill | null, palette: Palette): SeriesMarker<Time>[] {
  const fills = trades.flatMap((trip) => [trip.entry, trip.exit]);
  if (openTrade) fills.push(openTrade);
  return fills.sort((a, b) => a.time - b.time).map((fill) => mark(fill, palette));
}
