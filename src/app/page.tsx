import { MarketsTable } from "@/components/markets/markets-table";

export default function MarketsPage() {
  return (
    <main className="mx-auto w-full max-w-6xl px-3 py-5 md:px-6">
      <div className="mb-4 flex items-baseline justify-between">
        <h1 className="text-xl font-semibold tracking-tight">Markets</h1>
        <p className="text-xs text-muted">Prices update live · 24h figures are rolling</p>
      </div>
      <MarketsTable />
    </main>
  );
}
