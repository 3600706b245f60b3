import type { Command } from "commander";
import type { Runner } from "../program";
import { num, renderTable, text } from "../table";
import { ordersTable } from "./order-table";
import { marketArg, positiveInt } from "./parse";

const isZero = (decimal: string) => /^[0.]+$/.test(decimal);

export function registerAccountCommands(program: Command, run: Runner): void {
  program
    .command("balances")
    .description("your balances: available, held by open orders, total")
    .option("--all", "include assets you hold none of")
    .action((options: { all?: boolean }, command: Command) =>
      run(command, async ({ client, print }) => {
        const balances = (await client.account.balances.query()).filter((b) => options.all || !isZero(b.total));
        print(balances, () =>
          renderTable(
            [text("ASSET"), num("AVAILABLE"), num("HELD"), num("TOTAL")],
            balances.map((b) => [b.asset, b.available, b.held, b.total]),
          ),
        );
      }),
    );

  program
    .command("orders")
    .description("your open orders (or, with --history, closed ones), newest first")
    .option("--market <market>", "only this market", marketArg)
    .option("--history", "closed orders instead of open ones")
    .option("--limit <n>", "how many", positiveInt(500), 50)
    .action((options: { market?: string; history?: boolean; limit: number }, command: Command) =>
      run(command, async ({ client, print }) => {
        const page = await client.order.list.query({
          market: options.market,
          status: options.history ? "history" : "open",
          limit: options.limit,
        });
        print(page, () => ordersTable(page.items) + (page.nextCursor ? "\n(more: raise --limit)" : ""));
      }),
    );
}
