/**
 * A kline file's rows, whatever its format: the first character that is not whitespace decides
 * (`[` is the REST endpoint's JSON, anything else Binance's CSV). A leading byte-order mark, as
 * spreadsheet tools write, is dropped.
 */
import { createCsvReader } from "./csv-records";
import { createJsonReader } from "./json-records";
import type { KlineRecord, RecordReader } from "./records";

export type KlineFormat = "csv" | "json";

export interface FileRecordReader extends RecordReader {
  /** Null until the file shows something other than whitespace. */
  format(): KlineFormat | null;
}

export function createFileRecordReader(): FileRecordReader {
  let chosen: { format: KlineFormat; reader: RecordReader } | null = null;
  let leading = "";
  let isStart = true;

  return {
    feed(text) {
      let piece = text;
      if (isStart && piece.length > 0) {
        isStart = false;
        if (piece.startsWith("\uFEFF")) piece = piece.slice(1);
      }
      if (chosen) return chosen.reader.feed(piece);
      leading += piece;
      const first = leading.trimStart()[0];
      if (first === undefined) return [];
      chosen = first === "[" ? { format: "json", reader: createJsonReader() } : { format: "csv", reader: createCsvReader() };
      const buffered = leading;
      leading = "";
      return chosen.reader.feed(buffered);
    },
    end(): KlineRecord[] {
      return chosen ? chosen.reader.end() : [];
    },
    format: () => chosen?.format ?? null,
  };
}
