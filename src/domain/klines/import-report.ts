/**
 * What one kline file's import tells its operator, on the CLI and on the admin page's upload
 * (where it arrives as the last line of a stream of progress lines, see UploadLine).
 */
import type { CandleInterval } from "../candles";
import type { KlineFormat } from "./file-records";
import type { KlineFileIssueCode, KlineRowIssue } from "./issues";

export interface BadRow extends KlineRowIssue {
  line: number;
  row: number;
}

export interface ImportReport {
  fileName: string;
  source: string;
  market: string;
  interval: CandleInterval;
  format: KlineFormat | null;
  /** "refused": nothing of the file was written (a bad row without skipBad, or a file issue). */
  status: "imported" | "refused";
  /** Data rows read (header and blank lines not counted). */
  rows: number;
  inserted: number;
  /** Rows whose open time was already stored for this market and interval; left unchanged. */
  duplicates: number;
  /** Of the duplicates, those stored with other values than this file's. */
  differing: number;
  bad: number;
  /** The first MAX_LISTED_BAD_ROWS bad rows, in file order. */
  badRows: BadRow[];
  fileIssue: { code: KlineFileIssueCode; message: string; line: number } | null;
  bytesRead: number;
  elapsedMs: number;
}

/**
 * The admin upload answers with newline-delimited JSON, one of these per line: `started` once the
 * file is stored and opened, `progress` at most a few times a second, then exactly one of
 * `report` (imported or refused by its rows), `refused` (the file could not be opened as a kline
 * file: nothing read) or `error` (the import failed: nothing written).
 */
export type UploadLine =
  | {
      type: "started";
      fileName: string;
      entry: string | null;
      totalBytes: number;
      /** worker: a thread of its own (Postgres); server: the server's thread (the embedded PGlite). */
      thread: "worker" | "server";
    }
  | { type: "progress"; bytesRead: number; totalBytes: number; rows: number }
  | { type: "report"; report: ImportReport }
  | { type: "refused"; code: KlineFileIssueCode; message: string }
  | { type: "error"; code: string; message: string };
