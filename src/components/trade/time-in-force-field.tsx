"use client";

import { ToggleGroup } from "radix-ui";
import { useId } from "react";
import type { OrderType } from "@/domain/types";
import { allowsPostOnly, POST_ONLY_HELP, TIME_IN_FORCE, TIME_IN_FORCE_TEXT, type TimeInForce } from "@/order-maths/time-in-force";

interface TimeInForceFieldProps {
  type: OrderType;
  timeInForce: TimeInForce;
  postOnly: boolean;
  onTimeInForce: (next: TimeInForce) => void;
  onPostOnly: (next: boolean) => void;
}

// Both branches share this frame (one control row, one helper line), so switching limit/market
// never moves the fields below.
const ROW = "flex h-12 items-center gap-2 md:h-8";
// min-height counts the padding, so an empty and a one-line helper are the same 18px.
const HELP = "min-h-[18px] pt-0.5 text-[11px] leading-4 text-muted";

/** GTC/IOC/FOK and post-only for limit orders; for market orders, a note that they are IOC. */
export function TimeInForceField({ type, timeInForce, postOnly, onTimeInForce, onPostOnly }: TimeInForceFieldProps) {
  const helpId = useId();
  if (type === "MARKET") {
    return (
      <div data-testid="tif-market">
        <div className={`${ROW} justify-between text-xs`}>
          <span className="text-muted">Time in force</span>
          <span className="font-medium" title={TIME_IN_FORCE_TEXT.IOC.name}>
            IOC
          </span>
        </div>
        <p className={HELP}>Market orders fill now and cancel the rest.</p>
      </div>
    );
  }
  const canPostOnly = allowsPostOnly(timeInForce);
  return (
    <div>
      <div className={ROW}>
        <ToggleGroup.Root
          type="single"
          value={timeInForce}
          onValueChange={(next) => next && onTimeInForce(next as TimeInForce)}
          aria-label="Time in force"
          aria-describedby={helpId}
          className="grid flex-1 grid-cols-3 gap-0.5 rounded-md bg-panel-2 p-0.5"
        >
          {TIME_IN_FORCE.map((tif) => (
            <ToggleGroup.Item
              key={tif}
              value={tif}
              title={TIME_IN_FORCE_TEXT[tif].name}
              aria-label={`${tif}: ${TIME_IN_FORCE_TEXT[tif].name}`}
              className="h-11 rounded text-xs font-medium text-muted data-[state=on]:bg-panel data-[state=on]:text-fg data-[state=on]:shadow-sm md:h-7"
              data-testid={`tif-${tif.toLowerCase()}`}
            >
              {tif}
            </ToggleGroup.Item>
          ))}
        </ToggleGroup.Root>
        <label
          title={canPostOnly ? POST_ONLY_HELP : "Post-only needs GTC: an IOC or FOK order never rests"}
          className={`flex h-full shrink-0 items-center gap-1.5 pl-1 text-xs ${canPostOnly ? "cursor-pointer" : "cursor-not-allowed opacity-50"}`}
        >
          <input
            type="checkbox"
            className="size-4 accent-accent"
            checked={postOnly && canPostOnly}
            disabled={!canPostOnly}
            onChange={(event) => onPostOnly(event.target.checked)}
            aria-describedby={helpId}
            data-testid="post-only"
          />
          Post-only
        </label>
      </div>
      <p id={helpId} className={HELP} data-testid="tif-help">
        {postOnly && canPostOnly
          ? POST_ONLY_HELP
          : `${TIME_IN_FORCE_TEXT[timeInForce].name}: ${TIME_IN_FORCE_TEXT[timeInForce].help}`}
      </p>
    </div>
  );
}
