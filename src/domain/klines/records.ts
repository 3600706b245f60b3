/** A row of a kline file before validation: its cells as text and where it was found. */
export interface KlineRecord {
  /** 1-based line of the file where the row starts. */
  line: number;
  /** 1-based position among the file's rows (the header and blank lines not counted). */
  row: number;
  cells: readonly string[];
}

/** A Binance kline row is under 200 characters; anything far longer means this is not a kline file. */
export const MAX_RECORD_CHARS = 4_096;

/** Turns a file's text, fed in arbitrary pieces, into rows; `end` flushes the last one. */
export interface RecordReader {
  feed(text: string): KlineRecord[];
  end(): KlineRecord[];
}
