import { TRPCClientError } from "@trpc/client";
import { BourseTransportError } from "../sdk/transport";
import { DomainError } from "../domain/errors";
import { ConfigError } from "./config";

/**
 * Exit codes: 0 success, 1 the server refused the request (bad input, funds, not found, auth),
 * 2 usage or configuration error, 3 the server could not be reached or failed.
 */
export const EXIT = { ok: 0, refused: 1, usage: 2, unavailable: 3 } as const;

export class UsageError extends Error {
  override readonly name = "UsageError";
}

/** An operator command that ran and was refused (exit 1), e.g. a kline file with bad rows. */
export class RefusedError extends Error {
  override readonly name = "RefusedError";
}

interface ErrorData {
  httpStatus?: number;
  code?: string;
  domainCode?: string | null;
  fieldErrors?: Record<string, string[]> | null;
}

function hintFor(status: number | undefined): string {
  if (status === 401) return "\nHint: pass an API key with --api-key or BOURSE_API_KEY (create one at /keys).";
  if (status === 403) return "\nHint: this needs a key with the trade scope.";
  if (status === 429) return "\nHint: rate limited; wait and retry.";
  return "";
}

/** One line (or two, with a hint) for stderr, and the exit code. */
export function describeError(error: unknown, url: string): { message: string; exitCode: number } {
  if (error instanceof UsageError || error instanceof ConfigError) return { message: error.message, exitCode: EXIT.usage };
  if (error instanceof RefusedError) return { message: error.message, exitCode: EXIT.refused };
  // Raised in-process by the operator commands that open the database themselves.
  if (error instanceof DomainError) return { message: `${error.message} (${error.code})`, exitCode: EXIT.refused };
  if (
    error instanceof BourseTransportError ||
    (error instanceof TRPCClientError && error.cause instanceof BourseTransportError)
  ) {
    const transport = error instanceof BourseTransportError ? error : (error.cause as BourseTransportError);
    const prefix = transport.kind === "network" ? `Could not reach ${url}` : url;
    return { message: `${prefix}: ${transport.message}`, exitCode: EXIT.unavailable };
  }
  if (error instanceof TRPCClientError) {
    const data = (error.data ?? {}) as ErrorData;
    const status = data.httpStatus;
    const code = data.domainCode ?? data.code ?? "ERROR";
    const fields = Object.entries(data.fieldErrors ?? {})
      .map(([field, messages]) => `\n  ${field}: ${messages.join("; ")}`)
      .join("");
    const exitCode = status !== undefined && status < 500 ? EXIT.refused : EXIT.unavailable;
    return { message: `${error.message} (${code})${fields}${hintFor(status)}`, exitCode };
  }
  return { message: error instanceof Error ? error.message : String(error), exitCode: EXIT.unavailable };
}
