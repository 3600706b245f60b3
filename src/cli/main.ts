import { readCliEnv } from "./config";
import { describeError } from "./errors";
import { runCli } from "./program";

/** The `bourse` command. Ctrl-C ends streams cleanly (exit 0); a second Ctrl-C forces the exit. */
const controller = new AbortController();
process.once("SIGINT", () => {
  controller.abort();
  process.once("SIGINT", () => process.exit(130));
});

const io = {
  out: (text: string) => void process.stdout.write(`${text}\n`),
  err: (text: string) => void process.stderr.write(`${text}\n`),
  signal: controller.signal,
};

try {
  process.exitCode = await runCli(process.argv.slice(2), io, readCliEnv());
} catch (error) {
  const { message, exitCode } = describeError(error, "");
  io.err(`Error: ${message}`);
  process.exitCode = exitCode;
}
