"use client";

import { useState } from "react";

/** The new key, shown this once: Bourse keeps only its hash and can never show it again. */
export function SecretOnce({ name, secret, onDone }: { name: string; secret: string; onDone: () => void }) {
  const [copy, setCopy] = useState<"idle" | "copied" | "failed">("idle");

  async function copyToClipboard() {
    try {
      await navigator.clipboard.writeText(secret);
      setCopy("copied");
    } catch {
      setCopy("failed");
    }
  }

  return (
    <div className="mt-4 flex flex-col gap-3 rounded-md border border-buy/40 bg-buy/10 p-4">
      <p className="text-sm">
        <strong>{name}</strong> is ready. Copy the key now: it will not be shown again.
      </p>
      <div className="flex flex-col gap-2 sm:flex-row">
        <code
          data-testid="api-key-secret"
          className="min-w-0 flex-1 break-all rounded border border-line bg-panel px-3 py-2 font-mono text-sm"
        >
          {secret}
        </code>
        <button
          type="button"
          onClick={copyToClipboard}
          className="inline-flex h-11 shrink-0 items-center justify-center rounded-md border border-line bg-panel px-4 text-sm font-medium md:h-10"
        >
          Copy
        </button>
      </div>
      <p role="status" aria-live="polite" className="text-sm text-muted">
        {copy === "copied"
          ? "Copied to the clipboard."
          : copy === "failed"
            ? "Copy failed: select the key and copy it by hand."
            : ""}
      </p>
      <button type="button" onClick={onDone} className="self-start text-sm font-medium text-accent hover:underline">
        I have saved it
      </button>
    </div>
  );
}
