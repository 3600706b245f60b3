import { once } from "node:events";
import { createWriteStream } from "node:fs";

export const YEAR_OF_MINUTES = 525_600;
const MINUTE = 60_000;

const eight = (cents: number) => `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, "0")}000000`;

/**
 * A random walk of one-minute klines on a 0.01 tick, written the way Binance writes its monthly
 * files (no header, ms times): the import's test of a year and its measurement beside order entry.
 */
export async function writeMinuteKlines(
  file: string,
  { rows = YEAR_OF_MINUTES, startMs }: { rows?: number; startMs: number },
): Promise<void> {
  const out = createWriteStream(file);
  let price = 4_228_358;
  let lines: string[] = [];
  for (let i = 0; i < rows; i++) {
    const open = price;
    const close = Math.max(100, open + Math.floor(Math.random() * 1_601) - 800);
    const high = Math.max(open, close) + Math.floor(Math.random() * 300);
    const low = Math.max(1, Math.min(open, close) - Math.floor(Math.random() * 300));
    const at = startMs + i * MINUTE;
    lines.push(
      `${at},${eight(open)},${eight(high)},${eight(low)},${eight(close)},12.34567800,${at + MINUTE - 1},521913.46870000,${1 + (i % 3000)},6.17283900,260956.73435000,0`,
    );
    price = close;
    if (lines.length === 10_000 || i === rows - 1) {
      if (!out.write(`${lines.join("\n")}\n`)) await once(out, "drain");
      lines = [];
    }
  }
  out.end();
  await once(out, "finish");
}
