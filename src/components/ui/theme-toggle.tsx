"use client";

import { Monitor, Moon, Sun } from "lucide-react";
import { useTheme } from "next-themes";
import { useEffect, useState } from "react";

const NEXT = { system: "light", light: "dark", dark: "system" } as const;
type Choice = keyof typeof NEXT;

function isChoice(value: string | undefined): value is Choice {
  return value === "system" || value === "light" || value === "dark";
}

/** Cycles system → light → dark. The icon shows the current choice once mounted (the server cannot know it). */
export function ThemeToggle() {
  const { theme, setTheme } = useTheme();
  const [isMounted, setIsMounted] = useState(false);
  useEffect(() => setIsMounted(true), []);
  const current: Choice = isMounted && isChoice(theme) ? theme : "system";
  const Icon = current === "light" ? Sun : current === "dark" ? Moon : Monitor;
  return (
    <button
      type="button"
      onClick={() => setTheme(NEXT[current])}
      className="grid size-11 place-items-center rounded-md text-muted hover:bg-panel-2 hover:text-fg md:size-9"
      aria-label={`Theme: ${current}. Switch to ${NEXT[current]}`}
      title={`Theme: ${current}`}
      data-testid="theme-toggle"
    >
      <Icon className="size-4" aria-hidden />
    </button>
  );
}
