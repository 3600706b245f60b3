/**
 * The one error vocabulary of Bourse. Codes read like sentences; each maps to one
 * transport status in the API layer. Expected rejections are DomainErrors; anything
 * else that is thrown is a bug and is reported to clients only as an internal error.
 */
export const DOMAIN_ERRORS = {
  INVALID_DECIMAL: { status: "BAD_REQUEST", message: "The amount is not a valid decimal number." },
  TOO_MANY_DECIMALS: { status: "BAD_REQUEST", message: "The amount has more decimal places than the asset allows." },
  AMOUNT_TOO_LARGE: { status: "BAD_REQUEST", message: "The amount is larger than Bourse accepts." },
  AMOUNT_NOT_POSITIVE: { status: "BAD_REQUEST", message: "The amount must be greater than zero." },
  PRICE_NOT_ON_TICK: { status: "BAD_REQUEST", message: "The price is not a multiple of the market's price tick." },
  QUANTITY_NOT_ON_STEP: { status: "BAD_REQUEST", message: "The quantity is not a multiple of the market's quantity step." },
  QUANTITY_BELOW_MINIMUM: { status: "BAD_REQUEST", message: "The quantity is below the market's minimum." },
  NOTIONAL_BELOW_MINIMUM: { status: "BAD_REQUEST", message: "The order's value is below the market's minimum notional." },
  PRICE_REQUIRED: { status: "BAD_REQUEST", message: "A limit order needs a price." },
  PRICE_NOT_ALLOWED: { status: "BAD_REQUEST", message: "A market order takes no price." },
  QUANTITY_REQUIRED: { status: "BAD_REQUEST", message: "The order needs a quantity (or, for a market buy, a quote amount)." },
  QUOTE_AMOUNT_ONLY_FOR_MARKET_BUY: { status: "BAD_REQUEST", message: "A quote amount can only be given for a market buy." },
  INVALID_TIME_IN_FORCE: { status: "BAD_REQUEST", message: "That time in force does not apply to this order type." },
  MARKET_NOT_FOUND: { status: "NOT_FOUND", message: "No such market." },
  ASSET_NOT_FOUND: { status: "NOT_FOUND", message: "No such asset." },
  MARKET_HALTED: { status: "PRECONDITION_FAILED", message: "The market is halted; only cancels are accepted." },
  INSUFFICIENT_FUNDS: { status: "PRECONDITION_FAILED", message: "Your available balance is too small for this order." },
  NO_LIQUIDITY: { status: "PRECONDITION_FAILED", message: "There are no orders on the other side to trade with." },
  DUPLICATE_CLIENT_ORDER_ID: { status: "CONFLICT", message: "That clientOrderId was already used for a different order." },
  ORDER_NOT_FOUND: { status: "NOT_FOUND", message: "No such order." },
  ORDER_NOT_OPEN: { status: "PRECONDITION_FAILED", message: "The order is no longer open." },
  AMEND_BELOW_FILLED: {
    status: "BAD_REQUEST",
    message: "An amend cannot bring the quantity to or below what is already filled.",
  },
  AMEND_NO_CHANGE: { status: "BAD_REQUEST", message: "The amend asks for the price and quantity the order already has." },
  AMEND_WOULD_TAKE: {
    status: "PRECONDITION_FAILED",
    message: "A post-only order cannot be amended to a price that would trade.",
  },
  ORDER_NOT_AMENDABLE: {
    status: "PRECONDITION_FAILED",
    message: "Only a limit order resting in the book, outside a live OCO, can be amended; cancel it and place it again.",
  },
  TRIGGER_PRICE_REQUIRED: { status: "BAD_REQUEST", message: "A stop or take-profit order needs a trigger price." },
  TRIGGER_NOT_ALLOWED: {
    status: "BAD_REQUEST",
    message:
      "That trigger field does not apply to this order type (a trigger price for stops and take-profits, a trail and activation price for trailing stops).",
  },
  TRAIL_REQUIRED: {
    status: "BAD_REQUEST",
    message: "A trailing stop needs a trail: a price delta or basis points, one of the two.",
  },
  TRAIL_BPS_OUT_OF_RANGE: { status: "BAD_REQUEST", message: "A trail in basis points must be a whole number from 1 to 2000." },
  TRIGGER_NOT_ON_TICK: {
    status: "BAD_REQUEST",
    message: "The trigger price, trail delta or activation price is not a multiple of the market's price tick.",
  },
  QUOTE_AMOUNT_REQUIRED: {
    status: "BAD_REQUEST",
    message: "A stop, take-profit or trailing market buy spends a quote amount, which is held when it is placed.",
  },
  TRIGGER_WOULD_FIRE_NOW: {
    status: "PRECONDITION_FAILED",
    message:
      "The last trade price has already reached the trigger, so the order would fire at once; place a limit or market order instead.",
  },
  OCO_PRICES_INCONSISTENT: {
    status: "BAD_REQUEST",
    message: "A sell OCO needs its limit above the last price and its stop below it; a buy OCO the reverse.",
  },
  OCO_BUY_NEEDS_STOP_LIMIT: {
    status: "BAD_REQUEST",
    message: "A buy OCO's stop leg must be a stop-limit (give stopLimitPrice), so that what it may spend can be held.",
  },
  PENDING_ORDER_LIMIT: {
    status: "PRECONDITION_FAILED",
    message: "You have as many pending conditional orders in this market as it allows; cancel one first.",
  },
  MARKET_PENDING_LIMIT: {
    status: "PRECONDITION_FAILED",
    message: "This market holds as many pending conditional orders as it takes; retry later.",
  },
  ASSET_EXISTS: { status: "CONFLICT", message: "An asset with that symbol already exists." },
  MARKET_EXISTS: { status: "CONFLICT", message: "A market with that symbol already exists." },
  INVALID_MARKET_RULES: { status: "BAD_REQUEST", message: "The market's tick, step and minimums are inconsistent." },
  USER_NOT_FOUND: { status: "NOT_FOUND", message: "No such user." },
  EMAIL_TAKEN: { status: "CONFLICT", message: "That email cannot be registered." },
  WEAK_PASSWORD: { status: "BAD_REQUEST", message: "The password is too weak." },
  INVALID_CREDENTIALS: { status: "UNAUTHORIZED", message: "Wrong email or password." },
  UNAUTHENTICATED: { status: "UNAUTHORIZED", message: "Sign in or send an API key." },
  FORBIDDEN: { status: "FORBIDDEN", message: "You are not allowed to do that." },
  SCOPE_REQUIRED: { status: "FORBIDDEN", message: "This API key lacks the scope this call needs." },
  API_KEY_NOT_FOUND: { status: "NOT_FOUND", message: "No such API key." },
  API_KEY_LIMIT: { status: "PRECONDITION_FAILED", message: "You have reached the maximum number of API keys." },
  RATE_LIMITED: { status: "TOO_MANY_REQUESTS", message: "Too many requests; retry later." },
  CURSOR_INVALID: { status: "BAD_REQUEST", message: "The cursor is not valid." },
  NEWS_SOURCE_NOT_FOUND: { status: "NOT_FOUND", message: "No such news source." },
  NEWS_SOURCE_EXISTS: { status: "CONFLICT", message: "That feed is already a news source of this asset." },
  NEWS_SOURCE_LIMIT: { status: "PRECONDITION_FAILED", message: "This asset has the most news sources allowed." },
  NEWS_URL_INVALID: { status: "BAD_REQUEST", message: "The address must be an http(s) URL without credentials." },
  NEWS_ITEM_INVALID: { status: "BAD_REQUEST", message: "A news item needs a title and a valid URL or id." },
  NEWS_ITEM_EXISTS: { status: "CONFLICT", message: "That news item is already stored for this asset." },
  NEWS_RANGE_INVALID: { status: "BAD_REQUEST", message: "The time range is empty, reversed or too long." },
  NEWS_FEED_MALFORMED: { status: "BAD_REQUEST", message: "The document is not a readable RSS, Atom or JSON Feed." },
  NEWS_FEED_TOO_LARGE: { status: "BAD_REQUEST", message: "The feed is larger than Bourse reads." },
  NEWS_FEED_TIMEOUT: { status: "SERVICE_UNAVAILABLE", message: "The feed did not answer in time." },
  NEWS_FEED_REDIRECTS: { status: "BAD_REQUEST", message: "The feed redirected too many times." },
  NEWS_FEED_HOST_REFUSED: { status: "FORBIDDEN", message: "The feed's host is a private or local address." },
  NEWS_FEED_HTTP_ERROR: { status: "SERVICE_UNAVAILABLE", message: "The feed answered with an error status." },
  NEWS_FEED_UNREACHABLE: { status: "SERVICE_UNAVAILABLE", message: "The feed's server could not be reached." },
  UNAVAILABLE: {
    status: "SERVICE_UNAVAILABLE",
    message: "The exchange is briefly unavailable; retry shortly (with the same clientOrderId for an order).",
  },
  OVERLOADED: { status: "SERVICE_UNAVAILABLE", message: "The market is too busy to take this order now; retry shortly." },
  KLINE_UPLOAD_BUSY: {
    status: "SERVICE_UNAVAILABLE",
    message: "Another kline upload is being imported on this server; retry when it has finished.",
  },
  BACKTEST_TOO_LARGE: {
    status: "BAD_REQUEST",
    message: "The backtest asks for more candles or parameter combinations than Bourse runs.",
  },
  BACKTEST_NOT_ENOUGH_DATA: { status: "PRECONDITION_FAILED", message: "The range holds too few candles to backtest." },
  BACKTEST_BUSY: {
    status: "SERVICE_UNAVAILABLE",
    message: "Every backtest worker is busy and the queue is full; retry shortly.",
  },
  BACKTEST_ALREADY_RUNNING: {
    status: "TOO_MANY_REQUESTS",
    message: "You already have a backtest running; wait for it to finish.",
  },
  // Not 503: the same request would run out of time again, so a Retry-After would mislead.
  BACKTEST_TIMEOUT: {
    status: "PRECONDITION_FAILED",
    message: "The backtest ran past its time limit; shorten the range or the grid.",
  },
} as const satisfies Record<string, { status: DomainErrorStatus; message: string }>;

