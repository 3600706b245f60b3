import { describe, expect, expectTypeOf, it } from "vitest";
import { z } from "zod";
import { operation, operationWithoutInput } from "./operation";
import { route } from "./rest/route-meta";
import { protectedProcedure, publicProcedure, tradeProcedure } from "./trpc";

// Sent and parsed differ on both sides (a default in, a transform out), so a swapped type shows.
const input = z.strictObject({ id: z.string(), limit: z.number().int().default(5) });
const output = z.object({ length: z.string().transform((text) => text.length) });
const restInput = z.strictObject({ key: z.string() });
const meta = route("GET", "/things/{key}", { operationId: "getThing", summary: "A thing", tag: "Things", access: "read" });

describe("[API] an operation served over tRPC and REST", () => {
  it("gives tRPC exactly the procedure a direct builder chain gives", () => {
    const read = operation(protectedProcedure, input, output).query(async ({ ctx, input }) => ({
      length: ctx.user.id + input.id,
    }));
    const direct = protectedProcedure
      .input(input)
      .output(output)
      .query(async ({ ctx, input }) => ({ length: ctx.user.id + input.id }));
    expectTypeOf(read.procedure).toEqualTypeOf(direct);

    const change = operation(tradeProcedure, input, output).mutation(async ({ input }) => ({ length: input.id }));
    const directChange = tradeProcedure
      .input(input)
      .output(output)
      .mutation(async ({ input }) => ({ length: input.id }));
    expectTypeOf(change.procedure).toEqualTypeOf(directChange);

    const plain = operationWithoutInput(publicProcedure, output).query(async () => ({ length: "" }));
    const directPlain = publicProcedure.output(output).query(async () => ({ length: "" }));
    expectTypeOf(plain.procedure).toEqualTypeOf(directPlain);
  });

  it("builds each REST route on the operation's builder, with the route's meta and input", () => {
    const read = operation(protectedProcedure, input, output).query(async ({ input }) => ({ length: input.id }));
    const mapped = read.rest(meta, restInput, ({ key }) => ({ id: key, limit: 1 }));
    const asIs = read.rest(meta, input.extend({}));
    for (const rest of [mapped, asIs]) {
      expect(rest._def.type).toBe("query");
      expect(rest._def.meta).toEqual(meta);
    }
    expect(mapped._def.inputs).toEqual([restInput]);
    expect(read.procedure._def.inputs).toEqual([input]);
    const change = operation(tradeProcedure, input, output).mutation(async ({ input }) => ({ length: input.id }));
    expect(change.rest(meta, input.extend({}))._def.type).toBe("mutation");
  });
});
