/**
 * Progress of a long command (an import, a parameter sweep) on stderr. On a terminal: one line
 * redrawn in place, at most every REDRAW_MS so that drawing never costs more than the work.
 * Otherwise (a pipe, a log file, CI): a plain line at every tenth of the way, never a carriage return.
 */
const REDRAW_MS = 100;
const BAR_CELLS = 30;

export interface ProgressFigures {
  done: number;
  total: number;
  rows: number;
  elapsedMs: number;
}

const mb = (bytes: number) => (bytes / 2 ** 20).toFixed(1);
const grouped = (n: number) => Math.round(n).toLocaleString("en-US");

export function rowsPerSecond(rows: number, elapsedMs: number): number {
  return elapsedMs > 0 ? (rows * 1000) / elapsedMs : 0;
}

/** "[########------]  25%": the bar and the share done. */
export function progressBar(done: number, total: number): string {
  const share = total > 0 ? Math.min(1, done / total) : 0;
  const filled = Math.round(share * BAR_CELLS);
  const percent = `${Math.floor(share * 100)}%`.padStart(4);
  return `[${"#".repeat(filled)}${"-".repeat(BAR_CELLS - filled)}] ${percent}`;
}

/** An import's line: bytes read of total, rows, rows per second. */
export function progressLine({ done, total, rows, elapsedMs }: ProgressFigures): string {
  return `${progressBar(done, total)}  ${mb(done)}/${mb(total)} MB  ${grouped(rows)} rows  ${grouped(rowsPerSecond(rows, elapsedMs))} rows/s`;
}

export interface ProgressSink {
  /** Redraws the line in place (terminals only). */
  status?: (text: string) => void;
  err: (text: string) => void;
}

/**
 * A reporter for one long task (an import's file by default, or any count with `render`):
 * `update` as often as wanted, `end` once.
 */
export function createProgress(
  sink: ProgressSink,
  label: string,
  total: number,
  now: () => number = () => performance.now(),
  render: (figures: ProgressFigures) => string = progressLine,
) {
  const started = now();
  let lastDrawMs = Number.NEGATIVE_INFINITY;
  let lastTenth = 0;
  return {
    update(done: number, rows: number): void {
      const figures = { done, total, rows, elapsedMs: now() - started };
      if (sink.status) {
        if (figures.elapsedMs - lastDrawMs < REDRAW_MS) return;
        lastDrawMs = figures.elapsedMs;
        sink.status(`${label} ${render(figures)}`);
        return;
      }
      const tenth = total > 0 ? Math.floor((done / total) * 10) : 0;
      if (tenth <= lastTenth || tenth >= 10) return;
      lastTenth = tenth;
      sink.err(`${label} ${render(figures)}`);
    },
    end(): void {
      sink.status?.("");
    },
  };
}
