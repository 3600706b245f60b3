"use client";

import type { ReactNode } from "react";
import { TabsContent, TabsList, TabsRoot, TabsTrigger } from "./tabs";

export interface PanelTab {
  value: string;
  label: ReactNode;
  content: ReactNode;
}

/**
 * A panel whose body is one of its tabs, the first open to begin with: each tab is named once
 * and gets its trigger and its content from that. `children` sit between the triggers and the
 * content, whichever tab is open (column headings shared by every tab).
 */
export function PanelTabs({
  label,
  tabs,
  className,
  contentClassName,
  children,
}: {
  label: string;
  tabs: readonly PanelTab[];
  className: string;
  contentClassName: string;
  children?: ReactNode;
}) {
  return (
    <TabsRoot defaultValue={tabs[0]?.value} className={className}>
      <TabsList aria-label={label}>
        {tabs.map((tab) => (
          <TabsTrigger key={tab.value} value={tab.value}>
            {tab.label}
          </TabsTrigger>
        ))}
      </TabsList>
      {children}
      {tabs.map((tab) => (
        <TabsContent key={tab.value} value={tab.value} className={contentClassName}>
          {tab.content}
        </TabsContent>
      ))}
    </TabsRoot>
  );
}
