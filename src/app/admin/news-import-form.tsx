"use client";

import { useMutation } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { Field, FormAlert } from "@/components/auth/form-parts";
import { errorInfo } from "@/components/auth/trpc-error";
import { importNewsInput, MAX_IMPORT_CHARS } from "@/server/api/news-schemas";
import { useTRPC } from "@/trpc/react";
import { AssetDatalist } from "./asset-datalist";
import { buttonClass } from "./section";

/**
 * A feed file (RSS, Atom or JSON Feed) uploaded once: read in the browser, checked against the
 * size the API takes, then stored like a fetch of it; items already stored are counted, not doubled.
 */
export function NewsImportForm() {
  const trpc = useTRPC();
  const importFile = useMutation(trpc.news.import.mutationOptions());
  const [result, setResult] = useState<{ tone: "error" | "success"; text: string } | null>(null);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const file = data.get("file");
    if (!(file instanceof File) || file.size === 0) return setResult({ tone: "error", text: "Choose a feed file." });
    const tooLarge = `The file is larger than the ${MAX_IMPORT_CHARS.toLocaleString("en")} bytes uploaded here; register the feed as a source instead.`;
    if (file.size > MAX_IMPORT_CHARS) return setResult({ tone: "error", text: tooLarge });
    const contents = await file.text();
    // Sent as JSON, quotes and line breaks grow by their escapes: the request must still fit the API's body limit.
    if (new TextEncoder().encode(JSON.stringify(contents)).length > MAX_IMPORT_CHARS)
      return setResult({ tone: "error", text: tooLarge });
    const input = importNewsInput.safeParse({ asset: String(data.get("asset") ?? "").trim(), contents });
    if (!input.success)
      return setResult({ tone: "error", text: input.error.issues[0]?.message ?? "Check the asset and the file." });
    try {
      const outcome = await importFile.mutateAsync(input.data);
      setResult({
        tone: "success",
        text: `${outcome.format.toUpperCase()} file: ${outcome.added} added, ${outcome.duplicates} already stored, ${outcome.skipped} skipped.`,
      });
    } catch (error) {
      setResult({ tone: "error", text: errorInfo(error).message });
    }
  }

  return (
    <form
      onSubmit={onSubmit}
      noValidate
      aria-label="Import a feed file"
      className="flex flex-col gap-3 border-t border-line pt-4"
    >
      <h3 className="text-sm font-semibold">Import a feed file</h3>
      {result && <FormAlert tone={result.tone}>{result.text}</FormAlert>}
      <AssetDatalist id="news-import-assets" />
      <div className="grid grid-cols-1 gap-3 sm:grid-cols-[10rem_minmax(0,1fr)]">
        <Field label="Asset" name="asset" list="news-import-assets" autoCapitalize="characters" />
        <Field
          label="File"
          name="file"
          type="file"
          accept=".xml,.rss,.atom,.json,application/rss+xml,application/atom+xml,application/feed+json,application/json"
          hint={`At most ${MAX_IMPORT_CHARS.toLocaleString("en")} bytes; a larger feed is better registered as a source.`}
        />
      </div>
      <button type="submit" disabled={importFile.isPending} className={`${buttonClass} self-start`}>
        {importFile.isPending ? "Importing…" : "Import file"}
      </button>
    </form>
  );
}
