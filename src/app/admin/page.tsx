import type { Metadata } from "next";
import { AdminConsole } from "./admin-console";

export const metadata: Metadata = { title: "Administration" };

export default function AdminPage() {
  return (
    <main className="mx-auto w-full max-w-5xl px-4 py-8">
      <h1 className="text-xl font-semibold">Administration</h1>
      <p className="mt-1 text-sm text-muted">
        Markets, assets, funds, imported price history and news. Every action here is checked on the server and recorded in the
        ledger.
      </p>
      <div className="mt-6">
        <AdminConsole />
      </div>
    </main>
  );
}
