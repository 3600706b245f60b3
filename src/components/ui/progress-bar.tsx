/** A labelled bar with its share in per cent, announced as a progressbar; `done` of `total` (0 total: 0%). */
export function ProgressBar({ label, done, total, testId }: { label: string; done: number; total: number; testId?: string }) {
  const percent = total > 0 ? Math.min(100, Math.round((done / total) * 100)) : 0;
  return (
    <div className="flex flex-col gap-1.5" data-testid={testId}>
      <div className="flex justify-between text-sm">
        <span>{label}</span>
        <span className="tabular-nums text-muted">{percent}%</span>
      </div>
      <div
        role="progressbar"
        aria-label={label}
        aria-valuenow={percent}
        aria-valuemin={0}
        aria-valuemax={100}
        className="h-2 rounded bg-panel-2"
      >
        <div className="h-2 rounded bg-accent transition-[width]" style={{ width: `${percent}%` }} />
      </div>
    </div>
  );
}