export type DomainErrorStatus =
  | "BAD_REQUEST"
  | "UNAUTHORIZED"
  | "FORBIDDEN"
  | "NOT_FOUND"
  | "CONFLICT"
  | "PRECONDITION_FAILED"
  | "TOO_MANY_REQUESTS"
  | "SERVICE_UNAVAILABLE";

export type DomainErrorCode = keyof typeof DOMAIN_ERRORS;

/** What a 503 (OVERLOADED) tells a client to wait before retrying: a busy queue drains in well under this. */
export const RETRY_AFTER_UNAVAILABLE_SEC = 1;

export class DomainError extends Error {
  readonly code: DomainErrorCode;
  readonly status: DomainErrorStatus;
  /** Extra, client-safe facts (e.g. the tick a price missed); never internal state. */
  readonly details: Readonly<Record<string, string>> | undefined;

  constructor(code: DomainErrorCode, message?: string, details?: Record<string, string>) {
    const known = DOMAIN_ERRORS[code];
    super(message ?? known.message);
    this.name = "DomainError";
    this.code = code;
    this.status = known.status;
    this.details = details;
  }
}

export function isDomainError(error: unknown): error is DomainError {
  return error instanceof DomainError;
}

/** For states that must be impossible: crash loudly instead of trading on a broken invariant. */
export function assert(condition: unknown, what: string): asserts condition {
  if (!condition) throw new Error(`Invariant violated: ${what}`);
}
