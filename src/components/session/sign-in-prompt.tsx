"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { PanelMessage } from "../ui/panel";

/** What a private panel shows to a visitor; signing in comes back to this page. */
export function SignInPrompt({ action = "trade" }: { action?: string }) {
  const callback = encodeURIComponent(usePathname() ?? "/");
  return (
    <PanelMessage>
      <p className="mb-3">Sign in to {action}.</p>
      <div className="flex justify-center gap-2">
        <Link
          href={`/sign-in?callbackUrl=${callback}`}
          className="inline-flex h-11 items-center rounded-md bg-accent px-4 font-medium text-white md:h-9"
        >
          Sign in
        </Link>
        <Link
          href="/sign-up"
          className="inline-flex h-11 items-center rounded-md border border-line px-4 font-medium text-fg md:h-9"
        >
          Sign up
        </Link>
      </div>
    </PanelMessage>
  );
}
