import { getBacktestCatalog } from "../../services/research/backtest-catalog";
import { runBacktest, runSweep, runWalkForward } from "../../services/research/backtest";
import {
  backtestRequest,
  createBacktestSchemas,
  sweepRequest,
  walkForwardRequest,
} from "../../services/research/backtest-schema";
import { streamSweep } from "../../services/research/sweep-stream";
import { backtestOutput, catalogOutput, sweepOutput, walkForwardOutput } from "../backtest-schemas";
import { withDomainErrors } from "../domain-stream";
import { operation, operationWithoutInput } from "../operation";
import { route } from "../rest/route-meta";
import { backtestProcedure, createTRPCRouter, publicProcedure } from "../trpc";

/*
 * Backtests: tRPC `backtest.*` and REST under /backtests. They compute and write nothing, but are
 * mutations (POST): a request carries a grid and maybe sentiment points, which do not belong in a
 * URL, and a client library must not retry seconds of computing on its own. The sweep is a
 * subscription on tRPC, so a progress bar can follow it; REST has it as one POST with the result.
 */

/** The section of the REST docs that lists these routes. */
const tag = "Backtests";

const run = operation(backtestProcedure, backtestRequest, backtestOutput).mutation(({ ctx, input, signal }) =>
  runBacktest(ctx.services, input, { userId: ctx.user.id, signal }),
);
const walkForward = operation(backtestProcedure, walkForwardRequest, walkForwardOutput).mutation(({ ctx, input, signal }) =>
  runWalkForward(ctx.services, input, { userId: ctx.user.id, signal }),
);
/** REST only; on tRPC the sweep is the subscription below. */
const sweepOnce = operation(backtestProcedure, sweepRequest, sweepOutput).mutation(({ ctx, input, signal }) =>
  runSweep(ctx.services, input, { userId: ctx.user.id, signal }),
);
const strategies = operationWithoutInput(publicProcedure, catalogOutput).query(() => getBacktestCatalog());

export const backtestRouter = createTRPCRouter({
  run: run.procedure,
  walkForward: walkForward.procedure,
  /**
   * Progress events `{ kind: "progress", done, total }` while it runs, then `{ kind: "result", result }`.
   * Refusals known before computing (input, market, limits, a run already going) fail the call itself.
   */
  sweep: backtestProcedure
    .input(sweepRequest)
    .subscription(async ({ ctx, input, signal }) =>
      withDomainErrors(await streamSweep(ctx.services, input, { userId: ctx.user.id, signal })),
    ),
  strategies: strategies.procedure,
});

// REST gets schemas of its own: trpc-to-openapi coerces the numbers of what it serves in place.
const rest = createBacktestSchemas();
const REQUEST_DOCS =
  "A JSON body: `market`, `interval`, `startTime`/`endTime` (epoch ms, candles opening from the start's bucket to the end's), " +
  "`strategy` and `params` (over its defaults; see GET /backtests/strategies), `initialCash` (quote asset, a decimal string), " +
  "`slippageBps` (default 5), `source` (`trades`: the market's own; `imported`: imported history). The sentiment strategy reads " +
  "the base asset's stored news unless `sentiment` points are sent. Limits: 200,000 candles, 20 s from the request's start " +
  "(`BACKTEST_TIMEOUT`, 412), one backtest per user at a time (`BACKTEST_ALREADY_RUNNING`, 429), and a busy instance answers " +
  "`BACKTEST_BUSY` (503, `Retry-After`).";

export const backtestRestRoutes = {
  strategies: strategies.rest(
    route("GET", "/backtests/strategies", {
      operationId: "listBacktestStrategies",
      summary: "Strategies with their parameters' bounds and defaults, the choices and the limits",
      description: "Everything a form needs to build a valid backtest request.",
      tag,
      access: "public",
    }),
  ),
  run: run.rest(
    route("POST", "/backtests", {
      operationId: "runBacktest",
      summary: "Run a strategy over a market's candles, beside buy-and-hold",
      description: `${REQUEST_DOCS} Amounts in the answer are decimal strings; times are epoch ms.`,
      tag,
      access: "research",
    }),
    rest.backtestRequest,
  ),
  sweep: sweepOnce.rest(
    route("POST", "/backtests/sweep", {
      operationId: "sweepBacktest",
      summary: "Run every combination of a parameter grid, ranked by an objective",
      description: `${REQUEST_DOCS} Plus \`grid\` ({ parameter: [values] }, at most 500 combinations and 5,000,000 candle steps) and \`objective\` (default sharpe). Progress is streamed by the tRPC subscription backtest.sweep.`,
      tag,
      access: "research",
    }),
    rest.sweepRequest,
  ),
  walkForward: walkForward.rest(
    route("POST", "/backtests/walk-forward", {
      operationId: "walkForwardBacktest",
      summary: "Pick the best grid parameters in-sample, then run them out-of-sample",
      description: `${REQUEST_DOCS} Plus \`grid\`, \`objective\` and \`inSampleFraction\` (0.5 … 0.9, default 0.7).`,
      tag,
      access: "research",
    }),
    rest.walkForwardRequest,
  ),
};
