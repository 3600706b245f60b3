import { applyBalanceDeltas } from "../../db/queries/balances";
import { appendEvents, type EventDraft } from "../../db/queries/events";
import { postJournals } from "../../db/queries/ledger";
import { recordTradeMinutes } from "../../db/queries/market-minutes";
import { insertOrdersWithIds, updateOrdersFinal } from "../../db/queries/order-batches";
import { insertTrades, type TradeRow } from "../../db/queries/trades";
import { assert } from "../../domain/errors";
import { balanceEvents, bookLevelEvent, marketTopic, userTopic } from "../book-events";
import { tickerEvent } from "../ticker";
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
 * orders, trades, their minute rollups, journals, balances, then the events in execution order.
 */
export async function writeBatch(state: BatchState, records: readonly CommandRecord[]): Promise<WrittenBatch> {
  const { tx, market } = state;
  await insertOrdersWithIds(tx, state.created);
  await updateOrdersFinal(tx, state.changedStoredRows());
  const trades = await insertTradesInOrder(state);
  const [first, last] = [trades[0], trades.at(-1)];
  if (first && last) await recordTradeMinutes(tx, { market: market.symbol, firstId: first.id, lastId: last.id });
  await postJournals(
    tx,
    state.journals.map((entries, i) => ({ kind: "TRADE" as const, reference: trades[i]?.id.toString() ?? null, entries })),
  );
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

/** Trade rows in the order of the drafts; matched by (maker, taker), which one batch never repeats. */
async function insertTradesInOrder(state: BatchState): Promise<TradeRow[]> {
  const rows = await insertTrades(state.tx, state.market.symbol, state.trades);
  const byPair = new Map(rows.map((r) => [`${r.makerOrderId}:${r.takerOrderId}`, r]));
  return state.trades.map((draft) => {
    const row = byPair.get(`${draft.makerOrderId}:${draft.takerOrderId}`);
    assert(row, "every trade draft was inserted");
    return row;
  });
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
