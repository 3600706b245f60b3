/**
 * A kline file, fed as text in arbitrary pieces, to one outcome per row: a validated kline or
 * its issue. Rows must come in increasing open time (Binance's files and responses do), which
 * also catches a row repeated within a file without remembering more than the previous row.
 */
import { type FileRecordReader, createFileRecordReader, type KlineFormat } from "./file-records";
import { rowIssue, type KlineRowIssue } from "./issues";
import { type ImportedKline, type KlineRules, parseKline } from "./parse-kline";
import type { KlineRecord } from "./records";

export type KlineOutcome =
  | { line: number; row: number; kline: ImportedKline; issue?: undefined }
  | { line: number; row: number; kline?: undefined; issue: KlineRowIssue };

export interface KlineStream {
  feed(text: string): KlineOutcome[];
  end(): KlineOutcome[];
  format(): KlineFormat | null;
}

export function createKlineStream(rules: KlineRules): KlineStream {
  const reader: FileRecordReader = createFileRecordReader();
  let lastOpenTimeMs = Number.NEGATIVE_INFINITY;

  const judge = (record: KlineRecord): KlineOutcome => {
    const { line, row } = record;
    const result = parseKline(record.cells, rules);
    if (!result.ok) return { line, row, issue: result.issue };
    if (result.kline.openTimeMs <= lastOpenTimeMs) {
      return { line, row, issue: rowIssue("KLINE_OUT_OF_ORDER", "openTime", record.cells[0]) };
    }
    lastOpenTimeMs = result.kline.openTimeMs;
    return { line, row, kline: result.kline };
  };

  return {
    feed: (text) => reader.feed(text).map(judge),
    end: () => reader.end().map(judge),
    format: () => reader.format(),
  };
}
