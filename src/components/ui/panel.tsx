import type { ReactNode } from "react";

/** The bordered box every trading panel sits in, with an optional title row. */
export function Panel({
  title,
  actions,
  children,
  className = "",
  bodyClassName = "",
}: {
  title?: ReactNode;
  actions?: ReactNode;
  children: ReactNode;
  className?: string;
  bodyClassName?: string;
}) {
  return (
    <section className={`flex min-h-0 flex-col rounded-md border border-line bg-panel ${className}`}>
      {title !== undefined && (
        <header className="flex h-10 shrink-0 items-center justify-between gap-2 border-b border-line px-3">
          <h2 className="text-[13px] font-semibold">{title}</h2>
          {actions}
        </header>
      )}
      <div className={`min-h-0 flex-1 ${bodyClassName}`}>{children}</div>
    </section>
  );
}

/** A quiet message inside a panel: empty lists, errors, "sign in" prompts. */
export function PanelMessage({ children, tone = "muted" }: { children: ReactNode; tone?: "muted" | "error" }) {
  return (
    <div
      role={tone === "error" ? "alert" : undefined}
      className={`flex h-full min-h-24 items-center justify-center px-4 text-center text-sm ${tone === "error" ? "text-sell" : "text-muted"}`}
    >
      <div>{children}</div>
    </div>
  );
}
