import { randomUUID } from "node:crypto";
import { applyBalanceDeltas, type BalanceRow, holdFunds } from "../db/queries/balances";
import { appendEvents, type EventDraft } from "../db/queries/events";
import { postJournals } from "../db/queries/ledger";
import { recordTradeMinutes } from "../db/queries/market-minutes";
import { findMarket, lockMarket, type MarketRow } from "../db/queries/markets";
import { applyOrderUpdate, findOrderByClientId, insertOrder, type OrderRow } from "../db/queries/orders";
import { insertTrades } from "../db/queries/trades";
import { isUniqueViolation } from "../db/queries/sql-values";
import { FEE_ACCOUNT_ID } from "../db/system-accounts";
import { inTransaction } from "../db/transaction";
import type { Tx } from "../db/types";
import { DomainError } from "../domain/errors";
import { validateOrder } from "../domain/market-rules";
import { requiredHold } from "../domain/money";
import { planSettlement, type SettlementOrder } from "../domain/settlement";
import type { IncomingOrder } from "../domain/types";
import { afterCommit } from "./after-commit";
import { balanceEvents, bookLevelEvent, marketTopic, orderEvents, userTopic } from "./book-events";
import { cacheKeys } from "./cache-keys";
import type { ServiceContext } from "./context";
import { findMatch, toSettlementOrder } from "./match-book";
import { tickerEvent } from "./ticker";
import { isSameOrder, type ParsedOrder, parseOrderRequest, type PlaceOrderRequest } from "./order-input";
import { type OrderView, orderView, ownTradeView, type PublicTradeView, publicTradeView } from "./views";

export interface PlaceOrderResult {
  order: OrderView;
  trades: PublicTradeView[];
  /** True when this was a retry of an order that already existed: nothing new happened. */
  replayed: boolean;
}

/**
 * Places one order: validate, hold, match, settle, record events — one transaction, so the order,
 * its fills, balance moves, ledger entries and events commit together or not at all.
 */
export async function placeOrder(ctx: ServiceContext, request: PlaceOrderRequest): Promise<PlaceOrderResult> {
  const market = await findMarket(ctx.db, request.market);
  if (!market) throw new DomainError("MARKET_NOT_FOUND");
  const parsed = parseOrderRequest(request, market);
  const clientOrderId = request.clientOrderId ?? randomUUID();
  try {
    const outcome = await inTransaction(ctx.db, (tx) => placeInTransaction(tx, market.symbol, parsed, clientOrderId));
    if (!outcome.replayed) {
      await afterCommit(ctx, {
        events: outcome.events,
        seq: outcome.seq,
        cacheKeys: cacheKeys.afterBookChange(market.symbol, outcome.trades.length > 0),
      });
    }
    return { order: outcome.order, trades: outcome.trades, replayed: outcome.replayed };
  } catch (error) {
    // Two copies raced past the check in different markets' locks: the unique index decided.
    if (isUniqueViolation(error, "orders_user_client_order_id")) {
      return replayExisting(ctx, market, parsed, clientOrderId);
    }
    throw error;
  }
}

async function replayExisting(
  ctx: ServiceContext,
  market: MarketRow,
  parsed: ParsedOrder,
  clientOrderId: string,
): Promise<PlaceOrderResult> {
  const existing = await findOrderByClientId(ctx.db, parsed.userId, clientOrderId);
  if (!existing) throw new Error("unique violation on clientOrderId but no order found");
  return { order: replayOrThrow(existing, market, parsed), trades: [], replayed: true };
}

function replayOrThrow(existing: OrderRow, market: MarketRow, parsed: ParsedOrder): OrderView {
  if (!isSameOrder(existing, market.symbol, parsed)) throw new DomainError("DUPLICATE_CLIENT_ORDER_ID");
  return orderView(existing, market);
}

interface TransactionOutcome {
  order: OrderView;
  trades: PublicTradeView[];
  replayed: boolean;
  events: EventDraft[];
  seq: bigint | null;
}

