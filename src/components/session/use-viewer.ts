"use client";

import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "@/trpc/react";
import type { RouterOutputs } from "@/trpc/types";

export type ViewerStatus = "loading" | "signedIn" | "signedOut";
export type Profile = RouterOutputs["account"]["me"];

/**
 * Who is signed in, asked of the API itself (the session is resolved in the tRPC context), so the
 * UI and the server cannot disagree. The batch-stream link answers 200 even for a 401 result,
 * so a visitor's page logs no network errors.
 */
export function useViewer(): { status: ViewerStatus; profile: Profile | undefined } {
  const trpc = useTRPC();
  const me = useQuery(trpc.account.me.queryOptions(undefined, { retry: false, staleTime: 60_000 }));
  if (me.isPending) return { status: "loading", profile: undefined };
  if (me.isSuccess) return { status: "signedIn", profile: me.data };
  // 401 is the usual answer; any other failure also leaves the private panels closed.
  return { status: "signedOut", profile: undefined };
}
