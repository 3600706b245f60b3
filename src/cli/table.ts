/** Plain-text tables for a terminal: padded columns, numbers right-aligned, no colours to strip. */

export interface Column {
  header: string;
  align?: "left" | "right";
}

export function renderTable(columns: readonly Column[], rows: readonly (readonly string[])[]): string {
  if (rows.length === 0) return "(none)";
  const widths = columns.map((column, i) => Math.max(column.header.length, ...rows.map((row) => (row[i] ?? "").length)));
  const line = (cells: readonly string[]) =>
    columns
      .map((column, i) => {
        const cell = cells[i] ?? "";
        const width = widths[i] ?? 0;
        return column.align === "right" ? cell.padStart(width) : cell.padEnd(width);
      })
      .join("  ")
      .trimEnd();
  return [line(columns.map((c) => c.header)), ...rows.map(line)].join("\n");
}

/** A number-like column: right-aligned. */
export const num = (header: string): Column => ({ header, align: "right" });
export const text = (header: string): Column => ({ header });

/** "2026-11-22T10:15:03.120Z" → "2026-11-22 10:15:03" (UTC, as sent). */
export function shortTime(iso: string): string {
  return iso
    .replace("T", " ")
    .replace(/\.\d+Z$/, "Z")
    .replace(/Z$/, "");
}
