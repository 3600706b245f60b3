import type { CandleInterval } from "@/domain/candles";
import type { ImportReport } from "@/domain/klines/import-report";
import type { KlineFileIssueCode } from "@/domain/klines/issues";
import type { PriceRounding } from "@/domain/klines/values";

/** What the upload asks the import worker to do: one file, into the database at `databaseUrl`. */
export interface KlineImportJob {
  type: "start";
  databaseUrl: string;
  filePath: string;
  market: string;
  interval: CandleInterval;
  fileName: string;
  source?: string;
  skipBad: boolean;
  priceRounding: PriceRounding;
}

export type ToImportWorker = KlineImportJob | { type: "abort" };

/** What the worker answers: progress, then exactly one of the last three. */
export type FromImportWorker =
  | { type: "started"; entry: string | null; totalBytes: number }
  | { type: "progress"; bytesRead: number; rows: number }
  | { type: "done"; report: ImportReport }
  | { type: "refused"; code: KlineFileIssueCode; message: string }
  | { type: "failed"; code: string; message: string; isDomain: boolean };
