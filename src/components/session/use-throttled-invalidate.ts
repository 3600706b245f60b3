"use client";

import { type QueryKey, useQueryClient } from "@tanstack/react-query";
import { useCallback, useEffect, useRef } from "react";

const WINDOW_MS = 250;

/**
 * Invalidates queries at most once per window: a burst of stream events (a sweep through the
 * book fills many orders at once) becomes one refetch per query, not one per event.
 */
export function useThrottledInvalidate() {
  const queryClient = useQueryClient();
  const pending = useRef(new Map<string, QueryKey>());
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);

  useEffect(
    () => () => {
      if (timer.current) clearTimeout(timer.current);
    },
    [],
  );

  return useCallback(
    (keys: readonly QueryKey[]) => {
      for (const key of keys) pending.current.set(JSON.stringify(key), key);
      if (timer.current) return;
      timer.current = setTimeout(() => {
        timer.current = null;
        const batch = [...pending.current.values()];
        pending.current.clear();
        for (const queryKey of batch) void queryClient.invalidateQueries({ queryKey });
      }, WINDOW_MS);
    },
    [queryClient],
  );
}
