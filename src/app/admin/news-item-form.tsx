"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { z } from "zod";
import { Field, FormAlert } from "@/components/auth/form-parts";
import { errorInfo } from "@/components/auth/trpc-error";
import { fieldPropsOf } from "@/components/ui/field-props";
import { addNewsItemInput } from "@/server/api/news-schemas";
import { useTRPC } from "@/trpc/react";
import { AssetDatalist } from "./asset-datalist";
import { buttonClass } from "./section";

// The form's fields are text inputs: empty means "not given", and the date is the browser's local time.
const fields = addNewsItemInput.shape;
const form = z.object({
  asset: fields.asset,
  title: fields.title,
  summary: z.string().max(1_000),
  url: z.union([z.literal(""), fields.url.unwrap()]),
  publishedAt: z.string().refine((text) => text === "" || Number.isFinite(Date.parse(text)), "A date and time."),
});
const defaults = { asset: "", title: "", summary: "", url: "", publishedAt: "" };

interface Stored {
  asset: string;
  title: string;
  label: string;
  score: number;
}

/** One story typed in by hand: stored, scored and streamed to the asset page like a polled one. */
export function NewsItemForm() {
  const trpc = useTRPC();
  const [stored, setStored] = useState<Stored | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const itemForm = useForm({ resolver: zodResolver(form), defaultValues: defaults });
  const { handleSubmit, formState, reset } = itemForm;
  const add = useMutation(trpc.news.add.mutationOptions());
  const field = fieldPropsOf(itemForm);

  const onSubmit = handleSubmit(async (input) => {
    setFailure(null);
    try {
      const item = await add.mutateAsync({
        asset: input.asset,
        title: input.title,
        summary: input.summary || undefined,
        url: input.url || undefined,
        publishedAt: input.publishedAt ? new Date(input.publishedAt).toISOString() : undefined,
      });
      setStored(item);
      reset({ ...defaults, asset: input.asset });
    } catch (error) {
      setStored(null);
      setFailure(errorInfo(error).message);
    }
  });

  return (
    <form
      onSubmit={onSubmit}
      noValidate
      aria-label="Add a news item"
      className="flex flex-col gap-3"
      data-testid="admin-news-item-form"
    >
      <h3 className="text-sm font-semibold">A news item by hand</h3>
      {failure && <FormAlert>{failure}</FormAlert>}
      {stored && (
        <FormAlert tone="success">
          <span data-testid="admin-news-item-stored" data-label={stored.label}>
            “{stored.title}” stored for {stored.asset}, scored {stored.label} ({stored.score > 0 ? "+" : ""}
            {stored.score.toFixed(2)}).
          </span>{" "}
          <Link href={`/assets/${stored.asset}`} className="font-medium underline">
            See it on the asset page
          </Link>
        </FormAlert>
      )}
      <AssetDatalist id="news-item-assets" />
      <div className="grid grid-cols-1 gap-3 sm:grid-cols-[10rem_minmax(0,1fr)]">
        <Field label="Asset" list="news-item-assets" autoCapitalize="characters" {...field("asset")} />
        <Field label="Headline" {...field("title")} />
      </div>
      <Field label="Summary (optional)" {...field("summary")} />
      <div className="grid grid-cols-1 gap-3 sm:grid-cols-2">
        <Field label="Link (optional)" type="url" inputMode="url" {...field("url")} />
        <Field label="Published (optional, default now)" type="datetime-local" {...field("publishedAt")} />
      </div>
      <button type="submit" disabled={formState.isSubmitting} className={`${buttonClass} self-start`}>
        {formState.isSubmitting ? "Storing…" : "Add news item"}
      </button>
    </form>
  );
}
