/**
 * What can be wrong with an imported kline file. Row issues are results, listed with the row's
 * line: an import reports them instead of throwing, because one file may hold thousands. File
 * issues end the file (nothing further can be read from it) and are thrown as KlineFileError.
 * A live stream's messages have issues of their own (shape, stream), then their row's.
 */
export const KLINE_ROW_ISSUES = {
  KLINE_COLUMN_COUNT: "A kline row has 12 columns (the last, ignore, may be left out).",
  KLINE_TIME_INVALID: "A time is not a whole number of milliseconds or microseconds from 1970 to 9999.",
  KLINE_OPEN_TIME_NOT_ALIGNED: "The open time is not on the interval's UTC boundary.",
  KLINE_CLOSE_TIME_MISMATCH: "The close time is not open time + interval - 1 ms.",
  KLINE_OUT_OF_ORDER: "Open times must increase from row to row; this one is not after the previous row's.",
  KLINE_NUMBER_INVALID: "A price or volume is not a plain decimal number.",
  KLINE_NUMBER_NEGATIVE: "A price or volume is negative.",
  KLINE_NUMBER_TOO_LARGE: "A price or volume is larger than Bourse stores.",
  KLINE_PRICE_NOT_POSITIVE: "A price is zero (or rounds to zero on the market's tick).",
  KLINE_PRICE_NOT_ON_TICK: "A price is not a multiple of the market's price tick (import with rounding to accept it).",
  KLINE_OHLC_INCONSISTENT: "The prices break low <= open, close <= high.",
  KLINE_TAKER_EXCEEDS_VOLUME: "The taker-buy volume is larger than the candle's volume.",
  KLINE_TRADE_COUNT_INVALID: "The trade count is not a whole number.",
} as const;

export const KLINE_FILE_ISSUES = {
  KLINE_LINE_TOO_LONG: "A line (or JSON row) is longer than any kline row can be; this is not a kline file.",
  KLINE_JSON_MALFORMED: "The JSON is not an array of flat arrays, as Binance's klines endpoint returns.",
  KLINE_ZIP_NOT_ONE_FILE: "The zip archive must hold exactly one file (Binance publishes one CSV per archive).",
  KLINE_ZIP_UNREADABLE: "The zip archive cannot be read: it is damaged or truncated.",
} as const;

/** A live stream's message that is not a usable kline: reported and skipped, the stream goes on. */
export const KLINE_MESSAGE_ISSUES = {
  KLINE_MESSAGE_TOO_LONG: "A stream message is longer than any kline event can be.",
  KLINE_MESSAGE_NOT_JSON: "A stream message is not JSON.",
  KLINE_MESSAGE_NOT_KLINE: "A stream message is neither a kline event nor the reply to a request.",
  KLINE_MESSAGE_FIELD_INVALID: "A kline event's field is missing or of the wrong type.",
  KLINE_MESSAGE_STREAM_UNKNOWN: "A kline event is for a stream this connection does not ingest.",
  KLINE_MESSAGE_STREAM_MISMATCH: "A combined-stream message names another stream than its kline's symbol and interval.",
  KLINE_MESSAGE_ERROR: "The stream's server answered with an error.",
} as const;

export type KlineRowIssueCode = keyof typeof KLINE_ROW_ISSUES;
export type KlineFileIssueCode = keyof typeof KLINE_FILE_ISSUES;
export type KlineMessageIssueCode = keyof typeof KLINE_MESSAGE_ISSUES;

export interface KlineRowIssue {
  code: KlineRowIssueCode;
  message: string;
  /** Which column and what it held, quoted from the file (truncated), for the operator. */
  column?: string;
  value?: string;
}

const MAX_QUOTED_CHARS = 40;

const quote = (value: string | undefined) =>
  value === undefined || value.length <= MAX_QUOTED_CHARS ? value : `${value.slice(0, MAX_QUOTED_CHARS)}…`;

function issue<Code extends string>(code: Code, message: string, column?: string, value?: string) {
  const quoted = quote(value);
  return {
    code,
    message,
    ...(column === undefined ? {} : { column }),
    ...(quoted === undefined ? {} : { value: quoted }),
  };
}

export function rowIssue(code: KlineRowIssueCode, column?: string, value?: string): KlineRowIssue {
  return issue(code, KLINE_ROW_ISSUES[code], column, value);
}

/** A message's issue: its own codes, or the row issue its kline has when read like a file's row. */
export interface KlineMessageIssue {
  code: KlineMessageIssueCode | KlineRowIssueCode;
  message: string;
  column?: string;
  value?: string;
}

export function messageIssue(code: KlineMessageIssueCode, column?: string, value?: string): KlineMessageIssue {
  return issue(code, KLINE_MESSAGE_ISSUES[code], column, value);
}

/** A file that cannot be read on: thrown, and the whole file is refused. */
export class KlineFileError extends Error {
  override readonly name = "KlineFileError";
  readonly code: KlineFileIssueCode;
  /** The line where reading stopped (0 when the problem is the container). */
  readonly line: number;

  constructor(code: KlineFileIssueCode, line: number) {
    super(KLINE_FILE_ISSUES[code]);
    this.code = code;
    this.line = line;
  }
}
