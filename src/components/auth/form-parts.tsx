import Link from "next/link";
import { type InputHTMLAttributes, type ReactNode, type Ref, useId } from "react";

/** A centred card for the account pages, readable on a phone and on a desktop. */
export function AuthCard({ title, subtitle, children }: { title: string; subtitle?: ReactNode; children: ReactNode }) {
  return (
    <main className="mx-auto flex w-full max-w-md flex-col px-4 py-10 sm:py-16">
      <div className="rounded-lg border border-line bg-panel p-6 shadow-sm sm:p-8">
        <h1 className="text-xl font-semibold">{title}</h1>
        {subtitle && <p className="mt-1 text-sm text-muted">{subtitle}</p>}
        <div className="mt-6">{children}</div>
      </div>
    </main>
  );
}

type FieldProps = InputHTMLAttributes<HTMLInputElement> & {
  label: string;
  error?: string;
  hint?: string;
  ref?: Ref<HTMLInputElement>;
};

/** A labelled input whose error is announced and tied to it (aria-describedby). */
export function Field({ label, error, hint, id, ref, ...input }: FieldProps) {
  const generated = useId();
  const inputId = id ?? generated;
  const describedBy = error ? `${inputId}-error` : hint ? `${inputId}-hint` : undefined;
  return (
    <div className="flex flex-col gap-1.5">
      <label htmlFor={inputId} className="text-sm font-medium">
        {label}
      </label>
      <input
        ref={ref}
        id={inputId}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
        className={`h-11 rounded-md border bg-panel-2 px-3 text-base text-fg outline-none transition-colors focus:border-accent md:h-10 md:text-sm ${
          error ? "border-sell" : "border-line"
        }`}
        {...input}
      />
      {error ? (
        <p id={`${inputId}-error`} className="text-sm text-sell">
          {error}
        </p>
      ) : (
        hint && (
          <p id={`${inputId}-hint`} className="text-xs text-muted">
            {hint}
          </p>
        )
      )}
    </div>
  );
}

/** A message about the whole form (wrong credentials, too many attempts), read out when it appears. */
export function FormAlert({ children, tone = "error" }: { children: ReactNode; tone?: "error" | "success" }) {
  return (
    <div
      role={tone === "error" ? "alert" : "status"}
      className={`rounded-md border px-3 py-2 text-sm ${
        tone === "error" ? "border-sell/40 bg-sell/10 text-sell" : "border-buy/40 bg-buy/10 text-buy"
      }`}
    >
      {children}
    </div>
  );
}

export function SubmitButton({ children, isBusy, busyLabel }: { children: ReactNode; isBusy: boolean; busyLabel: string }) {
  return (
    <button
      type="submit"
      disabled={isBusy}
      aria-busy={isBusy}
      className="inline-flex h-11 w-full items-center justify-center rounded-md bg-accent px-4 font-medium text-white transition-opacity hover:opacity-90 disabled:opacity-60 md:h-10"
    >
      {isBusy ? busyLabel : children}
    </button>
  );
}

/** The line under an account form that leads to the other one: sign in, or create an account. */
export function FormFooterLink({ question, href, children }: { question: string; href: string; children: ReactNode }) {
  return (
    <p className="text-center text-sm text-muted">
      {question}{" "}
      <Link href={href} className="font-medium text-accent hover:underline">
        {children}
      </Link>
    </p>
  );
}
