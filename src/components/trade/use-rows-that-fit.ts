"use client";

import { useEffect, useRef, useState } from "react";

/**
 * How many ladder rows of `rowPx` fit per side in the measured element, so the book fills its
 * panel at any height instead of leaving a gap or a scrollbar. Bounded to keep renders cheap.
 */
export function useRowsThatFit(rowPx: number, reservedPx: number, fallback: number) {
  const ref = useRef<HTMLDivElement>(null);
  const [rows, setRows] = useState(fallback);
  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    const observer = new ResizeObserver(([entry]) => {
      const height = entry?.contentRect.height ?? 0;
      if (height > 0) setRows(Math.max(5, Math.min(40, Math.floor((height - reservedPx) / 2 / rowPx))));
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, [rowPx, reservedPx]);
  return { ref, rows };
}
