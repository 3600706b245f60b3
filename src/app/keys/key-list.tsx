"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { errorInfo } from "@/components/auth/trpc-error";
import { useTRPC } from "@/trpc/react";

const when = (iso: string | null) => (iso ? new Date(iso).toLocaleString() : "never");

export function KeyList() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const keys = useQuery(trpc.apiKey.list.queryOptions());
  const revoke = useMutation(
    trpc.apiKey.revoke.mutationOptions({
      onSettled: () => queryClient.invalidateQueries({ queryKey: trpc.apiKey.list.queryKey() }),
    }),
  );
  const [confirming, setConfirming] = useState<string | null>(null);

  if (keys.isPending) return <p className="text-sm text-muted">Loading keys…</p>;
  if (keys.isError)
    return (
      <p role="alert" className="text-sm text-sell">
        {errorInfo(keys.error).message}
      </p>
    );

  return (
    <section aria-labelledby="your-keys" className="rounded-lg border border-line bg-panel">
      <h2 id="your-keys" className="border-b border-line px-4 py-3 font-semibold sm:px-6">
        Your keys ({keys.data.length})
      </h2>
      {revoke.isError && (
        <p role="alert" className="px-4 pt-3 text-sm text-sell sm:px-6">
          {errorInfo(revoke.error).message}
        </p>
      )}
      {keys.data.length === 0 ? (
        <p className="px-4 py-6 text-sm text-muted sm:px-6">No keys yet.</p>
      ) : (
        <ul className="divide-y divide-line">
          {keys.data.map((key) => (
            <li key={key.id} className="flex flex-col gap-2 px-4 py-3 sm:flex-row sm:items-center sm:justify-between sm:px-6">
              <div className="min-w-0">
                <p className="font-medium">{key.name}</p>
                <p className="text-sm text-muted">
                  <code className="font-mono">{key.prefix}…</code> · {key.scopes.join(", ")} · created {when(key.createdAt)} ·
                  last used {when(key.lastUsedAt)}
                </p>
              </div>
              {confirming === key.id ? (
                <div className="flex gap-2">
                  <button
                    type="button"
                    onClick={() => revoke.mutate({ id: key.id }, { onSettled: () => setConfirming(null) })}
                    className="inline-flex h-11 items-center rounded-md bg-sell px-3 text-sm font-medium text-white md:h-9"
                  >
                    Revoke now
                  </button>
                  <button
                    type="button"
                    onClick={() => setConfirming(null)}
                    className="inline-flex h-11 items-center rounded-md border border-line px-3 text-sm md:h-9"
                  >
                    Keep
                  </button>
                </div>
              ) : (
                <button
                  type="button"
                  onClick={() => setConfirming(key.id)}
                  aria-label={`Revoke ${key.name}`}
                  className="inline-flex h-11 items-center self-start rounded-md border border-line px-3 text-sm font-medium text-sell md:h-9 sm:self-auto"
                >
                  Revoke
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
