import { type Command, InvalidArgumentError } from "commander";
import { UsageError } from "../errors";
import type { Runner } from "../program";
import { ordersTable } from "./order-table";
import { decimalArg, marketArg, sideArg } from "./parse";
import { type PlaceFlags, parseTrail, toOcoInput, toPlaceInput } from "./place-input";

export { toPlaceInput } from "./place-input";

function choice<T extends string>(values: readonly T[]) {
  return (value: string): T => {
    const found = values.find((v) => v === value.toUpperCase());
    if (!found) throw new InvalidArgumentError(`expected one of ${values.join(", ")}`);
    return found;
  };
}

const trailArg = (value: string) => {
  try {
    return parseTrail(value);
  } catch (error) {
    throw new InvalidArgumentError(error instanceof Error ? error.message : String(error));
  }
};

export function registerTradingCommands(program: Command, run: Runner): void {
  program
    .command("place")
    .description(
      "place an order: a limit order with --price, else at market; --stop, --take-profit or --trail makes it wait for a trigger; --oco places a limit and a stop together",
    )
    .argument("<market>", "e.g. ACME-USD", marketArg)
    .argument("<side>", "buy or sell", sideArg)
    .argument("[quantity]", "base quantity, e.g. 1.5", decimalArg)
    .option("--price <price>", "limit price (for a stop or take-profit: the price it then trades at)", decimalArg)
    .option("--quote-amount <amount>", "buy at market: quote to spend, fees included", decimalArg)
    .option("--tif <tif>", "time in force: GTC | IOC | FOK", choice(["GTC", "IOC", "FOK"] as const))
    .option("--post-only", "refuse instead of taking liquidity")
    .option(
      "--stop <trigger>",
      "a stop: waits until the last trade price reaches this (with --oco: the stop leg's trigger)",
      decimalArg,
    )
    .option("--take-profit <trigger>", "a take-profit: waits until the last trade price reaches this", decimalArg)
    .option("--trail <trail>", "a trailing stop at market: 1.50 (a price), 150bps or 1.5% behind the best price", trailArg)
    .option("--activation <price>", "with --trail: start trailing once the last price reaches this", decimalArg)
    .option("--oco", "one-cancels-the-other: a limit leg at --price and a stop leg at --stop")
    .option("--stop-limit <price>", "with --oco: the stop leg's limit price (required for a buy)", decimalArg)
    .option("--client-order-id <id>", "your idempotency key (generated if omitted; reuse it to retry safely)")
    .option(
      "--stp <mode>",
      "self-trade prevention: EXPIRE_TAKER | EXPIRE_MAKER | EXPIRE_BOTH",
      choice(["EXPIRE_TAKER", "EXPIRE_MAKER", "EXPIRE_BOTH"] as const),
    )
    .action((market: string, side: "BUY" | "SELL", quantity: string | undefined, flags: PlaceFlags, command: Command) =>
      run(command, async ({ client, print }) => {
        const result = flags.oco
          ? await client.order.placeOco.mutate(toOcoInput(market, side, quantity, flags))
          : await client.order.place.mutate(toPlaceInput(market, side, quantity, flags));
        const orders = "orders" in result ? result.orders : [result.order];
        print(result, () => {
          const trades = result.trades.map((t) => `  traded ${t.quantity} at ${t.price}`).join("\n");
          const replayed = result.replayed ? "\n(already placed earlier with this clientOrderId: nothing new happened)" : "";
          return `${ordersTable(orders)}${trades ? `\n${trades}` : ""}${replayed}`;
        });
      }),
    );

  program
    .command("amend")
    .description(
      "amend an open limit order: --quantity down keeps its place in the queue; --price or more --quantity sends it to the back",
    )
    .argument("[orderId]", "the order's id")
    .option("--client-order-id <id>", "amend by your clientOrderId instead")
    .option("--quantity <quantity>", "the new total quantity, fills included", decimalArg)
    .option("--price <price>", "the new limit price", decimalArg)
    .action(
      (orderId: string | undefined, flags: { clientOrderId?: string; quantity?: string; price?: string }, command: Command) =>
        run(command, async ({ client, print }) => {
          if ((orderId === undefined) === (flags.clientOrderId === undefined))
            throw new UsageError("Give an order id or --client-order-id (one of them).");
          if (flags.quantity === undefined && flags.price === undefined)
            throw new UsageError("Give --quantity, --price or both.");
          const ref = orderId !== undefined ? { orderId } : { clientOrderId: flags.clientOrderId ?? "" };
          const order = await client.order.amend.mutate({ ref, quantity: flags.quantity, price: flags.price });
          print(order, () => ordersTable([order]));
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
