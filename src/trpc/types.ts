import type { inferRouterInputs, inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "@/server/api/root";

/** What procedures return, as the client sees it: the UI types its props from these, never by hand. */
export type RouterOutputs = inferRouterOutputs<AppRouter>;
export type RouterInputs = inferRouterInputs<AppRouter>;

export type Market = RouterOutputs["market"]["bySymbol"];
export type OrderBookSnapshot = RouterOutputs["market"]["orderBook"];
export type PublicTrade = RouterOutputs["market"]["trades"][number];
export type Order = RouterOutputs["order"]["list"]["items"][number];
export type OwnTrade = RouterOutputs["account"]["trades"]["items"][number];
export type Balance = RouterOutputs["account"]["balances"][number];
export type PlaceOrderInput = RouterInputs["order"]["place"];
