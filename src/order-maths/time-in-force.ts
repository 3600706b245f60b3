/**
 * Time in force and post-only, as the order form offers them. The values are the engine's own
 * (src/domain/types), so the form can never offer one the server does not know.
 */
import { TIME_IN_FORCE, type TimeInForce } from "@/domain/types";

export { TIME_IN_FORCE, type TimeInForce };

export const TIME_IN_FORCE_TEXT: Record<TimeInForce, { name: string; help: string }> = {
  GTC: { name: "Good till canceled", help: "rests until filled or canceled" },
  IOC: { name: "Immediate or cancel", help: "fills now, cancels the rest" },
  FOK: { name: "Fill or kill", help: "fills in full now, or not at all" },
};

export const POST_ONLY_HELP = "Rest on the book or be rejected; never take liquidity";

/** Post-only only means something for an order that may rest; the server refuses it with IOC/FOK. */
export function allowsPostOnly(timeInForce: TimeInForce): boolean {
  return timeInForce === "GTC";
}
