import { readCliEnv } from "./config";
import type { CliIo } from "./context";
import { describeError } from "./errors";
import { runCli } from "./program";

/** The `bourse` command. Ctrl-C ends streams cleanly (exit 0); a second Ctrl-C forces the exit. */
const controller = new AbortController();
process.once("SIGINT", () => {
  controller.abort();
  process.once("SIGINT", () => process.exit(130));
});

const io: CliIo = {
  out: (text: string) => void process.stdout.write(`${text}\n`),
  err: (text: string) => void process.stderr.write(`${text}\n`),
  signal: controller.signal,
  // Carriage return and erase-line: the progress line is redrawn where it stands.
  ...(process.stderr.isTTY ? { status: (text: string) => void process.stderr.write(`\r\x1b[2K${text}`) } : {}),
};

try {
  process.exitCode = await runCli(process.argv.slice(2), io, readCliEnv());
} catch (error) {
  const { message, exitCode } = describeError(error, "");
  io.err(`Error: ${message}`);
  process.exitCode = exitCode;
}
