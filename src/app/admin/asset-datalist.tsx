"use client";

import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "@/trpc/react";

/** The assets as suggestions for an asset field (`list={id}`); typing any symbol still works. */
export function AssetDatalist({ id }: { id: string }) {
  const trpc = useTRPC();
  const assets = useQuery(trpc.asset.list.queryOptions());
  return (
    <datalist id={id}>
      {assets.data?.map((a) => (
        <option key={a.symbol} value={a.symbol} />
      ))}
    </datalist>
  );
}
