import { writeFile } from "node:fs/promises";
import { round, type Summary } from "./stats";

/**
 * Every figure of a run beside its baseline: rows as cases finish, comparisons and targets
 * resolved at the end (a baseline may be measured after the row that refers to it), printed as
 * Markdown tables (ready for BENCHMARKS.md) and written as JSON.
 */

export type Metric = "perSecond" | "p50Ms" | "p99Ms" | "statements" | "roundTrips";

export interface Comparison {
  /** The id of the baseline row. */
  against: string;
  metric: Metric;
}

export interface Row {
  id: string;
  group: string;
  name: string;
  clients: number | null;
  ops: number | null;
  perSecond: number | null;
  p50Ms: number | null;
  p99Ms: number | null;
  statements: number | null;
  roundTrips: number | null;
  errors: number;
  firstError: string | null;
  /** Free-form figures (RSS, delivered of expected…), printed in the "also" column. */
  also: Record<string, number | string>;
  vs: Comparison[];
}

export interface Target {
  text: string;
  row: string;
  metric: Metric;
  /** With a baseline: the ratio row ÷ baseline must be ≥ min. Without: the value must be ≤ max. */
  against?: string;
  min?: number;
  max?: number;
}

interface ResolvedComparison extends Comparison {
  value: number | null;
  baseline: number | null;
  ratio: number | null;
}

interface EvaluatedTarget extends Target {
  value: number | null;
  baseline: number | null;
  ratio: number | null;
  met: boolean | null;
}

export type RowInput = Pick<Row, "id" | "group" | "name"> & Partial<Omit<Row, "id" | "group" | "name">>;

export function summaryFigures(summary: Summary): Partial<Row> {
  return {
    ops: summary.ops,
    perSecond: summary.perSecond,
    p50Ms: summary.p50Ms,
    p99Ms: summary.p99Ms,
    errors: summary.errors,
    firstError: summary.firstError,
  };
}

export class Report {
  readonly rows: Row[] = [];
  readonly skipped: { what: string; reason: string }[] = [];

  add(input: RowInput): Row {
    const { id, group, name, ...figures } = input;
    const row: Row = {
      id,
      group,
      name,
      clients: null,
      ops: null,
      perSecond: null,
      p50Ms: null,
      p99Ms: null,
      statements: null,
      roundTrips: null,
      errors: 0,
      firstError: null,
      also: {},
      vs: [],
      ...figures,
    };
    this.rows.push(row);
    console.log(`  ${progressLine(row)}`);
    return row;
  }

  skip(what: string, reason: string): void {
    this.skipped.push({ what, reason });
    console.log(`  skipped: ${what} — ${reason}`);
  }

  get(id: string): Row | undefined {
    return this.rows.find((r) => r.id === id);
  }

  value(id: string, metric: Metric): number | null {
    const value = this.get(id)?.[metric] ?? null;
    return value !== null && Number.isFinite(value) ? value : null;
  }

  private resolve(comparison: Comparison, rowId: string): ResolvedComparison {
    const value = this.value(rowId, comparison.metric);
    const baseline = this.value(comparison.against, comparison.metric);
    const ratio = value !== null && baseline !== null && baseline !== 0 ? round(value / baseline, 3) : null;
    return { ...comparison, value, baseline, ratio };
  }

  evaluate(targets: readonly Target[]): EvaluatedTarget[] {
    return targets.map((target) => {
      if (target.against) {
        const { value, baseline, ratio } = this.resolve({ against: target.against, metric: target.metric }, target.row);
        return { ...target, value, baseline, ratio, met: ratio === null ? null : ratio >= (target.min ?? 1) };
      }
      const value = this.value(target.row, target.metric);
      return { ...target, value, baseline: null, ratio: null, met: value === null ? null : value <= (target.max ?? 0) };
    });
  }

  failedRows(): Row[] {
    return this.rows.filter((r) => r.errors > 0);
  }

