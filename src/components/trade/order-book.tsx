"use client";

import { useMemo, useState } from "react";
import { buildLadder, groupingChoices, groupLevels, spreadOf } from "@/order-maths/book";
import { formatBps, formatDecimal, unitsOf } from "@/order-maths/decimal";
import type { Market } from "@/trpc/types";
import { Panel, PanelMessage } from "../ui/panel";
import { SkeletonRows } from "../ui/skeleton";
import { BookRow } from "./book-row";
import { useBook } from "./use-live-book";
import { useRowsThatFit } from "./use-rows-that-fit";

interface OrderBookProps {
  market: Market;
  onPickPrice: (price: string) => void;
}

const ROW_PX = 20;
/** The spread row and its margins, between the two sides. */
const SPREAD_PX = 40;

/** The ladder: asks above, bids below, best prices meeting at the spread; click a level to trade at it. */
export function OrderBook({ market, onPickPrice }: OrderBookProps) {
  const { levels, isPending, error } = useBook(market);
  const { ref, rows: rowsPerSide } = useRowsThatFit(ROW_PX, SPREAD_PX, 12);
  const tick = unitsOf(market.priceTick, market.quoteScale);
  const choices = useMemo(() => groupingChoices(tick), [tick]);
  const [group, setGroup] = useState(tick);

  const ladder = useMemo(() => {
    if (!levels) return null;
    return buildLadder(groupLevels(levels.bids, group, "bids"), groupLevels(levels.asks, group, "asks"), rowsPerSide);
  }, [levels, group, rowsPerSide]);
  const spread = spreadOf(levels?.bids[0]?.[0], levels?.asks[0]?.[0]);
  const slots = Array.from({ length: rowsPerSide }, (_, i) => i);

  const grouping = (
    <label className="flex items-center gap-1 text-xs text-muted">
      <span className="sr-only">Price grouping</span>
      <select
        value={group.toString()}
        onChange={(e) => setGroup(BigInt(e.target.value))}
        className="h-8 rounded border border-line bg-panel-2 px-1.5 text-xs text-fg"
        data-testid="book-grouping"
      >
        {choices.map((c) => (
          <option key={c.toString()} value={c.toString()}>
            {formatDecimal(c, market.quoteScale)}
          </option>
        ))}
      </select>
    </label>
  );

  return (
    <Panel title="Order book" actions={grouping} className="h-full" bodyClassName="flex flex-col">
      <div className="grid h-7 shrink-0 grid-cols-3 items-center px-3 text-right text-[11px] text-muted">
        <span className="text-left">Price ({market.quoteAsset})</span>
        <span>Amount ({market.baseAsset})</span>
        <span>Total</span>
      </div>
      <div ref={ref} className="min-h-0 flex-1 overflow-hidden">
        {isPending ? (
          <SkeletonRows count={rowsPerSide * 2 + 1} rowClassName="h-4" />
        ) : error || !ladder ? (
          <PanelMessage tone="error">The order book could not be loaded. {error?.message}</PanelMessage>
        ) : (
          <div className="flex flex-col" data-testid="order-book">
            <div className="flex flex-col-reverse">
              {slots.map((i) => (
                <BookRow
                  key={`a${i}`}
                  row={ladder.asks[i]}
                  side="asks"
                  quoteScale={market.quoteScale}
                  baseScale={market.baseScale}
                  onPick={onPickPrice}
                />
              ))}
            </div>
            <div className="my-1 flex h-8 items-center justify-between border-y border-line bg-panel-2 px-3 text-xs">
              <span className="text-muted">Spread</span>
              <span className="font-medium" data-testid="book-spread">
                {spread ? `${formatDecimal(spread.spread, market.quoteScale)} (${formatBps(spread.bps)})` : "—"}
              </span>
            </div>
            <div className="flex flex-col">
              {slots.map((i) => (
                <BookRow
                  key={`b${i}`}
                  row={ladder.bids[i]}
                  side="bids"
                  quoteScale={market.quoteScale}
                  baseScale={market.baseScale}
                  onPick={onPickPrice}
                />
              ))}
            </div>
          </div>
        )}
      </div>
    </Panel>
  );
}
