import type { Command } from "commander";
import type { Runner } from "../program";
import { num, renderTable, shortTime, text } from "../table";
import { INTERVALS, type Interval, intervalArg, marketArg, positiveInt, timeArg } from "./parse";

export function registerMarketCommands(program: Command, run: Runner): void {
  program
    .command("markets")
    .description("every market with its rules and 24h figures")
    .action((_options, command: Command) =>
      run(command, async ({ client, print }) => {
        const markets = await client.market.list.query();
        print(markets, () =>
          renderTable(
            [
              text("MARKET"),
              text("STATUS"),
              num("LAST"),
              num("24H %"),
              num("VOLUME"),
              num("TICK"),
              num("STEP"),
              num("MIN QTY"),
              num("FEES M/T BPS"),
            ],
            markets.map((m) => [
              m.symbol,
              m.status,
              m.ticker.last ?? "-",
              m.ticker.changePercent ?? "-",
              m.ticker.baseVolume,
              m.priceTick,
              m.quantityStep,
              m.minQuantity,
              `${m.makerFeeBps}/${m.takerFeeBps}`,
            ]),
          ),
        );
      }),
    );

  program
    .command("book")
    .description("the order book: asks above, bids below")
    .argument("<market>", "e.g. ACME-USD", marketArg)
    .option("--depth <n>", "levels per side", positiveInt(500), 10)
    .action((market: string, options: { depth: number }, command: Command) =>
      run(command, async ({ client, print }) => {
        const book = await client.market.orderBook.query({ market, depth: options.depth });
        print(book, () => {
          const rows = [
            ...[...book.asks].reverse().map(([price, qty]) => ["ask", price, qty]),
            ...book.bids.map(([price, qty]) => ["bid", price, qty]),
          ];
          return `${book.market}  seq ${book.seq}\n${renderTable([text("SIDE"), num("PRICE"), num("QUANTITY")], rows)}`;
        });
      }),
    );

  program
    .command("trades")
    .description("recent trades, newest first")
    .argument("<market>", "e.g. ACME-USD", marketArg)
    .option("--limit <n>", "how many", positiveInt(1000), 20)
    .action((market: string, options: { limit: number }, command: Command) =>
      run(command, async ({ client, print }) => {
        const trades = await client.market.trades.query({ market, limit: options.limit });
        print(trades, () =>
          renderTable(
            [text("TIME (UTC)"), text("TAKER"), num("PRICE"), num("QUANTITY"), num("ID")],
            trades.map((t) => [shortTime(t.time), t.takerSide, t.price, t.quantity, t.id]),
          ),
        );
      }),
    );

  program
    .command("candles")
    .description("candles (klines) keyed by open time")
    .argument("<market>", "e.g. ACME-USD", marketArg)
    .option("--interval <interval>", INTERVALS.join(" | "), intervalArg, "1h")
    .option("--limit <n>", "how many", positiveInt(1000), 24)
    .option("--start <time>", "from this time forward (epoch ms or ISO)", timeArg)
    .option("--end <time>", "up to this time (epoch ms or ISO)", timeArg)
    .action((market: string, options: { interval: Interval; limit: number; start?: number; end?: number }, command: Command) =>
      run(command, async ({ client, print }) => {
        const { interval, limit, start: startTime, end: endTime } = options;
        const candles = await client.market.candles.query({ market, interval, limit, startTime, endTime });
        print(candles, () =>
          renderTable(
            [text("OPEN TIME (UTC)"), num("OPEN"), num("HIGH"), num("LOW"), num("CLOSE"), num("VOLUME"), num("TRADES")],
            candles.map((c) => [
              shortTime(new Date(c.openTime).toISOString()),
              c.open,
              c.high,
              c.low,
              c.close,
              c.baseVolume,
              String(c.tradeCount),
            ]),
          ),
        );
      }),
    );
}
