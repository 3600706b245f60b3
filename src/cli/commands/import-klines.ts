import { constants } from "node:fs";
import { access } from "node:fs/promises";
import type { Command } from "commander";
import { defaultSourceLabel } from "../../domain/klines/source-label";
import type { ImportReport } from "../../server/services/research/import-klines";
import type { CommandContext } from "../context";
import { RefusedError, UsageError } from "../errors";
import type { Runner } from "../program";
import { createProgress, rowsPerSecond } from "../progress";
import { type Interval, intervalArg, marketArg } from "./parse";

interface ImportFlags {
  market: string;
  interval: Interval;
  skipBad?: boolean;
  round?: boolean;
  source?: string;
}

/** Bad rows printed per file; --json has the report's full list (up to its own bound). */
const PRINTED_BAD_ROWS = 20;

const HELP = `
This is an operator command: unlike the others it does not call a server, it opens the server's
database itself (DATABASE_URL, or the embedded PGlite in PGLITE_DIR), from the server's checkout.
With the embedded database, stop the server first: PGlite allows one process per data folder.
Each file is one transaction: by default a single bad row refuses the whole file and nothing of
it is written. Rows already stored (same market, interval and open time) are left unchanged.
See docs/research.md for the formats and the validation and rounding rules.`;

export function registerImportCommands(program: Command, run: Runner): void {
  program
    .command("import")
    .description("operator imports into the database (see `bourse import klines --help`)")
    .command("klines")
    .description("import Binance kline files (.csv, .zip of one .csv, or the REST endpoint's .json) as a market's history")
    .argument("<files...>", "kline files, imported one after another")
    .requiredOption("--market <market>", "the Bourse market, e.g. BTC-USD", marketArg)
    .requiredOption("--interval <interval>", "the files' interval: 1m | 5m | 15m | 1h | 4h | 1d", intervalArg)
    .option("--skip-bad", "write the valid rows and list the bad ones (default: a bad row refuses the file)")
    .option("--round", "round off-tick prices half-up to the nearest tick (default: refuse them)")
    .option(
      "--source <label>",
      "label stored with the rows (default: binance:SYMBOL for Binance's file names, else the file name)",
    )
    .addHelpText("after", HELP)
    .action((files: string[], flags: ImportFlags, command: Command) =>
      run(command, (context) => importFiles(context, files, flags)),
    );
}

/** Every file must be there before the first is imported, so a typo does not stop a run halfway. */
async function checkReadable(files: readonly string[]): Promise<void> {
  const missing: string[] = [];
  for (const file of files) await access(file, constants.R_OK).catch(() => missing.push(file));
  if (missing.length > 0) throw new UsageError(`cannot read ${missing.join(", ")}`);
}

async function importFiles(context: CommandContext, files: readonly string[], flags: ImportFlags): Promise<void> {
  await checkReadable(files);
  // Loaded only here, so that every other command stays a plain API client that never reads the server's environment.
  const { openDatabase } = await import("../../server/db");
  const { importKlines } = await import("../../server/services/research/import-klines");
  const { openKlineFile } = await import("../../server/files/kline-files");
  const { KlineFileError } = await import("../../domain/klines/issues");
  const { io } = context;
  const database = await openDatabase((error) => io.err(`database: ${error.message}`));
  const reports: (ImportReport | { fileName: string; status: "refused"; fileIssue: { code: string; message: string } })[] = [];
  try {
    for (const path of files) {
      let file: Awaited<ReturnType<typeof openKlineFile>>;
      try {
        file = await openKlineFile(path);
      } catch (error) {
        if (!(error instanceof KlineFileError)) throw error;
        reports.push({ fileName: path, status: "refused", fileIssue: { code: error.code, message: error.message } });
        if (!context.json) io.out(`${path}: refused, nothing written: ${error.message} (${error.code})`);
        continue;
      }
      const label = file.entry ? `${file.name} (${file.entry})` : file.name;
      const progress = createProgress(io, label, file.totalBytes);
      try {
        const report = await importKlines(database.db, file.chunks, {
          market: flags.market,
          interval: flags.interval,
          fileName: label,
          // The archived file names the data (Binance's zip and CSV names agree; a renamed zip does not).
          source: flags.source ?? defaultSourceLabel(file.entry ?? file.name),
          skipBad: flags.skipBad === true,
          priceRounding: flags.round ? "nearest-tick" : "reject",
          onProgress: ({ bytesRead, rows }) => progress.update(bytesRead, rows),
          signal: io.signal,
        });
        progress.end();
        reports.push(report);
        if (!context.json) io.out(describeReport(report));
      } catch (error) {
        progress.end();
        if (io.signal.aborted)
          throw new RefusedError(`Interrupted: nothing of ${label} was written (files before it were imported).`);
        throw error;
      } finally {
        file.close();
      }
    }
  } finally {
    await database.close();
  }
  if (context.json) io.out(JSON.stringify(reports, null, 2));
  const refused = reports.filter((r) => r.status === "refused").length;
  if (refused > 0) throw new RefusedError(`${refused} of ${files.length} file(s) refused; nothing of those was written.`);
}

const grouped = (n: number) => n.toLocaleString("en-US");

export function describeReport(report: ImportReport): string {
  const rate = `${(report.elapsedMs / 1000).toFixed(1)} s, ${grouped(Math.round(rowsPerSecond(report.rows, report.elapsedMs)))} rows/s`;
  const head =
    report.status === "imported"
      ? `${report.fileName}: imported ${grouped(report.rows)} rows (${report.format}) as ${report.source}: ${grouped(report.inserted)} new, ` +
        `${grouped(report.duplicates)} already stored (${grouped(report.differing)} of them differ, kept as stored), ${grouped(report.bad)} bad; ${rate}`
      : `${report.fileName}: refused, nothing written: ${report.fileIssue ? `${report.fileIssue.message} (${report.fileIssue.code}, line ${report.fileIssue.line})` : `${grouped(report.bad)} bad of ${grouped(report.rows)} rows (import with --skip-bad to write the rest)`}; ${rate}`;
  const listed = report.badRows
    .slice(0, PRINTED_BAD_ROWS)
    .map(
      (b) =>
        `  line ${b.line}: ${b.code}${b.column ? ` ${b.column}` : ""}${b.value === undefined ? "" : ` "${b.value}"`}: ${b.message}`,
    );
  const more = report.bad - listed.length;
  return [head, ...listed, ...(more > 0 ? [`  ... and ${grouped(more)} more bad rows (--json lists up to 1,000)`] : [])].join(
    "\n",
  );
}
