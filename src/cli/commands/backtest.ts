import type { Command } from "commander";
import { createBourseClient } from "../../sdk/client";
import { stream } from "../../sdk/stream";
import type { BacktestObjective, BacktestRequest, BacktestSource, StrategyName, SweepRequest } from "../../sdk/types";
import type { CommandContext } from "../context";
import type { Runner } from "../program";
import { createProgress, progressBar } from "../progress";
import { renderBacktest, renderSweep, renderWalkForward } from "./backtest-output";
import {
  bpsArg,
  choiceArg,
  choicesOf,
  decimalArg,
  fractionArg,
  gridArg,
  INTERVALS,
  type Interval,
  intervalArg,
  marketArg,
  paramArg,
  timeArg,
} from "./parse";

/** A backtest may compute for 20 s on the server, after waiting for a worker: longer than a plain call. */
const BACKTEST_REQUEST_TIMEOUT_MS = 60_000;
const STRATEGIES = choicesOf<StrategyName>({
  "sma-cross": true,
  "ema-cross": true,
  "rsi-reversion": true,
  "donchian-breakout": true,
  sentiment: true,
});
const SOURCES = choicesOf<BacktestSource>({ trades: true, imported: true });
const OBJECTIVES = choicesOf<BacktestObjective>({
  sharpe: true,
  sortino: true,
  totalReturn: true,
  cagr: true,
  profitFactor: true,
});

interface RunFlags {
  market: string;
  interval: Interval;
  strategy: StrategyName;
  from: number;
  to: number;
  param: Record<string, number>;
  source: BacktestSource;
  cash: string;
  slippageBps?: number;
}

interface SweepFlags extends RunFlags {
  grid: Record<string, number[]>;
  objective?: BacktestObjective;
}

interface WalkForwardFlags extends SweepFlags {
  inSample?: number;
}

/** The options every backtest command takes. */
function withRunOptions(command: Command): Command {
  return command
    .requiredOption("--market <market>", "e.g. BTC-USD", marketArg)
    .option("--interval <interval>", INTERVALS.join(" | "), intervalArg, "1h")
    .requiredOption("--strategy <name>", STRATEGIES.join(" | "), choiceArg(STRATEGIES))
    .requiredOption("--from <time>", "first candle: epoch ms or an ISO date", timeArg)
    .requiredOption("--to <time>", "last candle: epoch ms or an ISO date", timeArg)
    .option("--param <name=value>", "a strategy parameter over its default (repeatable)", paramArg, {})
    .option("--source <source>", "trades (the market's own) | imported (imported history)", choiceArg(SOURCES), "trades")
    .option("--cash <amount>", "starting cash in the quote asset", decimalArg, "10000")
    .option("--slippage-bps <bps>", "fill price moved against you from the open (default 5)", bpsArg(1_000));
}

function requestOf(flags: RunFlags): BacktestRequest {
  return {
    market: flags.market,
    interval: flags.interval,
    strategy: flags.strategy,
    startTime: flags.from,
    endTime: flags.to,
    params: flags.param,
    source: flags.source,
    initialCash: flags.cash,
    slippageBps: flags.slippageBps,
  };
}

/** The context's connection, with a client whose requests may take as long as a backtest does. */
function backtestClient(context: CommandContext) {
  const { url, apiKey } = context.connection;
  return createBourseClient({ url, apiKey, timeoutMs: BACKTEST_REQUEST_TIMEOUT_MS });
}

async function runOne(context: CommandContext, flags: RunFlags): Promise<void> {
  const result = await backtestClient(context).backtest.run.mutate(requestOf(flags));
  context.print(result, () => renderBacktest(result));
}

async function runSweep(context: CommandContext, flags: SweepFlags): Promise<void> {
  const { io } = context;
  const input: SweepRequest = { ...requestOf(flags), grid: flags.grid, objective: flags.objective };
  let progress: ReturnType<typeof createProgress> | null = null;
  try {
    for await (const event of stream(backtestClient(context).backtest.sweep, input, { signal: io.signal })) {
      if (event.kind === "progress") {
        progress ??= createProgress(io, "sweep", event.total, undefined, ({ done, total, elapsedMs }) => {
          const perSecond = elapsedMs > 0 ? ((done * 1000) / elapsedMs).toFixed(1) : "-";
          return `${progressBar(done, total)}  ${done}/${total} combinations  ${perSecond}/s`;
        });
        progress.update(event.done, event.done);
      } else {
        progress?.end();
        progress = null;
        const { result } = event;
        context.print(result, () => renderSweep(result));
        return;
      }
    }
  } finally {
    progress?.end();
  }
}

async function runWalkForward(context: CommandContext, flags: WalkForwardFlags): Promise<void> {
  const input = { ...requestOf(flags), grid: flags.grid, objective: flags.objective, inSampleFraction: flags.inSample };
  const result = await backtestClient(context).backtest.walkForward.mutate(input);
  context.print(result, () => renderWalkForward(result));
}

const HELP = `
Runs on the server (it needs an API key with the read scope): the market's own trades' candles,
or with --source imported the history imported by \`bourse import klines\`. Fills use the market's
tick, step, minimums and taker fee; see docs/backtesting.md. --json prints the whole answer.
Examples:
  bourse backtest --market BTC-USD --interval 1h --strategy sma-cross --from 2024-01-01 --to 2024-03-31 --param fast=10 --param slow=30 --source imported
  bourse backtest sweep --market BTC-USD --strategy sma-cross --from 2024-01-01 --to 2024-03-31 --grid fast=5,10,20 --grid slow=30,50
  bourse backtest walk-forward --market BTC-USD --strategy rsi-reversion --from 2024-01-01 --to 2024-06-30 --grid period=7,14 --in-sample 0.7`;

export function registerBacktestCommands(program: Command, run: Runner): void {
  const backtest = program
    .command("backtest")
    .description("test a strategy on a market's history: one run, a parameter sweep, or a walk-forward")
    .addHelpText("after", HELP);
  withRunOptions(
    backtest.command("run", { isDefault: true }).description("one backtest, beside buy-and-hold (the default)"),
  ).action((flags: RunFlags, command: Command) => run(command, (context) => runOne(context, flags)));
  withRunOptions(backtest.command("sweep").description("every combination of --grid values, ranked, with a progress bar"))
    .requiredOption("--grid <name=v1,v2>", "values to try for a parameter (repeatable)", gridArg, {})
    .option("--objective <name>", `${OBJECTIVES.join(" | ")} (default sharpe)`, choiceArg(OBJECTIVES))
    .action((flags: SweepFlags, command: Command) => run(command, (context) => runSweep(context, flags)));
  withRunOptions(backtest.command("walk-forward").description("best --grid parameters in-sample, then run out-of-sample"))
    .requiredOption("--grid <name=v1,v2>", "values to try for a parameter (repeatable)", gridArg, {})
    .option("--objective <name>", `${OBJECTIVES.join(" | ")} (default sharpe)`, choiceArg(OBJECTIVES))
    .option("--in-sample <fraction>", "share of the candles in-sample, 0.5 … 0.9 (default 0.7)", fractionArg)
    .action((flags: WalkForwardFlags, command: Command) => run(command, (context) => runWalkForward(context, flags)));
}
