"use client";

import { Tabs } from "radix-ui";
import type { ComponentProps } from "react";

/** Radix tabs with the house look: underlined triggers, 44px tall on touch screens, 36px with a mouse. */
export const TabsRoot = Tabs.Root;
export const TabsContent = Tabs.Content;

export function TabsList({ className = "", ...rest }: ComponentProps<typeof Tabs.List>) {
  return <Tabs.List className={`flex shrink-0 items-stretch gap-1 border-b border-line px-2 ${className}`} {...rest} />;
}

export function TabsTrigger({ className = "", ...rest }: ComponentProps<typeof Tabs.Trigger>) {
  return (
    <Tabs.Trigger
      className={`-mb-px inline-flex h-11 items-center border-b-2 border-transparent px-2.5 text-[13px] font-medium text-muted hover:text-fg data-[state=active]:border-accent data-[state=active]:text-fg md:h-10 ${className}`}
      {...rest}
    />
  );
}
