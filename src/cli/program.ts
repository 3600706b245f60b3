import { Command, CommanderError } from "commander";
import { registerAccountCommands } from "./commands/account";
import { registerBacktestCommands } from "./commands/backtest";
import { registerImportCommands } from "./commands/import-klines";
import { registerMarketCommands } from "./commands/market-data";
import { registerTradingCommands } from "./commands/trading";
import { registerWatchCommand } from "./commands/watch";
import { type CliEnv, DEFAULT_URL } from "./config";
import { type CliIo, type CommandContext, contextOf } from "./context";
import { describeError, EXIT } from "./errors";

export type Runner = (command: Command, work: (context: CommandContext) => Promise<void>) => Promise<void>;

const EPILOG = `
Environment: BOURSE_URL (default ${DEFAULT_URL}), BOURSE_API_KEY. Flags win over the environment.
Exit codes: 0 ok, 1 refused by the server, 2 usage or configuration error, 3 server unreachable or failing.`;

/**
 * Runs one CLI invocation and returns its exit code; never calls process.exit, so tests run it
 * in-process and main.ts decides how to leave.
 */
export async function runCli(argv: readonly string[], io: CliIo, env: CliEnv): Promise<number> {
  let exitCode: number = EXIT.ok;
  let url = env.BOURSE_URL ?? DEFAULT_URL;
  const run: Runner = async (command, work) => {
    try {
      const context = contextOf(command, io, env);
      url = context.connection.url;
      await work(context);
    } catch (error) {
      const { message, exitCode: code } = describeError(error, url);
      io.err(`Error: ${message}`);
      exitCode = code;
    }
  };

  const program = new Command("bourse")
    .description("Bourse from the command line: market data, balances, orders, live streams and backtests.")
    .option("--url <url>", "server URL (env BOURSE_URL)")
    .option("--api-key <key>", "API key (env BOURSE_API_KEY); prefer the environment, flags show up in shell history")
    .option("--json", "print JSON instead of tables (NDJSON for watch)")
    .addHelpText("after", EPILOG)
    .showHelpAfterError()
    .exitOverride()
    .configureOutput({ writeOut: (text) => io.out(text.trimEnd()), writeErr: (text) => io.err(text.trimEnd()) });
  registerMarketCommands(program, run);
  registerAccountCommands(program, run);
  registerTradingCommands(program, run);
  registerWatchCommand(program, run);
  registerBacktestCommands(program, run);
  registerImportCommands(program, run);

  try {
    await program.parseAsync([...argv], { from: "user" });
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help and --version exit with 0; anything else commander refuses is a usage error.
      return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
    }
    throw error;
  }
  return exitCode;
}