async function placeInTransaction(
  tx: Tx,
  symbol: string,
  parsed: ParsedOrder,
  clientOrderId: string,
): Promise<TransactionOutcome> {
  const market = await lockMarket(tx, symbol);
  if (!market) throw new DomainError("MARKET_NOT_FOUND");
  const existing = await findOrderByClientId(tx, parsed.userId, clientOrderId);
  if (existing) return { order: replayOrThrow(existing, market, parsed), trades: [], replayed: true, events: [], seq: null };

  validateOrder({ ...parsed, id: "new" }, market);
  const balanceRows: BalanceRow[] = [];
  const hold = requiredHold(parsed, market);
  const holdAsset = parsed.side === "BUY" ? market.quoteAsset : market.baseAsset;
  if (hold) balanceRows.push(await holdOrFail(tx, parsed.userId, holdAsset, hold.amount));

  const row = await insertOrder(tx, {
    userId: parsed.userId,
    market: market.symbol,
    clientOrderId,
    side: parsed.side,
    type: parsed.type,
    timeInForce: parsed.timeInForce,
    postOnly: parsed.postOnly,
    selfTradePrevention: parsed.selfTradePrevention,
    price: parsed.price,
    quantity: parsed.quantity,
    quoteAmount: parsed.quoteAmount,
    held: hold?.amount ?? 0n,
    status: "NEW",
  });
  const incoming: IncomingOrder = { ...parsed, id: row.id.toString() };
  const { result, makers } = await findMatch(tx, market, incoming);

  let taker: SettlementOrder = toSettlementOrder(row);
  if (!hold) {
    // A market buy by base quantity: its cost is known only now, and is held exactly.
    const cost = result.fills.reduce((sum, f) => sum + f.quoteQuantity + f.takerFee, 0n);
    if (cost > 0n) balanceRows.push(await holdOrFail(tx, parsed.userId, holdAsset, cost));
    taker = { ...taker, held: cost };
  }

  const plan = planSettlement({
    taker: { ...taker, timeInForce: parsed.timeInForce },
    makers,
    result,
    rules: market,
    baseAsset: market.baseAsset,
    quoteAsset: market.quoteAsset,
    feeAccountId: FEE_ACCOUNT_ID,
  });

  const trades = await insertTrades(tx, market.symbol, plan.trades);
  const [firstTrade, lastTrade] = [trades[0], trades.at(-1)];
  if (firstTrade && lastTrade)
    await recordTradeMinutes(tx, { market: market.symbol, firstId: firstTrade.id, lastId: lastTrade.id });
  await postJournals(
    tx,
    plan.journals.map((entries, i) => ({ kind: "TRADE" as const, reference: trades[i]?.id.toString() ?? null, entries })),
  );
  balanceRows.push(...(await applyBalanceDeltas(tx, plan.balanceDeltas)));
  const makerRows: OrderRow[] = [];
  for (const update of plan.makerUpdates) makerRows.push(await applyOrderUpdate(tx, update));
  const takerRow = await applyOrderUpdate(tx, plan.takerUpdate);

  const touched = makerRows.map((m) => ({ side: m.side, price: m.price ?? 0n }));
  if (takerRow.price !== null && plan.takerUpdate.status !== "REJECTED")
    touched.push({ side: takerRow.side, price: takerRow.price });
  const bookEvent = await bookLevelEvent(tx, market, touched);
  const scaleOf = (asset: string) => (asset === market.baseAsset ? market.baseScale : market.quoteScale);
  const events: EventDraft[] = [
    ...trades.map((t) => ({ topic: marketTopic(market.symbol), type: "trade", payload: publicTradeView(t, market) })),
    ...(bookEvent ? [bookEvent] : []),
    // After the trades are written, so the 24h figures include them.
    ...(trades.length > 0 ? [await tickerEvent(tx, market)] : []),
    ...orderEvents([takerRow, ...makerRows], market),
    ...trades.flatMap((t) => [
      { topic: userTopic(t.takerUserId), type: "fill", payload: ownTradeView(t, market, t.takerUserId) },
      { topic: userTopic(t.makerUserId), type: "fill", payload: ownTradeView(t, market, t.makerUserId) },
    ]),
    ...balanceEvents(balanceRows, scaleOf),
  ];
  const seq = await appendEvents(tx, events);
  return {
    order: orderView(takerRow, market),
    trades: trades.map((t) => publicTradeView(t, market)),
    replayed: false,
    events,
    seq,
  };
}

async function holdOrFail(tx: Tx, userId: string, asset: string, amount: bigint): Promise<BalanceRow> {
  const row = await holdFunds(tx, userId, asset, amount);
  if (!row) throw new DomainError("INSUFFICIENT_FUNDS");
  return row;
}