  print(targets: readonly Target[]): void {
    const results = this.rows.map((row) => [
      row.group,
      row.name,
      show(row.clients),
      show(row.ops),
      show(row.perSecond),
      show(row.p50Ms),
      show(row.p99Ms),
      alsoText(row),
      row.vs.map((c) => comparisonText(this.resolve(c, row.id), this.get(c.against))).join("; "),
    ]);
    console.log("\n## Results (ratio = figure ÷ baseline, same run)\n");
    console.log(markdownTable(["group", "case", "clients", "n", "/s", "p50 ms", "p99 ms", "also", "vs baseline"], results));
    const evaluated = this.evaluate(targets).map((t) => [
      t.text,
      this.get(t.row)?.name ?? t.row,
      t.against ? (this.get(t.against)?.name ?? t.against) : "—",
      t.against ? percent(t.ratio) : `${show(t.value)} ms`,
      t.against ? `≥ ${percent(t.min ?? 1)}` : `≤ ${t.max} ms`,
      t.met === null ? "n/a" : t.met ? "yes" : "NO",
    ]);
    console.log("\n## Targets (issue 10)\n");
    console.log(markdownTable(["target", "figure", "baseline", "measured", "wanted", "met"], evaluated));
    if (this.skipped.length > 0) {
      console.log("\nSkipped:");
      for (const s of this.skipped) console.log(`- ${s.what}: ${s.reason}`);
    }
  }

  async write(path: string, meta: Record<string, unknown>, targets: readonly Target[]): Promise<void> {
    const rows = this.rows.map((row) => ({ ...row, vs: row.vs.map((c) => this.resolve(c, row.id)) }));
    const body = { ...meta, rows, targets: this.evaluate(targets), skipped: this.skipped };
    await writeFile(path, `${JSON.stringify(body, null, 2)}\n`);
  }
}

const show = (value: number | null) => (value === null || !Number.isFinite(value) ? "" : String(value));
const percent = (ratio: number | null) => (ratio === null ? "n/a" : `${Math.round(ratio * 100)}%`);

function comparisonText(c: ResolvedComparison, baseline: Row | undefined): string {
  const label = baseline ? `${baseline.name}${baseline.clients ? ` @${baseline.clients}` : ""}` : c.against;
  return `${percent(c.ratio)} of ${label} (${metricLabel[c.metric]})`;
}

const metricLabel: Record<Metric, string> = {
  perSecond: "/s",
  p50Ms: "p50",
  p99Ms: "p99",
  statements: "statements",
  roundTrips: "round trips",
};

function alsoText(row: Row): string {
  const parts = Object.entries(row.also).map(([k, v]) => `${k} ${v}`);
  if (row.statements !== null) parts.unshift(`${row.statements} statements, ${row.roundTrips} round trips per order`);
  if (row.errors > 0) parts.push(`ERRORS ${row.errors}: ${row.firstError ?? ""}`);
  return parts.join(", ");
}

function progressLine(row: Row): string {
  const figures = [
    row.perSecond !== null ? `${row.perSecond}/s` : null,
    row.p50Ms !== null ? `p50 ${row.p50Ms} ms` : null,
    row.p99Ms !== null ? `p99 ${row.p99Ms} ms` : null,
    alsoText(row) || null,
  ].filter((f) => f !== null);
  return `${row.group} · ${row.name}${row.clients ? ` @${row.clients}` : ""}: ${figures.join(", ")}`;
}

function markdownTable(header: string[], rows: string[][]): string {
  const escapePipes = (cell: string) => cell.replaceAll("|", "\\|");
  const all = [header, ...rows].map((r) => r.map(escapePipes));
  const widths = header.map((_, i) => Math.max(3, ...all.map((r) => (r[i] ?? "").length)));
  const line = (r: string[]) => `| ${r.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join(" | ")} |`;
  const [head, ...body] = all;
  return [line(head ?? []), `| ${widths.map((w) => "-".repeat(w)).join(" | ")} |`, ...body.map(line)].join("\n");
}
