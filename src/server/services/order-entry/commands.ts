import type { ParsedOrder } from "../trading/order-input";
import type { OrderView, PublicTradeView } from "../views";

/** Every command that changes a market's book; each enters that market's queue. */
export type OrderCommand =
  | {
      kind: "place";
      userId: string;
      order: ParsedOrder;
      clientOrderId: string;
      /** The server made the id up (a random UUID): no earlier order can carry it. */
      isGeneratedId?: boolean;
    }
  | { kind: "cancel"; userId: string; orderId: bigint }
  | { kind: "amend"; userId: string; orderId: bigint; quantityText: string }
  /** Cancels up to `limit` of the user's open orders in the market. */
  | { kind: "cancelAll"; userId: string; limit: number };

export interface PlaceResult {
  order: OrderView;
  trades: PublicTradeView[];
  /** True when this was a retry of an order that already existed: nothing new happened. */
  replayed: boolean;
}

export interface CancelAllResult {
  canceled: number;
  /** The user may have more open orders in this market than one command cancels. */
  more: boolean;
}

export interface ResultOf {
  place: PlaceResult;
  cancel: OrderView;
  amend: OrderView;
  cancelAll: CancelAllResult;
}

export type CommandOf<K extends OrderCommand["kind"]> = Extract<OrderCommand, { kind: K }>;
export type AnyResult = ResultOf[keyof ResultOf];
