import { describe, expect, it } from "vitest";
import { createProgress, progressLine, rowsPerSecond } from "./progress";

describe("[CLI] import progress", () => {
  it("draws bytes read of total, rows and rows per second", () => {
    expect(progressLine({ done: 5 * 2 ** 20, total: 20 * 2 ** 20, rows: 12_345, elapsedMs: 2_000 })).toBe(
      "[########----------------------]  25%  5.0/20.0 MB  12,345 rows  6,173 rows/s",
    );
    expect(progressLine({ done: 0, total: 0, rows: 0, elapsedMs: 0 })).toContain("  0%");
    expect(rowsPerSecond(10, 0)).toBe(0);
  });

  it("redraws a terminal's line at most every 100 ms and clears it at the end", () => {
    const drawn: string[] = [];
    let clock = 0;
    const progress = createProgress({ status: (t) => void drawn.push(t), err: () => {} }, "a.csv", 100, () => clock);
    for (clock = 0; clock < 1_000; clock += 10) progress.update(clock / 10, clock);
    progress.end();
    expect(drawn.length).toBe(11);
    expect(drawn[0]).toMatch(/^a\.csv \[/);
    expect(drawn.at(-1)).toBe("");
  });

  it("prints a plain line at each tenth when stderr is not a terminal", () => {
    const lines: string[] = [];
    const progress = createProgress({ err: (t) => void lines.push(t) }, "a.csv", 1_000, () => 0);
    for (let done = 0; done <= 1_000; done += 7) progress.update(done, done);
    progress.end();
    expect(lines.map((l) => l.match(/(\d+)%/)?.[1])).toEqual(["10", "20", "30", "40", "50", "60", "70", "80", "90"]);
    expect(lines.join("")).not.toContain("\r");
  });
});
