"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { signOut } from "next-auth/react";
import { useState } from "react";
import { useTRPC } from "@/trpc/react";

/**
 * Signs out of this browser; with `everywhere`, first revokes every session of the account on
 * every device. Styling is left to the caller (className), so any header can host it.
 */
export function SignOutButton({ everywhere = false, className }: { everywhere?: boolean; className?: string }) {
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const revokeAll = useMutation(trpc.account.signOutEverywhere.mutationOptions());
  const [isBusy, setIsBusy] = useState(false);

  async function onClick() {
    setIsBusy(true);
    try {
      if (everywhere) await revokeAll.mutateAsync().catch(() => undefined);
      await signOut({ redirect: false });
    } finally {
      // Nothing fetched while signed in may be shown to whoever uses the browser next.
      queryClient.clear();
      setIsBusy(false);
      router.push("/");
      router.refresh();
    }
  }

  return (
    <button
      type="button"
      onClick={onClick}
      disabled={isBusy}
      aria-busy={isBusy}
      className={
        className ??
        "inline-flex h-9 items-center rounded-md border border-line px-3 text-sm font-medium hover:bg-panel-2 disabled:opacity-60"
      }
    >
      {isBusy ? "Signing out…" : everywhere ? "Sign out everywhere" : "Sign out"}
    </button>
  );
}
