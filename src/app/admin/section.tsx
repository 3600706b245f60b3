import type { ReactNode } from "react";

export function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section aria-labelledby={id} className="rounded-lg border border-line bg-panel">
      <h2 id={id} className="border-b border-line px-4 py-3 font-semibold sm:px-6">
        {title}
      </h2>
      <div className="flex flex-col gap-4 p-4 sm:p-6">{children}</div>
    </section>
  );
}

export const buttonClass =
  "inline-flex h-11 items-center justify-center rounded-md bg-accent px-4 text-sm font-medium text-white disabled:opacity-60 md:h-10";
export const quietButtonClass =
  "inline-flex h-11 items-center justify-center rounded-md border border-line px-3 text-sm font-medium disabled:opacity-60 md:h-9";
