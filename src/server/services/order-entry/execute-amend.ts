import { parseDecimal } from "@/domain/decimal";
import { DomainError } from "@/domain/errors";
import { buyHold } from "@/domain/money";
import { orderView } from "../views";
import { type BatchState, type CommandRecord, isOpenRow } from "./batch-state";
import type { CommandOf } from "./commands";
import { ownLiveOrder } from "./execute-cancel";

/**
 * Reduces an open limit order's quantity. Priority is kept because the order keeps its id, and
 * an order that only shrinks takes nothing from those queued behind it. The hold shrinks too.
 */
export function executeAmend(state: BatchState, command: CommandOf<"amend">): CommandRecord {
  const { market } = state;
  const row = ownLiveOrder(state, command.userId, command.orderId);
  if (!isOpenRow(row) || row.quantity === null || row.price === null) throw new DomainError("ORDER_NOT_OPEN");
  const quantity = parseDecimal(command.quantityText, market.baseScale);
  if (quantity % market.quantityStep !== 0n) throw new DomainError("QUANTITY_NOT_ON_STEP");
  if (quantity >= row.quantity || quantity <= row.filledQuantity) throw new DomainError("AMEND_MUST_REDUCE");
  if (quantity < market.minQuantity) throw new DomainError("QUANTITY_BELOW_MINIMUM");

  const remaining = quantity - row.filledQuantity;
  const keep = row.side === "BUY" ? buyHold(row.price, remaining, market) : remaining;
  const release = row.held - keep;
  if (release < 0n) throw new Error(`order ${row.id} holds less than its remainder needs`);
  const asset = row.side === "BUY" ? market.quoteAsset : market.baseAsset;
  state.balances.add({ userId: row.userId, asset, available: release, held: -release });
  state.change(row, { quantity, held: keep });
  state.touchLevel(row.side, row.price);
  const view = orderView(row, market);
  return { tradeIndexes: [], orders: [{ userId: row.userId, view }], finish: () => view };
}
