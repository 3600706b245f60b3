import { TRPCError } from "@trpc/server";
import { z } from "zod";
import { type DomainErrorCode, isDomainError } from "../../domain/errors";

export const INTERNAL_MESSAGE = "Something went wrong on our side. It has been logged; please retry.";

/** A DomainError becomes the tRPC error of its status, keeping its code for clients to switch on. */
export function toTRPCError(cause: unknown): TRPCError | null {
  if (!isDomainError(cause)) return null;
  return new TRPCError({ code: cause.status, message: cause.message, cause });
}

export interface SafeErrorData {
  /** The domain code (INSUFFICIENT_FUNDS …) when the error is one of ours. */
  domainCode: DomainErrorCode | null;
  details: Record<string, string> | null;
  /** Field-by-field input problems, when the input failed validation. */
  fieldErrors: Record<string, string[]> | null;
}

/**
 * Everything a client learns about an error passes through here: our own codes and messages,
 * validation issues by field, and for anything unexpected one fixed sentence. Never a stack,
 * never SQL, never an internal message.
 */
export function safeErrorData(error: TRPCError): { message: string; data: SafeErrorData } {
  const cause = error.cause;
  if (isDomainError(cause)) {
    return { message: cause.message, data: { domainCode: cause.code, details: cause.details ?? null, fieldErrors: null } };
  }
  if (cause instanceof z.ZodError) {
    const flat = z.flattenError(cause);
    const fieldErrors: Record<string, string[]> = {};
    for (const [key, messages] of Object.entries(flat.fieldErrors)) if (Array.isArray(messages)) fieldErrors[key] = messages;
    const message = flat.formErrors[0] ?? "The input is not valid.";
    return { message, data: { domainCode: null, details: null, fieldErrors } };
  }
  if (error.code === "INTERNAL_SERVER_ERROR") {
    return { message: INTERNAL_MESSAGE, data: { domainCode: null, details: null, fieldErrors: null } };
  }
  // tRPC's own client errors (bad JSON, unknown procedure, batch too large) say nothing internal.
  return { message: error.message, data: { domainCode: null, details: null, fieldErrors: null } };
}
