"use client";

import { type FormEvent, useState } from "react";
import type { RouterInputs, RouterOutputs } from "@/trpc/types";

export type Catalog = RouterOutputs["backtest"]["strategies"];
export type StrategyName = Catalog["strategies"][number]["name"];
export type RunRequest = RouterInputs["backtest"]["run"];
export type SweepRequest = RouterInputs["backtest"]["sweep"];
export type Mode = "run" | "sweep" | "walk-forward";

export type Submitted =
  | { mode: "run"; request: RunRequest }
  | { mode: "sweep"; request: SweepRequest }
  | { mode: "walk-forward"; request: SweepRequest & { inSampleFraction: number } };

const DAY_MS = 86_400_000;
const inputClass = "h-11 rounded-md border border-line bg-panel-2 px-3 text-base md:h-9 md:text-sm";
const labelClass = "flex flex-col gap-1 text-xs font-medium text-muted";

const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);
/** A date field's day, in UTC: the start of it, or for the end of a range the last millisecond of it. */
const dayStart = (day: string) => Date.parse(`${day}T00:00:00.000Z`);
const dayEnd = (day: string) => Math.min(Date.parse(`${day}T23:59:59.999Z`), Date.now());

/** "5, 10, 20" → [5, 10, 20]; anything that is not a list of numbers → null. */
function parseList(text: string): number[] | null {
  const values = text
    .split(",")
    .map((part) => part.trim())
    .filter((part) => part.length > 0)
    .map(Number);
  return values.length > 0 && values.every(Number.isFinite) ? values : null;
}

interface FormState {
  market: string;
  interval: Catalog["intervals"][number];
  source: Catalog["sources"][number];
  strategy: StrategyName;
  from: string;
  to: string;
  initialCash: string;
  slippageBps: string;
  /** Per parameter: one value for a run, a comma list for a sweep. */
  values: Record<string, string>;
  objective: Catalog["objectives"][number];
  inSample: string;
}

function initialState(catalog: Catalog, markets: readonly string[]): FormState {
  const strategy = catalog.strategies[0];
  return {
    market: markets.includes("BTC-USD") ? "BTC-USD" : (markets[0] ?? ""),
    interval: "1h",
    source: catalog.defaults.source,
    strategy: strategy?.name ?? "sma-cross",
    from: isoDay(Date.now() - 30 * DAY_MS),
    to: isoDay(Date.now()),
    initialCash: "10000",
    slippageBps: String(catalog.defaults.slippageBps),
    values: Object.fromEntries((strategy?.parameters ?? []).map((p) => [p.name, String(p.default)])),
    objective: catalog.defaults.objective,
    inSample: String(catalog.defaults.inSampleFraction),
  };
}

/**
 * The parameters of a backtest, a sweep or a walk-forward, built from the server's catalog so a
 * bound is stated once (where it is enforced). The server checks everything again; this form only
 * spares a round trip for a typo.
 */
