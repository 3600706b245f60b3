const PERCENTS = [25, 50, 75, 100] as const;

/** 25/50/75/100 % of what is available; disabled when nothing is. */
export function PercentButtons({ onPick, isDisabled }: { onPick: (percent: number) => void; isDisabled: boolean }) {
  return (
    <fieldset className="grid grid-cols-4 gap-1.5">
      <legend className="sr-only">Share of available balance</legend>
      {PERCENTS.map((p) => (
        <button
          key={p}
          type="button"
          disabled={isDisabled}
          onClick={() => onPick(p)}
          className="h-11 rounded border border-line text-xs text-muted hover:border-accent hover:text-fg disabled:opacity-40 md:h-7"
          data-testid={`percent-${p}`}
        >
          {p}%
        </button>
      ))}
    </fieldset>
  );
}
