/**
 * The strategies as a form needs them: each parameter's kind, bounds and default, read from the
 * strategy's own zod schema (its JSON Schema), so a bound is stated once, where it is enforced.
 */
import { z } from "zod";
import { assert } from "../errors";
import { STRATEGIES, STRATEGY_NAMES, type StrategyName } from "./registry";
import type { Strategy } from "./strategies/strategy";

export interface ParameterSpec {
  name: string;
  /** integer: a whole number (a period in candles); number: any value within the bounds. */
  kind: "integer" | "number";
  min: number;
  max: number;
  default: number;
}

export interface StrategySpec {
  name: StrategyName;
  summary: string;
  parameters: ParameterSpec[];
  /** Checks across parameters, in words ("fast must be shorter than slow"). */
  rules: string[];
  /** Reads news sentiment: the stored news of the market's base asset unless the request sends points. */
  readsNews: boolean;
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null;

function parameterSpecs(strategy: Strategy): ParameterSpec[] {
  const schema = z.toJSONSchema(strategy.params, { io: "input" });
  const properties = isRecord(schema.properties) ? schema.properties : {};
  return Object.entries(properties).map(([name, property]) => {
    assert(isRecord(property), "a strategy parameter has a schema");
    const { type, minimum, maximum } = property;
    const fallback = strategy.defaults[name];
    assert(type === "integer" || type === "number", "a strategy parameter is a number");
    assert(typeof minimum === "number" && typeof maximum === "number", "a strategy parameter is bounded");
    assert(fallback !== undefined, "a strategy parameter has a default");
    return { name, kind: type, min: minimum, max: maximum, default: fallback };
  });
}

export function strategyCatalog(): StrategySpec[] {
  return STRATEGY_NAMES.map((name) => {
    const strategy = STRATEGIES[name];
    return {
      name,
      summary: strategy.summary,
      parameters: parameterSpecs(strategy),
      rules: [...strategy.rules],
      readsNews: strategy.readsNews,
    };
  });
}
