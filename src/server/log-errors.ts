import pino from "pino";

/**
 * Errors as the logs keep them: pino's standard shape (type, message, stack, causes), minus what
 * a failed query carries in its message. Drizzle writes "Failed query: <the SQL>\nparams: <every
 * parameter>" — statement text and values (emails, hashes, amounts) that must not leave the
 * process in a log line; the stack and the driver's own cause say enough to debug.
 */
const FAILED_QUERY = /Failed query: [\s\S]*?\nparams: [^\n]*/g;
const WITHHELD = "Failed query (statement and parameters withheld from logs)";

export const withoutQueryText = (text: string) => text.replace(FAILED_QUERY, WITHHELD);

export function serializeError(error: unknown): unknown {
  if (!(error instanceof Error)) return error;
  const serialized = pino.stdSerializers.err(error);
  return {
    ...serialized,
    message: withoutQueryText(serialized.message),
    ...(serialized.stack ? { stack: withoutQueryText(serialized.stack) } : {}),
  };
}
