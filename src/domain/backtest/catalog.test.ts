import { describe, expect, it } from "vitest";
import { strategyCatalog } from "./catalog";
import { STRATEGIES, STRATEGY_NAMES } from "./registry";

describe("[BACKTEST] the strategy catalog", () => {
  it("lists every strategy with its parameters' kinds, bounds and defaults, read from its schema", () => {
    const catalog = strategyCatalog();
    expect(catalog.map((s) => s.name)).toEqual([...STRATEGY_NAMES]);
    expect(catalog[0]).toEqual({
      name: "sma-cross",
      summary: STRATEGIES["sma-cross"].summary,
      parameters: [
        { name: "fast", kind: "integer", min: 1, max: 500, default: 10 },
        { name: "slow", kind: "integer", min: 2, max: 1_000, default: 30 },
      ],
      rules: ["fast must be shorter than slow"],
      readsNews: false,
    });
    const sentiment = catalog.find((s) => s.name === "sentiment");
    expect(sentiment).toMatchObject({ readsNews: true, rules: ["exitBelow must be below enterAbove"] });
    expect(sentiment?.parameters.find((p) => p.name === "enterAbove")).toEqual({
      name: "enterAbove",
      kind: "number",
      min: -1,
      max: 1,
      default: 0.3,
    });
  });

  it("each rule is the text the schema refuses with", () => {
    for (const name of STRATEGY_NAMES) {
      const strategy = STRATEGIES[name];
      for (const rule of strategy.rules) {
        // Swap the two values the rule relates: the schema must say exactly that rule.
        const keys = Object.keys(strategy.defaults).filter((key) => rule.includes(key));
        expect(keys, rule).toHaveLength(2);
        const [a = "", b = ""] = keys;
        const swapped = { ...strategy.defaults, [a]: strategy.defaults[b], [b]: strategy.defaults[a] };
        const messages = strategy.params.safeParse(swapped).error?.issues.map((issue) => issue.message);
        expect(messages, name).toContain(rule);
      }
    }
  });
});
