/** What a tRPC error tells a form: our domain code, per-field messages, and a sentence to show. */
export interface ErrorInfo {
  message: string;
  domainCode: string | null;
  httpStatus: number | null;
  fieldErrors: Record<string, string[]>;
}

interface ErrorShape {
  message?: unknown;
  data?: { domainCode?: unknown; httpStatus?: unknown; fieldErrors?: unknown } | null;
}

export function errorInfo(error: unknown): ErrorInfo {
  const shape = (error ?? {}) as ErrorShape;
  const data = shape.data ?? {};
  const fieldErrors =
    data.fieldErrors && typeof data.fieldErrors === "object" ? (data.fieldErrors as Record<string, string[]>) : {};
  return {
    message: typeof shape.message === "string" && shape.message ? shape.message : "Something went wrong; please retry.",
    domainCode: typeof data.domainCode === "string" ? data.domainCode : null,
    httpStatus: typeof data.httpStatus === "number" ? data.httpStatus : null,
    fieldErrors,
  };
}
