import { type Command, InvalidArgumentError } from "commander";
import type { PlaceOrderInput } from "../../sdk/types";
import { UsageError } from "../errors";
import type { Runner } from "../program";
import { ordersTable } from "./order-table";
import { decimalArg, marketArg, sideArg } from "./parse";

interface PlaceFlags {
  price?: string;
  quoteAmount?: string;
  tif?: "GTC" | "IOC" | "FOK";
  postOnly?: boolean;
  clientOrderId?: string;
  stp?: "EXPIRE_TAKER" | "EXPIRE_MAKER" | "EXPIRE_BOTH";
}

function choice<T extends string>(values: readonly T[]) {
  return (value: string): T => {
    const found = values.find((v) => v === value.toUpperCase());
    if (!found) throw new InvalidArgumentError(`expected one of ${values.join(", ")}`);
    return found;
  };
}

/** A price makes a limit order; without one it is a market order (by quantity, or by --quote-amount for buys). */
export function toPlaceInput(
  market: string,
  side: "BUY" | "SELL",
  quantity: string | undefined,
  flags: PlaceFlags,
): PlaceOrderInput {
  if (quantity === undefined && flags.quoteAmount === undefined)
    throw new UsageError("Give a quantity (or --quote-amount for a market buy).");
  return {
    market,
    side,
    type: flags.price === undefined ? "MARKET" : "LIMIT",
    price: flags.price,
    quantity,
    quoteAmount: flags.quoteAmount,
    timeInForce: flags.tif,
    postOnly: flags.postOnly,
    clientOrderId: flags.clientOrderId,
    selfTradePrevention: flags.stp,
  };
}

export function registerTradingCommands(program: Command, run: Runner): void {
  program
    .command("place")
    .description("place an order: a limit order with --price, else a market order")
    .argument("<market>", "e.g. ACME-USD", marketArg)
    .argument("<side>", "buy or sell", sideArg)
    .argument("[quantity]", "base quantity, e.g. 1.5", decimalArg)
    .option("--price <price>", "limit price", decimalArg)
    .option("--quote-amount <amount>", "market buy: quote to spend, fees included", decimalArg)
    .option("--tif <tif>", "time in force: GTC | IOC | FOK", choice(["GTC", "IOC", "FOK"] as const))
    .option("--post-only", "refuse instead of taking liquidity")
    .option("--client-order-id <id>", "your idempotency key (generated if omitted; reuse it to retry safely)")
    .option(
      "--stp <mode>",
      "self-trade prevention: EXPIRE_TAKER | EXPIRE_MAKER | EXPIRE_BOTH",
      choice(["EXPIRE_TAKER", "EXPIRE_MAKER", "EXPIRE_BOTH"] as const),
    )
    .action((market: string, side: "BUY" | "SELL", quantity: string | undefined, flags: PlaceFlags, command: Command) =>
      run(command, async ({ client, print }) => {
        const result = await client.order.place.mutate(toPlaceInput(market, side, quantity, flags));
        print(result, () => {
          const trades = result.trades.map((t) => `  traded ${t.quantity} at ${t.price}`).join("\n");
          const replayed = result.replayed ? "\n(already placed earlier with this clientOrderId: nothing new happened)" : "";
          return `${ordersTable([result.order])}${trades ? `\n${trades}` : ""}${replayed}`;
        });
      }),
    );

  program
    .command("cancel")
    .description("cancel one order, by id or by --client-order-id")
    .argument("[orderId]", "the order's id")
    .option("--client-order-id <id>", "cancel by your clientOrderId instead")
    .action((orderId: string | undefined, flags: { clientOrderId?: string }, command: Command) =>
      run(command, async ({ client, print }) => {
        if ((orderId === undefined) === (flags.clientOrderId === undefined))
          throw new UsageError("Give an order id or --client-order-id (one of them).");
        const ref = orderId !== undefined ? { orderId } : { clientOrderId: flags.clientOrderId ?? "" };
        const order = await client.order.cancel.mutate(ref);
        print(order, () => ordersTable([order]));
      }),
    );

  program
    .command("cancel-all")
    .description("cancel all your open orders, in one market or everywhere")
    .option("--market <market>", "only this market", marketArg)
    .action((flags: { market?: string }, command: Command) =>
      run(command, async ({ client, print }) => {
        const result = await client.order.cancelAll.mutate({ market: flags.market });
        print(result, () => `Canceled ${result.canceled} order${result.canceled === 1 ? "" : "s"}.`);
      }),
    );
}
