import type { OrderRow } from "../../db/queries/orders";
import { FEE_ACCOUNT_ID } from "../../db/system-accounts";
import { DomainError } from "@/domain/errors";
import { validateOrder } from "@/domain/market-rules";
import { matchOrder } from "@/domain/matcher";
import { requiredHold } from "@/domain/money";
import { planSettlement, type SettlementOrder } from "@/domain/settlement";
import type { IncomingOrder, MatchResult } from "@/domain/types";
import { MAX_MAKERS_PER_ORDER, toSettlementOrder } from "./settlement-orders";
import { isSameOrder } from "../trading/order-input";
import { orderView, publicTradeView } from "../views";
import type { CommandOf, PlaceResult } from "./commands";
import { type BatchState, type CommandRecord, userClientKey } from "./batch-state";

/** Most takers trade with one or two makers: read a little first, then four times more each time. */
const FIRST_PAGE = 16;

/**
 * One placement inside a batch, exactly as if it had its own transaction after the commands
 * before it: idempotency, rules, hold, match, settle. Every refusal is thrown before anything in
 * the batch state changes, so a refused command leaves its neighbours as they were.
 */
export async function executePlace(state: BatchState, command: CommandOf<"place">): Promise<CommandRecord> {
  const { market, balances } = state;
  const { order, userId, clientOrderId } = command;
  const existing = state.byClientId.get(userClientKey(userId, clientOrderId));
  if (existing) return replay(state, existing, command);

  validateOrder({ ...order, id: "new" }, market);
  const hold = requiredHold(order, market);
  const holdAsset = order.side === "BUY" ? market.quoteAsset : market.baseAsset;
  if (hold && !balances.canHold(userId, holdAsset, hold.amount)) throw new DomainError("INSUFFICIENT_FUNDS");

  const id = state.peekId();
  const incoming: IncomingOrder = { ...order, id: id.toString() };
  const result = await matchInBatch(state, incoming);
  // A market buy by base quantity: its cost is known only now, and is held exactly.
  const held = hold ? hold.amount : result.fills.reduce((sum, f) => sum + f.quoteQuantity + f.takerFee, 0n);
  if (!hold && held > 0n && !balances.canHold(userId, holdAsset, held)) throw new DomainError("INSUFFICIENT_FUNDS");

  const row: OrderRow = {
    id,
    userId,
    market: market.symbol,
    clientOrderId,
    side: order.side,
    type: order.type,
    timeInForce: order.timeInForce,
    postOnly: order.postOnly,
    selfTradePrevention: order.selfTradePrevention,
    price: order.price,
    quantity: order.quantity,
    quoteAmount: order.quoteAmount,
    filledQuantity: 0n,
    filledQuote: 0n,
    feesPaid: 0n,
    held,
    status: "NEW",
    closeReason: null,
    createdAt: state.now,
    updatedAt: state.now,
  };
  return settle(state, row, result);
}

function replay(state: BatchState, existing: OrderRow, command: CommandOf<"place">): CommandRecord {
  if (!isSameOrder(existing, state.market.symbol, command.order)) throw new DomainError("DUPLICATE_CLIENT_ORDER_ID");
  const view = orderView(existing, state.market);
  return { tradeIndexes: [], orders: [], finish: (): PlaceResult => ({ order: view, trades: [], replayed: true }) };
}

/** The match could have gone further had more of the book been read. */
function wantsMore(result: MatchResult): boolean {
  const { outcome } = result;
  return outcome.kind === "REST" || (outcome.kind === "EXPIRE" && outcome.reason !== "SELF_TRADE_PREVENTION");
}

/**
 * Matches against the batch's view of the book, reading further pages of the stored side only
 * while the outcome could change with them (growing, bounded like the one-order path).
 */
async function matchInBatch(state: BatchState, incoming: IncomingOrder): Promise<MatchResult> {
  const book = state.takerBook(incoming.side);
  const limit = incoming.type === "LIMIT" ? incoming.price : null;
  for (let pageSize = FIRST_PAGE; ; pageSize = Math.min(pageSize * 4, MAX_MAKERS_PER_ORDER)) {
    const result = matchOrder(incoming, book.crossing(limit), state.market);
    if (book.coversLimit(limit) || !wantsMore(result)) return result;
    if (book.storedCount >= MAX_MAKERS_PER_ORDER) {
      // Never let a remainder rest while crossing orders we did not read remain on the book.
      return result.outcome.kind === "REST" ? { ...result, outcome: { kind: "EXPIRE", reason: "MATCH_LIMIT_REACHED" } } : result;
    }
    await state.loadPage(book.side, limit, pageSize);
  }
}

function settle(state: BatchState, row: OrderRow, result: MatchResult): CommandRecord {
  const { market, balances } = state;
  const makers = new Map<string, SettlementOrder>();
  for (const makerId of [...result.fills.map((f) => f.makerOrderId), ...result.expiredMakerIds]) {
    const maker = state.orders.get(BigInt(makerId));
    if (!maker) throw new Error(`maker ${makerId} was matched but never read`);
    makers.set(makerId, toSettlementOrder(maker));
  }
  const plan = planSettlement({
    taker: { ...toSettlementOrder(row), timeInForce: row.timeInForce },
    makers,
    result,
    rules: market,
    baseAsset: market.baseAsset,
    quoteAsset: market.quoteAsset,
    feeAccountId: FEE_ACCOUNT_ID,
  });

  const holdAsset = row.side === "BUY" ? market.quoteAsset : market.baseAsset;
  if (row.held > 0n) balances.hold(row.userId, holdAsset, row.held);
  for (const delta of plan.balanceDeltas) balances.add(delta);
  const { id: _id, userId: _user, ...takerState } = plan.takerUpdate;
  Object.assign(row, takerState);
  state.create(row);
  const makerRows = plan.makerUpdates.map((update) => state.applyUpdate(update));
  const tradeIndexes = plan.trades.map((draft, i) => state.addTrade(draft, plan.journals[i] ?? []));

  for (const maker of makerRows) state.touchLevel(maker.side, maker.price);
  if (row.status !== "REJECTED") state.touchLevel(row.side, row.price);
  const orders = [row, ...makerRows].map((r) => ({ userId: r.userId, view: orderView(r, market) }));
  const takerView = orders[0]?.view ?? orderView(row, market);
  return {
    tradeIndexes,
    orders,
    finish: (trades): PlaceResult => ({
      order: takerView,
      trades: tradeIndexes.map((i) => trades[i]).flatMap((t) => (t ? [publicTradeView(t, market)] : [])),
      replayed: false,
    }),
  };
}
