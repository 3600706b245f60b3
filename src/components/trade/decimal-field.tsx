"use client";

import { forwardRef, type InputHTMLAttributes, useId } from "react";

interface DecimalFieldProps extends Omit<InputHTMLAttributes<HTMLInputElement>, "type"> {
  label: string;
  unit: string;
  error?: string;
  hint?: string;
  /** Arrow up/down: move the value one tick or step (the caller knows which). */
  onStep?: (direction: 1 | -1) => void;
}

/**
 * A labelled amount input: text with a decimal keypad (type=number would step in floats and
 * reformat what was typed), the asset as a suffix, and its message linked for screen readers.
 */
export const DecimalField = forwardRef<HTMLInputElement, DecimalFieldProps>(function DecimalField(
  { label, unit, error, hint, onStep, className = "", ...input },
  ref,
) {
  const id = useId();
  const messageId = `${id}-message`;
  return (
    <div className={className}>
      <div className="flex h-11 items-center rounded-md border border-line bg-panel-2 focus-within:border-accent aria-invalid:border-sell md:h-10">
        <label htmlFor={id} className="w-20 shrink-0 pl-3 text-xs text-muted">
          {label}
        </label>
        <input
          ref={ref}
          id={id}
          type="text"
          inputMode="decimal"
          autoComplete="off"
          spellCheck={false}
          aria-invalid={error ? true : undefined}
          aria-describedby={error || hint ? messageId : undefined}
          className="h-full min-w-0 flex-1 bg-transparent px-2 text-right text-sm font-medium outline-none placeholder:text-muted/60"
          onKeyDown={(event) => {
            if (!onStep || (event.key !== "ArrowUp" && event.key !== "ArrowDown")) return;
            event.preventDefault();
            onStep(event.key === "ArrowUp" ? 1 : -1);
          }}
          {...input}
        />
        <span className="w-14 shrink-0 pr-3 text-right text-xs text-muted">{unit}</span>
      </div>
      {/* min-height counts the padding: an empty line and a one-line message are both 18px, so nothing jumps. */}
      <p
        id={messageId}
        className={`min-h-[18px] pt-0.5 text-[11px] leading-4 ${error ? "text-sell" : "text-muted"}`}
        role={error ? "alert" : undefined}
      >
        {error ?? hint ?? ""}
      </p>
    </div>
  );
});
