import { topicHeadSeq } from "../../db/queries/event-log";
import { listMarkets } from "../../db/queries/markets";
import { findOpenOrders } from "../../db/queries/orders";
import { userTopic } from "../trading/book-events";
import { loadBalances } from "./account-data";
import type { ServiceContext } from "../context";
import { cursorOf, openTopicStream, type SnapshotReason, type Streamed, sharedItems } from "../live/live-events";
import { type BalanceView, type OrderView, orderView, type OwnTradeView } from "../views";

/**
 * A user's own streams, on topic user:<id>. Same protocol as the market streams: a snapshot
 * (reason "start" or "reset") unless resuming, then one item per event, each tracked by its seq.
 */

interface UserStreamRequest {
  userId: string;
  lastEventId?: string | null;
  signal?: AbortSignal;
}

/** Open orders in a snapshot; a user with more sees the newest this many. */
const SNAPSHOT_OPEN_ORDERS = 500;
const consistentRead = { isolationLevel: "repeatable read", accessMode: "read only" } as const;

export type OrdersStreamItem =
  | { kind: "snapshot"; reason: SnapshotReason; seq: string; openOrders: OrderView[] }
  | { kind: "order"; seq: string; order: OrderView }
  | { kind: "fill"; seq: string; fill: OwnTradeView };

// Shared per event by every stream of the user on this instance (tabs, bots): one encoding.
const orderItem = sharedItems<OrdersStreamItem>((event) => {
  const seq = event.seq.toString();
  // Payloads are our own outbox shapes (services/views.ts).
  if (event.type === "order") return { kind: "order", seq, order: event.payload as OrderView };
  if (event.type === "fill") return { kind: "fill", seq, fill: event.payload as OwnTradeView };
  return null;
});

/** Order updates and own fills. */
export async function streamOrders(
  ctx: ServiceContext,
  request: UserStreamRequest,
): Promise<AsyncGenerator<Streamed<OrdersStreamItem>>> {
  const topic = userTopic(request.userId);
  return openTopicStream<OrdersStreamItem>(ctx, {
    topic,
    cursor: cursorOf(request.lastEventId),
    signal: request.signal,
    snapshot: (reason) =>
      ctx.db.transaction(async (tx) => {
        const seq = await topicHeadSeq(tx, topic);
        const markets = new Map((await listMarkets(tx)).map((m) => [m.symbol, m]));
        const rows = await findOpenOrders(tx, { userId: request.userId, limit: SNAPSHOT_OPEN_ORDERS });
        const openOrders = rows.flatMap((row) => {
          const market = markets.get(row.market);
          return market ? [orderView(row, market)] : [];
        });
        return { seq, item: { kind: "snapshot", reason, seq: seq.toString(), openOrders } };
      }, consistentRead),
    toItem: orderItem,
  });
}

export type BalancesStreamItem =
  | { kind: "snapshot"; reason: SnapshotReason; seq: string; balances: BalanceView[] }
  | { kind: "balance"; seq: string; balance: BalanceView };

const balanceItem = sharedItems<BalancesStreamItem>((event) =>
  event.type === "balance" ? { kind: "balance", seq: event.seq.toString(), balance: event.payload as BalanceView } : null,
);

export async function streamBalances(
  ctx: ServiceContext,
  request: UserStreamRequest,
): Promise<AsyncGenerator<Streamed<BalancesStreamItem>>> {
  const topic = userTopic(request.userId);
  return openTopicStream<BalancesStreamItem>(ctx, {
    topic,
    cursor: cursorOf(request.lastEventId),
    signal: request.signal,
    snapshot: (reason) =>
      ctx.db.transaction(async (tx) => {
        const seq = await topicHeadSeq(tx, topic);
        // Every asset, zero where none is held, exactly like account.balances.
        const balances = await loadBalances(tx, request.userId);
        return { seq, item: { kind: "snapshot", reason, seq: seq.toString(), balances } };
      }, consistentRead),
    toItem: balanceItem,
  });
}
