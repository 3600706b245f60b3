import type { Metadata } from "next";
import { BacktestView } from "@/components/backtest/backtest-view";

export const metadata: Metadata = { title: "Backtest" };

export default function BacktestPage() {
  return (
    <main className="mx-auto w-full max-w-7xl px-3 py-6 sm:px-4">
      <h1 className="text-xl font-semibold">Backtest</h1>
      <p className="mt-1 mb-4 text-sm text-muted">
        Test a strategy on a market&apos;s candles, Bourse&apos;s own or imported, with its real rules and fees. Sweeps try a grid
        of parameters; a walk-forward tunes on the first part of the range and judges on the rest, so overfitting shows.
      </p>
      <BacktestView />
    </main>
  );
}
