/**
 * Every bound the backtester keeps, in one place: the service checks requests against them before
 * loading anything, and the domain asserts them again so no caller can skip the check.
 */

/** Most candles one run simulates, gaps filled (200,000 one-minute candles is about 139 days). */
export const MAX_BACKTEST_CANDLES = 200_000;

/** Most parameter combinations one sweep or walk-forward may try. */
export const MAX_SWEEP_COMBINATIONS = 500;

/** Most candle steps (combinations × candles) one sweep may simulate: about 15 s on one busy core. */
export const MAX_SWEEP_CANDLE_STEPS = 5_000_000;

/** Most sentiment points one run may read. */
export const MAX_SENTIMENT_POINTS = 200_000;

/** Highest slippage a run may assume: 10% in basis points, like the fee cap. */
export const MAX_SLIPPAGE_BPS = 1_000;

/** How many candles the simulator steps between two calls of the caller's checkpoint. */
export const CHECKPOINT_EVERY_CANDLES = 4_096;

/** Most equity points an answer carries (sampled evenly; metrics use every point). */
export const MAX_EQUITY_POINTS = 1_000;

/** Most round trips an answer lists: the last ones (metrics count every one). */
export const MAX_TRADES = 500;

/** How long one backtest, sweep or walk-forward may take from its request's start (load, wait, compute). */
export const BACKTEST_TIMEOUT_MS = 20_000;
