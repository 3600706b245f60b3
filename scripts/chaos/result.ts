import type { OrderVerdict } from "./verify";

/**
 * One fault's line in the chaos table, and the named checks behind its verdict. A fault passes
 * when nothing acknowledged was lost, nothing was duplicated, the audit is clean and every check
 * held.
 */
export interface Check {
  name: string;
  ok: boolean;
  detail: string;
}

export interface FaultResult {
  fault: string;
  sent: number;
  acked: number;
  lost: number;
  duplicated: number;
  /** "clean", or the audit checks that found breaches. */
  audit: string;
  /** The worst time from the fault's end to service again, in ms; null where it does not apply. */
  recoveryMs: number | null;
  checks: Check[];
  notes: string[];
}

export const check = (name: string, ok: boolean, detail: string): Check => ({ name, ok, detail });

/** The columns every order-carrying fault fills the same way, from its verdict and its audit. */
export function verdictColumns(verdict: OrderVerdict, failedAudit: readonly string[]) {
  return {
    sent: verdict.sent,
    acked: verdict.acked,
    lost: verdict.lost,
    duplicated: verdict.duplicated,
    audit: failedAudit.length === 0 ? "clean" : failedAudit.join(", "),
    notes: [verdict.outcomes, ...verdict.problems],
  };
}

export const passed = (result: FaultResult) =>
  result.lost === 0 && result.duplicated === 0 && result.audit === "clean" && result.checks.every((c) => c.ok);

const seconds = (ms: number | null) => (ms === null ? "–" : `${(ms / 1000).toFixed(1)} s`);

export function formatTable(results: readonly FaultResult[]): string {
  const header = ["fault", "sent", "acked", "lost", "dup", "audit", "recovery", "result"];
  const rows = results.map((r) => [
    r.fault,
    String(r.sent),
    String(r.acked),
    String(r.lost),
    String(r.duplicated),
    r.audit,
    seconds(r.recoveryMs),
    passed(r) ? "pass" : "FAIL",
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]?.length ?? 0)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join(" | ")} |`;
  const rule = `|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`;
  const table = [line(header), rule, ...rows.map(line)].join("\n");
  const details = results
    .flatMap((r) => [
      `\n${r.fault}:`,
      ...r.checks.map((c) => `  ${c.ok ? "ok  " : "FAIL"} ${c.name}: ${c.detail}`),
      ...r.notes.map((n) => `  note ${n}`),
    ])
    .join("\n");
  return `${table}\n${details}`;
}
