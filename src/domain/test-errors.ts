import { DomainError } from "./errors";

/** The code of the DomainError `run` throws, or undefined when it returns; any other error is rethrown. */
export function codeOf(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    if (error instanceof DomainError) return error.code;
    throw error;
  }
  return undefined;
}
