"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useInfiniteQuery, useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { Field, FormAlert } from "@/components/auth/form-parts";
import { errorInfo } from "@/components/auth/trpc-error";
import { LoadMore } from "@/components/orders/load-more";
import { formatDateTime } from "@/components/ui/time-format";
import { addNewsSourceInput } from "@/server/api/news-schemas";
import { useTRPC, useTRPCClient } from "@/trpc/react";
import type { RouterOutputs } from "@/trpc/types";
import { AssetDatalist } from "./asset-datalist";
import { buttonClass, quietButtonClass, Section } from "./section";

type NewsSource = RouterOutputs["news"]["sources"]["list"]["items"][number];

const STATUS: Record<NewsSource["status"], { text: string; tone: string }> = {
  pending: { text: "not fetched yet", tone: "bg-panel-2 text-muted" },
  ok: { text: "ok", tone: "bg-buy/15 text-buy" },
  failing: { text: "failing", tone: "bg-sell/15 text-sell" },
};
const PAGE = { limit: 50 };
const when = (iso: string | null) => (iso ? formatDateTime(iso) : "never");

function SourceRow({ source, onRemove, isBusy }: { source: NewsSource; onRemove: () => void; isBusy: boolean }) {
  const status = STATUS[source.status];
  return (
    <li
      className="flex flex-wrap items-start justify-between gap-2 px-3 py-2"
      data-testid="admin-news-source"
      data-status={source.status}
    >
      <div className="min-w-0 flex-1">
        <p className="text-sm">
          <span className="font-medium">{source.asset}</span>{" "}
          <span className={`ml-1 rounded px-1.5 py-0.5 text-xs ${status.tone}`} data-testid="admin-news-source-status">
            {status.text}
          </span>
          {source.kind && <span className="ml-1 text-xs text-muted">{source.kind}</span>}
        </p>
        <p className="break-all text-xs text-muted">{source.url}</p>
        <p className="text-xs text-muted">
          last fetched {when(source.lastFetchedAt)} · last success {when(source.lastSuccessAt)} · next{" "}
          {formatDateTime(source.nextDueAt)}
        </p>
        {source.lastError && (
          <p className="text-xs text-sell" data-testid="admin-news-source-error">
            {source.lastErrorCode}: {source.lastError}
            {source.consecutiveFailures > 1 && ` (${source.consecutiveFailures} failures in a row)`}
          </p>
        )}
      </div>
      <button
        type="button"
        disabled={isBusy}
        onClick={onRemove}
        className={`${quietButtonClass} text-sell`}
        aria-label={`Remove ${source.url} from ${source.asset}`}
      >
        Remove
      </button>
    </li>
  );
}

/** Feeds per asset: add one, see how each one's last fetch went (a broken feed says why), remove. */
export function NewsSourcesSection() {
  const trpc = useTRPC();
  const client = useTRPCClient();
  const queryClient = useQueryClient();
  const sources = useInfiniteQuery({
    queryKey: trpc.news.sources.list.infiniteQueryKey(PAGE),
    queryFn: ({ pageParam }) => client.news.sources.list.query({ ...PAGE, cursor: pageParam ?? undefined }),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.nextCursor,
    // The poller changes what a source says; an open console catches up on its own.
    refetchInterval: 30_000,
  });
  const [result, setResult] = useState<{ tone: "error" | "success"; text: string } | null>(null);
  const { register, handleSubmit, formState, reset } = useForm({
    resolver: zodResolver(addNewsSourceInput),
    defaultValues: { asset: "", url: "" },
  });
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.news.sources.pathKey() });
  const add = useMutation(trpc.news.sources.add.mutationOptions({ onSuccess: refresh }));
  const remove = useMutation(trpc.news.sources.remove.mutationOptions({ onSuccess: refresh }));
  const e = formState.errors;
  const items = sources.data?.pages.flatMap((page) => page.items) ?? [];

  const onSubmit = handleSubmit(async (input) => {
    try {
      const source = await add.mutateAsync(input);
      setResult({ tone: "success", text: `${source.url} added to ${source.asset}; the poller fetches it on its next round.` });
      reset({ asset: input.asset, url: "" });
    } catch (error) {
      setResult({ tone: "error", text: errorInfo(error).message });
    }
  });

  return (
    <Section id="admin-news-sources" title="News sources">
      <form onSubmit={onSubmit} noValidate aria-label="Add a news source" className="flex flex-col gap-3">
        {result && <FormAlert tone={result.tone}>{result.text}</FormAlert>}
        <AssetDatalist id="news-source-assets" />
        <div className="grid grid-cols-1 gap-3 sm:grid-cols-[10rem_minmax(0,1fr)]">
          <Field
            label="Asset"
            list="news-source-assets"
            autoCapitalize="characters"
            error={e.asset?.message}
            {...register("asset")}
          />
          <Field
            label="Feed URL (RSS, Atom or JSON Feed)"
            type="url"
            inputMode="url"
            error={e.url?.message}
            {...register("url")}
          />
        </div>
        <button type="submit" disabled={formState.isSubmitting} className={`${buttonClass} self-start`}>
          {formState.isSubmitting ? "Adding…" : "Add source"}
        </button>
      </form>
      {remove.isError && <FormAlert>{errorInfo(remove.error).message}</FormAlert>}
      {sources.isPending && <p className="text-sm text-muted">Loading sources…</p>}
      {sources.isError && <FormAlert>{errorInfo(sources.error).message}</FormAlert>}
      {sources.isSuccess && items.length === 0 && <p className="text-sm text-muted">No news sources yet.</p>}
      {items.length > 0 && (
        <ul className="divide-y divide-line rounded-md border border-line" data-testid="admin-news-sources">
          {items.map((source) => (
            <SourceRow
              key={source.id}
              source={source}
              isBusy={remove.isPending}
              onRemove={() => remove.mutate({ id: source.id })}
            />
          ))}
        </ul>
      )}
      <LoadMore query={sources} />
    </Section>
  );
}
