import type { Command } from "commander";
import { LocalBook } from "../../sdk/local-book";
import { stream } from "../../sdk/stream";
import type { BookStreamItem, OrdersStreamItem, TradesStreamItem } from "../../sdk/types";
import type { CommandContext } from "../context";
import { UsageError } from "../errors";
import type { Runner } from "../program";
import { shortTime } from "../table";
import { marketArg, positiveInt } from "./parse";

interface WatchFlags {
  depth: number;
  maxEvents?: number;
}

const tradeLine = (t: { time: string; takerSide: string; price: string; quantity: string }) =>
  `${shortTime(t.time)}  ${t.takerSide.padEnd(4)}  ${t.quantity} @ ${t.price}`;

function tradesLines(item: TradesStreamItem): string[] {
  // A snapshot lists the newest first; a tape reads oldest first.
  if (item.kind === "snapshot") return [...item.trades].reverse().map(tradeLine);
  return [tradeLine(item.trade)];
}

function ordersLines(item: OrdersStreamItem): string[] {
  if (item.kind === "snapshot") return [`${item.openOrders.length} open order(s)`];
  if (item.kind === "fill") {
    const f = item.fill;
    return [
      `fill   ${f.orderId}  ${f.market}  ${f.side} ${f.quantity} @ ${f.price}  fee ${f.fee} ${f.feeAsset} (${f.liquidity})`,
    ];
  }
  const o = item.order;
  return [
    `order  ${o.id}  ${o.market}  ${o.side} ${o.type} ${o.quantity ?? o.quoteAmount ?? ""} @ ${o.price ?? "market"}  ${o.status}  filled ${o.filledQuantity}`,
  ];
}

function bookLine(book: LocalBook, depth: number): string {
  const { bids, asks } = book.top(depth);
  const side = (levels: [string, string][]) => levels.map(([p, q]) => `${q} @ ${p}`).join(", ") || "-";
  return `seq ${book.seq}  bids ${side(bids)}  |  asks ${side(asks)}`;
}

/** Prints one stream until Ctrl-C, or until --max-events updates (snapshots not counted). */
async function follow<T extends { kind: string }>(
  context: CommandContext,
  flags: WatchFlags,
  open: (signal: AbortSignal) => AsyncIterable<{ data: T }>,
  render: (item: T) => string[] | "restart",
): Promise<void> {
  const { io, json } = context;
  const controller = new AbortController();
  io.signal.addEventListener("abort", () => controller.abort(), { once: true });
  let updates = 0;
  try {
    while (!controller.signal.aborted) {
      let restart = false;
      for await (const { data } of open(controller.signal)) {
        const lines = render(data);
        if (lines === "restart") {
          restart = true;
          break;
        }
        for (const line of json ? [JSON.stringify(data)] : lines) io.out(line);
        if (data.kind !== "snapshot" && flags.maxEvents !== undefined && ++updates >= flags.maxEvents) return;
      }
      if (!restart) return;
    }
  } finally {
    controller.abort();
  }
}

export function registerWatchCommand(program: Command, run: Runner): void {
  program
    .command("watch")
    .description("follow a live stream: trades <market> | book <market> | orders (your orders and fills)")
    .argument("<stream>", "trades, book or orders")
    .argument("[market]", "for trades and book", marketArg)
    .option("--depth <n>", "book levels shown per side", positiveInt(100), 3)
    .option("--max-events <n>", "exit after this many updates", positiveInt(1_000_000))
    .action((what: string, market: string | undefined, flags: WatchFlags, command: Command) =>
      run(command, async (context) => {
        const { client } = context;
        if (what === "orders") {
          return follow<OrdersStreamItem>(
            context,
            flags,
            (signal) => stream(client.account.onOrders, undefined, { signal }),
            ordersLines,
          );
        }
        if (!market) throw new UsageError(`watch ${what} needs a market, e.g. ACME-USD`);
        if (what === "trades") {
          return follow<TradesStreamItem>(
            context,
            flags,
            (signal) => stream(client.market.onTrades, { market }, { signal }),
            tradesLines,
          );
        }
        if (what === "book") {
          let book = new LocalBook();
          const open = (signal: AbortSignal) => {
            book = new LocalBook();
            return stream(client.market.onBook, { market, depth: Math.max(flags.depth, 20) }, { signal });
          };
          // A gap (a diff that does not follow the seq held) means the local book is wrong: start over.
          return follow<BookStreamItem>(context, flags, open, (item) =>
            book.apply(item) === "gap" ? "restart" : [bookLine(book, flags.depth)],
          );
        }
        throw new UsageError(`Unknown stream "${what}": use trades, book or orders.`);
      }),
    );
}
