"use client";

import { useTheme } from "next-themes";
import { Toaster } from "sonner";

/** Sonner, following the page's theme, at the corner least likely to cover the order form. */
export function AppToaster() {
  const { resolvedTheme } = useTheme();
  return (
    <Toaster
      theme={resolvedTheme === "dark" ? "dark" : "light"}
      position="bottom-left"
      richColors
      closeButton
      toastOptions={{ className: "tabular-nums" }}
    />
  );
}
