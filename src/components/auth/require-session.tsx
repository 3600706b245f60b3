"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import type { ReactNode } from "react";
import { useTRPC } from "@/trpc/react";
import type { RouterOutputs } from "@/trpc/types";
import { errorInfo } from "./trpc-error";

type Profile = RouterOutputs["account"]["me"];

/**
 * Shows `children(profile)` to a signed-in visitor (and, with `requiredRole`, only to that role); anyone
 * else gets a way to sign in. This only shapes the page: every call behind it is authorised by
 * the server on its own.
 */
export function RequireSession({
  callbackPath,
  requiredRole,
  children,
}: {
  callbackPath: string;
  requiredRole?: "admin";
  children: (profile: Profile) => ReactNode;
}) {
  const trpc = useTRPC();
  const me = useQuery(trpc.account.me.queryOptions(undefined, { retry: false, staleTime: 60_000 }));
  if (me.isPending) return <p className="py-10 text-center text-sm text-muted">Loading…</p>;
  if (me.isError) {
    if (errorInfo(me.error).httpStatus !== 401) {
      return (
        <p role="alert" className="py-10 text-center text-sm text-sell">
          {errorInfo(me.error).message}
        </p>
      );
    }
    return (
      <div className="mx-auto max-w-md rounded-lg border border-line bg-panel p-6 text-center">
        <p className="mb-4">You need to sign in to see this page.</p>
        <Link
          href={`/sign-in?callbackUrl=${encodeURIComponent(callbackPath)}`}
          className="inline-flex h-11 items-center rounded-md bg-accent px-4 font-medium text-white md:h-10"
        >
          Sign in
        </Link>
      </div>
    );
  }
  if (requiredRole && me.data.role !== requiredRole) {
    return (
      <p role="alert" className="mx-auto max-w-md rounded-lg border border-line bg-panel p-6 text-center">
        This page is for administrators.
      </p>
    );
  }
  return <>{children(me.data)}</>;
}
