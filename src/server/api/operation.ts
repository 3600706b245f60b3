import type {
  AnyTRPCMutationProcedure,
  AnyTRPCQueryProcedure,
  inferProcedureBuilderResolverOptions,
  TRPCProcedureBuilder,
  TRPCUnsetMarker,
} from "@trpc/server";
import type { OpenApiMeta } from "trpc-to-openapi";
import type { z } from "zod";
import type { Context } from "./context";

/**
 * An operation is written once: the builder of trpc.ts that says who may call it, its tRPC input,
 * its output and the one service call. `procedure` is its tRPC entry; each `rest(...)` is one REST
 * route for trpc-to-openapi on the same builder (same scopes, limits and errors), adding only its
 * OpenAPI meta and, where REST's shape differs, its own input and how that maps to the operation's.
 *
 * The type parameters are values, not schemas (In/Out: input as sent/parsed; ResIn/ResOut: result
 * as returned/sent): so tRPC's inference resolves here, and a procedure has exactly the type that
 * `builder.input(…).output(…).query(…)` would give it (operation.test.ts holds this).
 */

/** A builder of trpc.ts before input and output: builders differ only in what their middlewares add to ctx. */
type Builder<TCtx, TErrorShape> = TRPCProcedureBuilder<
  Context,
  object,
  TCtx,
  TRPCUnsetMarker,
  TRPCUnsetMarker,
  TRPCUnsetMarker,
  TRPCUnsetMarker,
  false,
  TErrorShape
>;
type CtxOf<TCtx> = inferProcedureBuilderResolverOptions<Builder<TCtx, unknown>>["ctx"];
/** A resolver's input as tRPC types it (undefined without an input parser), spelled alike so the two agree. */
type Parsed<T> = T extends TRPCUnsetMarker ? undefined : T;
/** `signal` aborts when the caller has gone (a closed connection): long work can stop early. */
type Run<TCtx, Out, ResIn> = (opts: { ctx: CtxOf<TCtx>; input: Parsed<Out>; signal: AbortSignal | undefined }) => Promise<ResIn>;
/** Only trpc-to-openapi sees a REST procedure, and it reads the schemas, not the types. */
type RestProcedure = AnyTRPCQueryProcedure | AnyTRPCMutationProcedure;

/**
 * tRPC checks a resolver's result against the output schema's input side, and so does `run`'s own
 * type: the builder may see the schema as validating from unknown, and the result type stays exact.
 */
const fromUnknown = <ResOut>(output: z.ZodType<ResOut>) => output;

function restRoutes<TCtx, TErrorShape, Out, ResIn, ResOut>(
  builder: Builder<TCtx, TErrorShape>,
  kind: "query" | "mutation",
  output: z.ZodType<ResOut, ResIn>,
  run: Run<TCtx, Out, ResIn>,
) {
  function mapped<RestOut>(meta: OpenApiMeta, input: z.ZodType<RestOut>, toInput: (input: Parsed<RestOut>) => Parsed<Out>) {
    const route = builder.meta(meta).input(input).output(fromUnknown(output));
    const resolve = ({ ctx, input, signal }: { ctx: CtxOf<TCtx>; input: Parsed<RestOut>; signal: AbortSignal | undefined }) =>
      run({ ctx, input: toInput(input), signal });
    return kind === "query" ? route.query(resolve) : route.mutation(resolve);
  }
  /** REST's input has the operation's shape, in a schema of its own (trpc-to-openapi coerces query strings in place). */
  function rest(meta: OpenApiMeta, input: z.ZodType<Out>): RestProcedure;
  /** REST's input has a shape of its own (path and query parameters), mapped to the operation's. */
  function rest<RestOut>(
    meta: OpenApiMeta,
    input: z.ZodType<RestOut>,
    toInput: (input: Parsed<RestOut>) => Parsed<Out>,
  ): RestProcedure;
  function rest(meta: OpenApiMeta, input: z.ZodType<Out>, toInput?: (input: Parsed<Out>) => Parsed<Out>): RestProcedure {
    return mapped(meta, input, toInput ?? ((same) => same));
  }
  return rest;
}

/**
 * `operation(builder, input, output).query(run)` reads as `builder.input(input).output(output).query(run)`
 * does, and gives tRPC that very procedure; `.mutation(run)` for a change (tRPC sends it as a POST, and
 * limitApiKeyReads does not count it as a read).
 */
export function operation<TCtx, TErrorShape, In, Out, ResIn, ResOut>(
  builder: Builder<TCtx, TErrorShape>,
  input: z.ZodType<Out, In>,
  output: z.ZodType<ResOut, ResIn>,
) {
  const validated = builder.input(input).output(fromUnknown(output));
  return {
    query: (run: Run<TCtx, Out, ResIn>) => ({ procedure: validated.query(run), rest: restRoutes(builder, "query", output, run) }),
    mutation: (run: Run<TCtx, Out, ResIn>) => ({
      procedure: validated.mutation(run),
      rest: restRoutes(builder, "mutation", output, run),
    }),
  };
}

/** A read that takes nothing: no input parser at all, so tRPC ignores whatever input a client sends. */
export function operationWithoutInput<TCtx, TErrorShape, ResIn, ResOut>(
  builder: Builder<TCtx, TErrorShape>,
  output: z.ZodType<ResOut, ResIn>,
) {
  const validated = builder.output(fromUnknown(output));
  return {
    query: (run: (opts: { ctx: CtxOf<TCtx> }) => Promise<ResIn>) => ({
      procedure: validated.query(run),
      rest: (meta: OpenApiMeta): RestProcedure => validated.meta(meta).query(run),
    }),
  };
}
