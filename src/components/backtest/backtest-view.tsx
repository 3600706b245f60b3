"use client";

import { skipToken, useMutation, useQuery } from "@tanstack/react-query";
import { useSubscription } from "@trpc/tanstack-react-query";
import { useState } from "react";
import { errorInfo } from "@/components/auth/trpc-error";
import { RequireSession } from "@/components/auth/require-session";
import { PanelMessage } from "@/components/ui/panel";
import { ProgressBar } from "@/components/ui/progress-bar";
import type { SweepProgress } from "@/domain/backtest";
import { useTRPC } from "@/trpc/react";
import { BacktestForm, type Submitted, type SweepRequest } from "./backtest-form";
import { type MarketFacts, RunResults, type SweepView, SweepResults, WalkForwardResults } from "./backtest-results";

type Shown =
  | { kind: "none" }
  | { kind: "run"; view: Parameters<typeof RunResults>[0]["view"] }
  | { kind: "walk-forward"; view: Parameters<typeof WalkForwardResults>[0]["view"] }
  | { kind: "sweep"; view: SweepView }
  | { kind: "error"; message: string };

/** A sweep streams its progress; the subscription runs while `request` is set and ends at the result. */
function useSweep(request: SweepRequest | null, onDone: (shown: Shown) => void) {
  const trpc = useTRPC();
  const [progress, setProgress] = useState<SweepProgress | null>(null);
  useSubscription(
    trpc.backtest.sweep.subscriptionOptions(request ?? skipToken, {
      onStarted: () => setProgress({ done: 0, total: 0 }),
      onData: (event) => {
        if (event.kind === "progress") setProgress({ done: event.done, total: event.total });
        else {
          setProgress(null);
          onDone({ kind: "sweep", view: event.result });
        }
      },
      onError: (error) => {
        setProgress(null);
        onDone({ kind: "error", message: errorInfo(error).message });
      },
    }),
  );
  return progress;
}

function SweepProgressBar({ progress }: { progress: SweepProgress }) {
  const label = `Sweeping: ${progress.done} of ${progress.total || "…"} combinations`;
  return <ProgressBar label={label} done={progress.done} total={progress.total} testId="sweep-progress" />;
}

function Workbench() {
  const trpc = useTRPC();
  const catalog = useQuery(trpc.backtest.strategies.queryOptions(undefined, { staleTime: Number.POSITIVE_INFINITY }));
  const markets = useQuery(trpc.market.list.queryOptions());
  const run = useMutation(trpc.backtest.run.mutationOptions());
  const walkForward = useMutation(trpc.backtest.walkForward.mutationOptions());
  const [shown, setShown] = useState<Shown>({ kind: "none" });
  const [sweepRequest, setSweepRequest] = useState<SweepRequest | null>(null);
  const progress = useSweep(sweepRequest, (result) => {
    setSweepRequest(null);
    setShown(result);
  });
  const isBusy = run.isPending || walkForward.isPending || sweepRequest !== null;

  if (catalog.isError || markets.isError) return <PanelMessage tone="error">The backtest desk could not be loaded.</PanelMessage>;
  if (!catalog.data || !markets.data) return <PanelMessage>Loading…</PanelMessage>;

  const submit = async (submitted: Submitted) => {
    setShown({ kind: "none" });
    try {
      if (submitted.mode === "sweep") return setSweepRequest(submitted.request);
      if (submitted.mode === "run") setShown({ kind: "run", view: await run.mutateAsync(submitted.request) });
      else setShown({ kind: "walk-forward", view: await walkForward.mutateAsync(submitted.request) });
    } catch (error) {
      setShown({ kind: "error", message: errorInfo(error).message });
    }
  };
  const marketOf = (symbol: string): MarketFacts => {
    const market = markets.data.find((m) => m.symbol === symbol);
    return { priceTick: market?.priceTick ?? "0.01", quoteAsset: market?.quoteAsset ?? "" };
  };

  return (
    <div className="grid gap-4 lg:grid-cols-[22rem_minmax(0,1fr)]">
      <section className="h-fit rounded-md border border-line bg-panel p-3 sm:p-4">
        <BacktestForm catalog={catalog.data} markets={markets.data.map((m) => m.symbol)} isBusy={isBusy} onSubmit={submit} />
      </section>
      <div className="flex min-w-0 flex-col gap-4">
        {progress && <SweepProgressBar progress={progress} />}
        {(run.isPending || walkForward.isPending) && <PanelMessage>Computing on the server…</PanelMessage>}
        {shown.kind === "error" && (
          <p
            role="alert"
            className="rounded-md border border-sell/40 bg-sell/10 px-3 py-2 text-sm text-sell"
            data-testid="backtest-error"
          >
            {shown.message}
          </p>
        )}
        {shown.kind === "run" && <RunResults view={shown.view} market={marketOf(shown.view.market)} />}
        {shown.kind === "walk-forward" && <WalkForwardResults view={shown.view} market={marketOf(shown.view.market)} />}
        {shown.kind === "sweep" && <SweepResults view={shown.view} />}
        {shown.kind === "none" && !isBusy && (
          <PanelMessage>
            Choose a market, a range and a strategy. The simulator fills with the market&apos;s own tick, step, minimums and fees,
            and compares the strategy with buying and holding.
          </PanelMessage>
        )}
      </div>
    </div>
  );
}

export function BacktestView() {
  return <RequireSession callbackPath="/backtest">{() => <Workbench />}</RequireSession>;
}
