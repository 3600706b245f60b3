/**
 * Parameter grids: every combination of the values given per parameter, on top of base values,
 * in a fixed order (parameters by name, values as given, the last name varying fastest), so a
 * sweep's ranking never depends on how the caller ordered its keys.
 */
import { assert, DomainError } from "../errors";
import { MAX_SWEEP_CANDLE_STEPS, MAX_SWEEP_COMBINATIONS } from "./limits";
import type { StrategyParams } from "./types";

export type ParameterGrid = Readonly<Record<string, readonly number[]>>;

export function gridSize(grid: ParameterGrid): number {
  return Object.values(grid).reduce((size, values) => size * values.length, 1);
}

/** BACKTEST_TOO_LARGE unless the grid and its work over `candleCount` candles are within the limits. */
export function assertGridWithinLimits(grid: ParameterGrid, candleCount: number): void {
  const size = gridSize(grid);
  if (size > MAX_SWEEP_COMBINATIONS) {
    throw new DomainError("BACKTEST_TOO_LARGE", undefined, { maxCombinations: String(MAX_SWEEP_COMBINATIONS) });
  }
  if (size * candleCount > MAX_SWEEP_CANDLE_STEPS) {
    throw new DomainError("BACKTEST_TOO_LARGE", undefined, { maxCandleSteps: String(MAX_SWEEP_CANDLE_STEPS) });
  }
}

export function gridCombinations(base: StrategyParams, grid: ParameterGrid): StrategyParams[] {
  let combinations: StrategyParams[] = [{ ...base }];
  for (const name of Object.keys(grid).sort()) {
    const values = grid[name] ?? [];
    assert(values.length > 0, "every parameter in a grid has at least one value");
    combinations = combinations.flatMap((partial) => values.map((value) => ({ ...partial, [name]: value })));
  }
  return combinations;
}
