import { applyBalanceDeltas } from "../../db/queries/balances";
import { appendEvents, type EventDraft } from "../../db/queries/events";
import { insertOrdersWithIds, updateOrdersFinal } from "../../db/queries/order-batches";
import { insertSettledTrades } from "../../db/queries/trade-settlement";
import type { TradeRow } from "../../db/queries/trades";
import { balanceEvents, bookLevelEvent, marketTopic, userTopic } from "../trading/book-events";
import { tickerEvent } from "../markets/ticker";
import { ownTradeView, publicTradeView } from "../views";
import type { BatchState, CommandRecord } from "./batch-state";

export interface WrittenBatch {
  /** Parallel to BatchState.trades. */
  trades: TradeRow[];
  events: EventDraft[];
  seq: bigint | null;
}

/**
 * Writes a whole batch with set-based statements, whatever its size: new orders, changed
 * orders, trades with their journals and minute rollups, balances, then the events in execution order.
 */
export async function writeBatch(state: BatchState, records: readonly CommandRecord[]): Promise<WrittenBatch> {
  const { tx, market } = state;
  await insertOrdersWithIds(tx, state.created);
  await updateOrdersFinal(tx, state.changedStoredRows());
  const trades = await insertSettledTrades(tx, market.symbol, state.trades, state.journals);
  const balances = await applyBalanceDeltas(tx, state.balances.netDeltas());

  const scaleOf = (asset: string) => (asset === market.baseAsset ? market.baseScale : market.quoteScale);
  const book = await bookLevelEvent(tx, market, state.touchedLevels);
  const events: EventDraft[] = [
    ...records.flatMap((record) => commandEvents(state, record, trades)),
    ...(book ? [book] : []),
    // After the trades are written, so the 24h figures include them.
    ...(trades.length > 0 ? [await tickerEvent(tx, market)] : []),
    ...balanceEvents(balances, scaleOf),
  ];
  return { trades, events, seq: await appendEvents(tx, events) };
}

function commandEvents(state: BatchState, record: CommandRecord, trades: readonly TradeRow[]): EventDraft[] {
  const { market } = state;
  const own = record.tradeIndexes.map((i) => trades[i]).filter((t): t is TradeRow => t !== undefined);
  return [
    ...own.map((t) => ({ topic: marketTopic(market.symbol), type: "trade", payload: publicTradeView(t, market) })),
    ...record.orders.map((o) => ({ topic: userTopic(o.userId), type: "order", payload: o.view })),
    ...own.flatMap((t) => [
      { topic: userTopic(t.takerUserId), type: "fill", payload: ownTradeView(t, market, t.takerUserId) },
      { topic: userTopic(t.makerUserId), type: "fill", payload: ownTradeView(t, market, t.makerUserId) },
    ]),
  ];
}
