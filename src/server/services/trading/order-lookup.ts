import { findOrderByClientId, findOwnOrder, type OrderRow } from "../../db/queries/orders";
import type { DbOrTx } from "../../db/types";
import { DomainError } from "@/domain/errors";

/** An order named by its id or by the client's id; always the caller's own. */
export type OrderRef = { orderId: string } | { clientOrderId: string };

export async function findOwnOrderByRef(tx: DbOrTx, userId: string, ref: OrderRef): Promise<OrderRow> {
  const row =
    "orderId" in ref
      ? await findOwnOrder(tx, userId, parseOrderId(ref.orderId))
      : await findOrderByClientId(tx, userId, ref.clientOrderId);
  if (!row) throw new DomainError("ORDER_NOT_FOUND");
  return row;
}

export function parseOrderId(text: string): bigint {
  // Ids are positive int8; anything else cannot name an order.
  if (!/^[1-9][0-9]{0,18}$/.test(text)) throw new DomainError("ORDER_NOT_FOUND");
  const id = BigInt(text);
  if (id > 9_223_372_036_854_775_807n) throw new DomainError("ORDER_NOT_FOUND");
  return id;
}
