import { CONSISTENT_READ } from "../../db/transaction";
import { topicHeadSeq } from "../../db/queries/event-log";
import { listMarkets } from "../../db/queries/markets";
import { findOpenOrders } from "../../db/queries/orders";
import { userTopic } from "../trading/book-events";
import { loadBalances } from "./account-data";
import type { ServiceContext } from "../context";
import {
  cursorOf,
  openTopicStream,
  type SnapshotReason,
  type Streamed,
  sharedItems,
  type TopicStreamOptions,
} from "@/server/live";
import type { DbOrTx } from "../../db/types";
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
  return openUserStream(ctx, request, orderItem, async (tx, reason, seq) => {
    const markets = new Map((await listMarkets(tx)).map((m) => [m.symbol, m]));
    const rows = await findOpenOrders(tx, { userId: request.userId, limit: SNAPSHOT_OPEN_ORDERS });
    const openOrders = rows.flatMap((row) => {
      const market = markets.get(row.market);
      return market ? [orderView(row, market)] : [];
    });
    return { kind: "snapshot", reason, seq: seq.toString(), openOrders };
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
  // Every asset, zero where none is held, exactly like account.balances.
  return openUserStream(ctx, request, balanceItem, async (tx, reason, seq) => ({
    kind: "snapshot",
    reason,
    seq: seq.toString(),
    balances: await loadBalances(tx, request.userId),
  }));
}

/**
 * One of the user's streams on their topic: the snapshot is read in one consistent transaction
 * with the topic's head seq, so the events after it are exactly the ones it does not include.
 */
function openUserStream<T>(
  ctx: ServiceContext,
  request: UserStreamRequest,
  toItem: TopicStreamOptions<T>["toItem"],
  readSnapshot: (tx: DbOrTx, reason: SnapshotReason, seq: bigint) => Promise<T>,
): AsyncGenerator<Streamed<T>> {
  const topic = userTopic(request.userId);
  return openTopicStream<T>(ctx, {
    topic,
    cursor: cursorOf(request.lastEventId),
    signal: request.signal,
    snapshot: (reason) =>
      ctx.db.transaction(async (tx) => {
        const seq = await topicHeadSeq(tx, topic);
        return { seq, item: await readSnapshot(tx, reason, seq) };
      }, CONSISTENT_READ),
    toItem,
  });
}