export function BacktestForm({
  catalog,
  markets,
  isBusy,
  onSubmit,
}: {
  catalog: Catalog;
  markets: readonly string[];
  isBusy: boolean;
  onSubmit: (submitted: Submitted) => void;
}) {
  const [mode, setMode] = useState<Mode>("run");
  const [state, setState] = useState(() => initialState(catalog, markets));
  const [problem, setProblem] = useState<string | null>(null);
  const strategy = catalog.strategies.find((s) => s.name === state.strategy) ?? catalog.strategies[0];
  const set = (patch: Partial<FormState>) => setState((old) => ({ ...old, ...patch }));

  const chooseStrategy = (name: StrategyName) => {
    const chosen = catalog.strategies.find((s) => s.name === name);
    set({ strategy: name, values: Object.fromEntries((chosen?.parameters ?? []).map((p) => [p.name, String(p.default)])) });
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const startTime = dayStart(state.from);
    const endTime = dayEnd(state.to);
    if (!Number.isFinite(startTime) || !Number.isFinite(endTime) || startTime > endTime)
      return setProblem("The range is empty: choose a start on or before its end.");
    const base = {
      market: state.market,
      interval: state.interval,
      source: state.source,
      strategy: state.strategy,
      startTime,
      endTime,
      initialCash: state.initialCash.trim(),
      slippageBps: Number(state.slippageBps),
    };
    const lists: Record<string, number[]> = {};
    for (const parameter of strategy?.parameters ?? []) {
      const list = parseList(state.values[parameter.name] ?? "");
      if (!list) return setProblem(`${parameter.name}: enter a number${mode === "run" ? "" : " or a comma-separated list"}.`);
      if (mode === "run" && list.length !== 1)
        return setProblem(`${parameter.name}: a run takes one value; a sweep takes a list.`);
      lists[parameter.name] = list;
    }
    setProblem(null);
    if (mode === "run") {
      const params = Object.fromEntries(Object.entries(lists).map(([name, [value]]) => [name, value ?? 0]));
      return onSubmit({ mode, request: { ...base, params } });
    }
    const sweep = { ...base, grid: lists, objective: state.objective };
    if (mode === "sweep") return onSubmit({ mode, request: sweep });
    onSubmit({ mode, request: { ...sweep, inSampleFraction: Number(state.inSample) } });
  };

  return (
    <form onSubmit={submit} aria-label="Backtest parameters" className="flex flex-col gap-4">
      <div role="tablist" aria-label="What to run" className="flex gap-1 rounded-md bg-panel-2 p-1 text-sm">
        {(["run", "sweep", "walk-forward"] as const).map((m) => (
          <button
            key={m}
            type="button"
            role="tab"
            aria-selected={mode === m}
            data-testid={`mode-${m}`}
            onClick={() => setMode(m)}
            className={`h-9 flex-1 rounded px-2 font-medium ${mode === m ? "bg-panel text-fg shadow-sm" : "text-muted"}`}
          >
            {m === "run" ? "Backtest" : m === "sweep" ? "Sweep" : "Walk-forward"}
          </button>
        ))}
      </div>
      <div className="grid grid-cols-2 gap-3">
        <label className={labelClass}>
          Market
          <select
            className={inputClass}
            value={state.market}
            onChange={(e) => set({ market: e.target.value })}
            data-testid="bt-market"
          >
            {markets.map((m) => (
              <option key={m}>{m}</option>
            ))}
          </select>
        </label>
        <label className={labelClass}>
          Interval
          <select
            className={inputClass}
            value={state.interval}
            onChange={(e) => set({ interval: e.target.value as FormState["interval"] })}
            data-testid="bt-interval"
          >
            {catalog.intervals.map((i) => (
              <option key={i}>{i}</option>
            ))}
          </select>
        </label>
        <label className={labelClass}>
          From (UTC)
          <input
            type="date"
            className={inputClass}
            value={state.from}
            onChange={(e) => set({ from: e.target.value })}
            data-testid="bt-from"
          />
        </label>
        <label className={labelClass}>
          To (UTC)
          <input
            type="date"
            className={inputClass}
            value={state.to}
            onChange={(e) => set({ to: e.target.value })}
            data-testid="bt-to"
          />
        </label>
        <label className={labelClass}>
          Candles
          <select
            className={inputClass}
            value={state.source}
            onChange={(e) => set({ source: e.target.value as FormState["source"] })}
          >
            {catalog.sources.map((s) => (
              <option key={s} value={s}>
                {s === "trades" ? "Bourse's own trades" : "Imported history"}
              </option>
            ))}
          </select>
        </label>
        <label className={labelClass}>
          Starting cash (quote)
          <input
            className={inputClass}
            inputMode="decimal"
            value={state.initialCash}
            onChange={(e) => set({ initialCash: e.target.value })}
          />
        </label>
        <label className={labelClass}>
          Slippage (bps)
          <input
            className={inputClass}
            inputMode="numeric"
            value={state.slippageBps}
            onChange={(e) => set({ slippageBps: e.target.value })}
          />
        </label>
        <label className={labelClass}>
          Strategy
          <select
            className={inputClass}
            value={state.strategy}
            onChange={(e) => chooseStrategy(e.target.value as StrategyName)}
            data-testid="bt-strategy"
          >
            {catalog.strategies.map((s) => (
              <option key={s.name}>{s.name}</option>
            ))}
          </select>
        </label>
      </div>
      {strategy && (
        <fieldset className="flex flex-col gap-2 rounded-md border border-line p-3">
          <legend className="px-1 text-xs font-medium text-muted">{strategy.summary}</legend>
          <div className="grid grid-cols-2 gap-3">
            {strategy.parameters.map((p) => (
              <label key={p.name} className={labelClass}>
                {p.name} ({p.min}–{p.max})
                <input
                  className={inputClass}
                  inputMode={mode === "run" ? "decimal" : "text"}
                  value={state.values[p.name] ?? ""}
                  placeholder={mode === "run" ? String(p.default) : `${p.default}, …`}
                  onChange={(e) => set({ values: { ...state.values, [p.name]: e.target.value } })}
                  data-testid={`bt-param-${p.name}`}
                />
              </label>
            ))}
          </div>
          {strategy.rules.length > 0 && <p className="text-xs text-muted">{strategy.rules.join(" ")}</p>}
          {strategy.readsNews && (
            <p className="text-xs text-muted">Reads the stored news sentiment of the market&apos;s base asset.</p>
          )}
        </fieldset>
      )}
      {mode !== "run" && (
        <div className="grid grid-cols-2 gap-3">
          <label className={labelClass}>
            Rank by
            <select
              className={inputClass}
              value={state.objective}
              onChange={(e) => set({ objective: e.target.value as FormState["objective"] })}
            >
              {catalog.objectives.map((o) => (
                <option key={o}>{o}</option>
              ))}
            </select>
          </label>
          {mode === "walk-forward" && (
            <label className={labelClass}>
              In-sample share ({catalog.limits.minInSampleFraction}–{catalog.limits.maxInSampleFraction})
              <input
                className={inputClass}
                inputMode="decimal"
                value={state.inSample}
                onChange={(e) => set({ inSample: e.target.value })}
              />
            </label>
          )}
          <p className="col-span-2 text-xs text-muted">
            Give each parameter a comma-separated list: every combination runs (at most {catalog.limits.maxCombinations}).
          </p>
        </div>
      )}
      {problem && (
        <p role="alert" className="text-sm text-sell">
          {problem}
        </p>
      )}
      <button
        type="submit"
        disabled={isBusy || markets.length === 0}
        data-testid="bt-submit"
        className="inline-flex h-11 items-center justify-center rounded-md bg-accent px-4 text-sm font-medium text-white disabled:opacity-60 md:h-10"
      >
        {isBusy ? "Running…" : mode === "run" ? "Run backtest" : mode === "sweep" ? "Run sweep" : "Run walk-forward"}
      </button>
    </form>
  );
}
