"use client";

import { ToggleGroup } from "radix-ui";
import type { OrderType } from "@/domain/types";
import type { Side } from "@/domain/types";

const SIDE_STYLE: Record<Side, string> = {
  BUY: "data-[state=on]:bg-buy data-[state=on]:text-white",
  SELL: "data-[state=on]:bg-sell data-[state=on]:text-white",
};

/** Buy or sell: the whole form takes the colour of the chosen side. */
export function SideToggle({ value, onChange }: { value: Side; onChange: (side: Side) => void }) {
  return (
    <ToggleGroup.Root
      type="single"
      value={value}
      onValueChange={(next) => next && onChange(next as Side)}
      aria-label="Side"
      className="grid grid-cols-2 gap-1 rounded-md bg-panel-2 p-1"
    >
      {(["BUY", "SELL"] as const).map((side) => (
        <ToggleGroup.Item
          key={side}
          value={side}
          className={`h-11 rounded text-sm font-semibold text-muted md:h-8 ${SIDE_STYLE[side]}`}
          data-testid={`side-${side.toLowerCase()}`}
        >
          {side === "BUY" ? "Buy" : "Sell"}
        </ToggleGroup.Item>
      ))}
    </ToggleGroup.Root>
  );
}

/** Limit or market. */
export function TypeToggle({ value, onChange }: { value: OrderType; onChange: (type: OrderType) => void }) {
  return (
    <ToggleGroup.Root
      type="single"
      value={value}
      onValueChange={(next) => next && onChange(next as OrderType)}
      aria-label="Order type"
      className="flex gap-4 border-b border-line"
    >
      {(["LIMIT", "MARKET"] as const).map((type) => (
        <ToggleGroup.Item
          key={type}
          value={type}
          className="-mb-px h-11 border-b-2 border-transparent text-[13px] font-medium text-muted data-[state=on]:border-accent data-[state=on]:text-fg md:h-9"
          data-testid={`type-${type.toLowerCase()}`}
        >
          {type === "LIMIT" ? "Limit" : "Market"}
        </ToggleGroup.Item>
      ))}
    </ToggleGroup.Root>
  );
}
