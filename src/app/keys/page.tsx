import type { Metadata } from "next";
import { ApiKeysManager } from "./api-keys-manager";

export const metadata: Metadata = { title: "API keys" };

export default function ApiKeysPage() {
  return (
    <main className="mx-auto w-full max-w-3xl px-4 py-8">
      <h1 className="text-xl font-semibold">API keys</h1>
      <p className="mt-1 text-sm text-muted">
        Keys let bots and scripts use your account. A <strong>read</strong> key sees balances, orders and trades; a{" "}
        <strong>trade</strong> key can also place, amend and cancel orders. Send one as{" "}
        <code>Authorization: Bearer &lt;key&gt;</code>.
      </p>
      <div className="mt-6">
        <ApiKeysManager />
      </div>
    </main>
  );
}
