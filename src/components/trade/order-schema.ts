import { z } from "zod";
import { type OrderCheckContext, orderIssues } from "@/order-maths/order-validation";
import { TIME_IN_FORCE } from "@/order-maths/time-in-force";

/**
 * The form's zod schema. Balances and the book change while the form is open, so the rules read
 * the latest context through `getContext` at validation time instead of being rebuilt.
 */
export function makeOrderSchema(getContext: () => OrderCheckContext) {
  return z
    .object({
      side: z.enum(["BUY", "SELL"]),
      type: z.enum(["LIMIT", "MARKET"]),
      price: z.string().max(60),
      quantity: z.string().max(60),
      total: z.string().max(60),
      timeInForce: z.enum(TIME_IN_FORCE),
      postOnly: z.boolean(),
    })
    .superRefine((values, ctx) => {
      for (const issue of orderIssues(values, getContext())) {
        ctx.addIssue({ code: "custom", path: [issue.field], message: issue.message });
      }
    });
}
