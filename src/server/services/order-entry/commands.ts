import type { OcoRequest } from "@/domain/oco";
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
  | {
      kind: "placeOco";
      userId: string;
      oco: OcoRequest;
      /** The limit leg's; the stop leg's is this plus OCO_STOP_SUFFIX. */
      clientOrderId: string;
      isGeneratedId?: boolean;
    }
  | { kind: "cancel"; userId: string; orderId: bigint }
  /** Either or both: a new quantity (the total, fills included) and a new price. */
  | { kind: "amend"; userId: string; orderId: bigint; quantityText?: string; priceText?: string }
  /** Cancels up to `limit` of the user's open orders in the market. */
  | { kind: "cancelAll"; userId: string; limit: number }
  /**
   * Executes fired orders a bounded trigger step left waiting. Sent by the market's own queue after
   * a commit that left some; any command does the same before it runs, so this one only makes sure
   * they do not wait for the next order to arrive.
   */
  | { kind: "trigger" };

export interface PlaceResult {
  order: OrderView;
  trades: PublicTradeView[];
  /** True when this was a retry of an order that already existed: nothing new happened. */
  replayed: boolean;
}

export interface PlaceOcoResult {
  /** The limit leg, then the stop leg. */
  orders: [OrderView, OrderView];
  /** The limit leg's trades when it crossed at once (then the stop leg is canceled). */
  trades: PublicTradeView[];
  replayed: boolean;
}

export interface CancelAllResult {
  canceled: number;
  /** The user may have more open orders in this market than one command cancels. */
  more: boolean;
}

export interface TriggerResult {
  /** Fired orders still waiting after this batch (another trigger command follows). */
  waiting: number;
}

export interface ResultOf {
  place: PlaceResult;
  placeOco: PlaceOcoResult;
  cancel: OrderView;
  amend: OrderView;
  cancelAll: CancelAllResult;
  trigger: TriggerResult;
}

export type CommandOf<K extends OrderCommand["kind"]> = Extract<OrderCommand, { kind: K }>;
export type AnyResult = ResultOf[keyof ResultOf];
