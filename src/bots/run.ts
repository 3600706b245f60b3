import { Command, CommanderError, InvalidArgumentError } from "commander";
import { createBourseClient } from "../sdk/client";
import { type BotsEnv, readBotsEnv, splitKeys } from "./config";
import { sdkExchange } from "./exchange";
import { startFleet } from "./fleet";

/**
 * `npm run bots -- [options]`: a market maker and noise takers against any Bourse, one API key
 * per bot. The first key quotes (market maker), every further key takes (noise taker); they must
 * belong to different users, or self-trade prevention cancels their trades. Ctrl-C or
 * --duration-seconds stops them; the maker cancels its orders on the way out.
 */

const positive = (max: number) => (value: string) => {
  if (!/^\d{1,9}$/.test(value) || Number(value) < 1 || Number(value) > max) throw new InvalidArgumentError(`1..${max}`);
  return Number(value);
};

interface Flags {
  url?: string;
  apiKeys?: string;
  markets?: string;
  durationSeconds?: number;
  maker: boolean;
  levels?: number;
  spreadBps?: number;
  intervalMs?: number;
  takerIntervalMs?: number;
}

export async function main(argv: string[], env: BotsEnv, signal: AbortSignal): Promise<number> {
  const program = new Command("bots")
    .description("Run a market maker and noise takers against a Bourse server.")
    .option("--url <url>", "server URL (env BOURSE_URL)", env.url ?? "http://127.0.0.1:3000")
    .option("--api-keys <keys>", "comma-separated keys, first = market maker (env BOURSE_API_KEYS / BOURSE_API_KEY)")
    .option("--markets <symbols>", "comma-separated markets (default: every open market)")
    .option("--duration-seconds <n>", "stop after this long", positive(86_400 * 365))
    .option("--no-maker", "no market maker: every key runs a noise taker")
    .option("--levels <n>", "maker levels per side", positive(50))
    .option("--spread-bps <n>", "maker spread in basis points", positive(5_000))
    .option("--interval-ms <n>", "maker requote interval", positive(3_600_000))
    .option("--taker-interval-ms <n>", "mean time between taker orders", positive(3_600_000))
    .exitOverride();
  try {
    program.parse(argv, { from: "user" });
  } catch (error) {
    // Commander has printed the help or the problem; --help is a success, anything else a usage error.
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 2;
    throw error;
  }
  const flags = program.opts<Flags>();
  const keys = flags.apiKeys ? splitKeys(flags.apiKeys) : env.apiKeys;
  if (keys.length === 0) {
    console.error("No API key: set BOURSE_API_KEYS (or --api-keys); create keys at /keys with the trade scope.");
    return 2;
  }
  const exchangeOf = (apiKey: string) => sdkExchange(createBourseClient({ url: flags.url ?? "", apiKey }));
  const [first, ...rest] = keys.map(exchangeOf);
  const fleet = startFleet({
    maker: flags.maker ? (first ?? null) : null,
    takers: flags.maker ? rest : keys.map(exchangeOf),
    markets: flags.markets ? splitKeys(flags.markets).map((m) => m.toUpperCase()) : [],
    makerConfig: { levels: flags.levels, spreadBps: flags.spreadBps, intervalMs: flags.intervalMs },
    takerConfig: { intervalMs: flags.takerIntervalMs },
    log: (message) => console.log(`${new Date().toISOString()} ${message}`),
  });
  if (flags.maker && rest.length === 0) console.log("One key: market maker only. Add keys of other users for noise takers.");
  const timer = flags.durationSeconds ? setTimeout(() => fleet.stop(), flags.durationSeconds * 1000) : null;
  signal.addEventListener("abort", () => fleet.stop(), { once: true });
  const result = await fleet.done;
  if (timer) clearTimeout(timer);
  for (const failure of result.failures)
    console.error(`bot failed: ${failure instanceof Error ? failure.message : String(failure)}`);
  console.log(JSON.stringify({ makers: result.makers, takers: result.takers }));
  return result.failures.length > 0 ? 1 : 0;
}

// Run directly (tsx src/bots/run.ts), not when imported by tests.
if (process.argv[1]?.endsWith("run.ts")) {
  const controller = new AbortController();
  for (const name of ["SIGINT", "SIGTERM"] as const) process.once(name, () => controller.abort());
  process.exitCode = await main(process.argv.slice(2), readBotsEnv(), controller.signal).catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    return 2;
  });
}
