"use client";

import { RequireSession } from "@/components/auth/require-session";
import { SignOutButton } from "@/components/auth/sign-out-button";
import { CreateKeyForm } from "./create-key-form";
import { KeyList } from "./key-list";

export function ApiKeysManager() {
  return (
    <RequireSession callbackPath="/keys">
      {() => (
        <div className="flex flex-col gap-6">
          <CreateKeyForm />
          <KeyList />
          <section aria-labelledby="sessions" className="rounded-lg border border-line bg-panel p-4 sm:p-6">
            <h2 id="sessions" className="font-semibold">
              Sessions
            </h2>
            <p className="mt-1 text-sm text-muted">
              Lost a device, or signed in somewhere you should not have? End every session of this account. API keys are not
              affected: revoke them above.
            </p>
            <div className="mt-4 flex flex-wrap gap-2">
              <SignOutButton />
              <SignOutButton everywhere />
            </div>
          </section>
        </div>
      )}
    </RequireSession>
  );
}
