import { toTRPCError } from "./errors";

/**
 * A subscription's stream whose later errors reach the client as what they are. handleErrors
 * maps a DomainError to its status only while the subscription starts; one thrown while it
 * streams would otherwise go out as a 500, which tRPC's client retries by reconnecting, so a
 * refusal (BACKTEST_TIMEOUT, BACKTEST_NOT_ENOUGH_DATA) would be asked again and again.
 */
export async function* withDomainErrors<T>(source: AsyncGenerator<T, void, undefined>): AsyncGenerator<T, void, undefined> {
  try {
    yield* source;
  } catch (error) {
    throw toTRPCError(error) ?? error;
  }
}
