/**
 * One message of a Binance kline stream to a validated kline, read exactly like a file's row.
 * Two shapes carry the same event:
 * - single stream (`/ws/<name>`): `{"e":"kline","E":…,"s":"BTCUSDT","k":{…}}`;
 * - combined stream (`/stream?streams=a/b`): `{"stream":"btcusdt@kline_1m","data":{…the same…}}`.
 * The kline `k` holds t (open time), T (close time), s, i (interval), o h l c (prices), v (base
 * volume), n (trade count), x (closed), q (quote volume), V Q (taker-buy base and quote), and
 * fields not stored here (f, L, B). Times and the count are JSON integers, prices and volumes
 * strings (so none passes through a float); anything else is a field issue. The kline's cells
 * then go through parseKline, so a live candle meets every rule an imported one does.
 * Replies to requests (`{"result":null,"id":1}`) are told apart; errors are issues.
 */
import { type KlineMessageIssue, messageIssue } from "./issues";
import { type ImportedKline, type KlineRules, parseKline } from "./parse-kline";

export type KlineMessage =
  | { kind: "kline"; stream: string; kline: ImportedKline; isClosed: boolean; eventTimeMs: number | null }
  | { kind: "reply"; id: unknown }
  /** `stream` when the message said which stream it was for. */
  | { kind: "issue"; stream: string | null; issue: KlineMessageIssue };

/** A kline event is about 400 characters; this bounds what a garbage message can cost. */
export const MAX_MESSAGE_CHARS = 8_192;

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => typeof value === "object" && value !== null && !Array.isArray(value);

/** Where each cell of parseKline's row comes from in `k`, and whether it is an integer or a decimal string. */
const CELLS: readonly (readonly [field: string, type: "integer" | "decimal"])[] = [
  ["t", "integer"],
  ["o", "decimal"],
  ["h", "decimal"],
  ["l", "decimal"],
  ["c", "decimal"],
  ["v", "decimal"],
  ["T", "integer"],
  ["q", "decimal"],
  ["n", "integer"],
  ["V", "decimal"],
  ["Q", "decimal"],
];

class MessageRejected extends Error {
  constructor(
    readonly stream: string | null,
    readonly issue: KlineMessageIssue,
  ) {
    super(issue.code);
  }
}

const fieldIssue = (stream: string | null, field: string, value: unknown) =>
  new MessageRejected(stream, messageIssue("KLINE_MESSAGE_FIELD_INVALID", field, JSON.stringify(value) ?? String(value)));

function cellOf(k: Json, field: string, type: "integer" | "decimal", stream: string): string {
  const value = k[field];
  if (type === "decimal" && typeof value === "string") return value;
  if (type === "integer" && typeof value === "number" && Number.isSafeInteger(value) && value >= 0) return String(value);
  throw fieldIssue(stream, `k.${field}`, value);
}

/**
 * `rulesFor` says which streams this connection ingests, and the rules of each (its market's
 * scales and tick, its interval); a kline of any other stream is an issue, not a candle.
 */
export function parseKlineMessage(text: string, rulesFor: (stream: string) => KlineRules | undefined): KlineMessage {
  try {
    return readMessage(text, rulesFor);
  } catch (error) {
    if (error instanceof MessageRejected) return { kind: "issue", stream: error.stream, issue: error.issue };
    throw error;
  }
}

function readMessage(text: string, rulesFor: (stream: string) => KlineRules | undefined): KlineMessage {
  if (text.length > MAX_MESSAGE_CHARS) throw new MessageRejected(null, messageIssue("KLINE_MESSAGE_TOO_LONG", "message", text));
  const message = parseJson(text);
  if (!isObject(message)) throw new MessageRejected(null, messageIssue("KLINE_MESSAGE_NOT_KLINE", "message", text));
  if ("result" in message && "id" in message) return { kind: "reply", id: message.id };
  const error = isObject(message.error) ? message.error : "code" in message && "msg" in message ? message : null;
  if (error) throw new MessageRejected(null, messageIssue("KLINE_MESSAGE_ERROR", "msg", String(error.msg)));
  const named = typeof message.stream === "string" ? message.stream : null;
  const event = named === null ? message : message.data;
  if (!isObject(event) || event.e !== "kline")
    throw new MessageRejected(named, messageIssue("KLINE_MESSAGE_NOT_KLINE", "e", text));
  const k = event.k;
  if (!isObject(k)) throw fieldIssue(named, "k", k);
  if (typeof k.s !== "string") throw fieldIssue(named, "k.s", k.s);
  if (typeof k.i !== "string") throw fieldIssue(named, "k.i", k.i);
  const stream = `${k.s.toLowerCase()}@kline_${k.i}`;
  if (named !== null && named.toLowerCase() !== stream) {
    throw new MessageRejected(named, messageIssue("KLINE_MESSAGE_STREAM_MISMATCH", "stream", named));
  }
  const rules = rulesFor(stream);
  if (!rules) throw new MessageRejected(stream, messageIssue("KLINE_MESSAGE_STREAM_UNKNOWN", "stream", stream));
  if (typeof k.x !== "boolean") throw fieldIssue(stream, "k.x", k.x);
  const cells = CELLS.map(([field, type]) => cellOf(k, field, type, stream));
  const eventTime = event.E;
  const eventTimeMs = typeof eventTime === "number" && Number.isSafeInteger(eventTime) ? eventTime : null;
  const parsed = parseKline(cells, rules);
  if (!parsed.ok) throw new MessageRejected(stream, parsed.issue);
  return { kind: "kline", stream, kline: parsed.kline, isClosed: k.x, eventTimeMs };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new MessageRejected(null, messageIssue("KLINE_MESSAGE_NOT_JSON", "message", text));
  }
}
