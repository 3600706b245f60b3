import { MarketsTable } from "@/components/markets-table";

export default function HomePage() {
  return (
    <main className="mx-auto max-w-5xl p-6">
      <h1 className="mb-4 text-2xl font-semibold">Markets</h1>
      <MarketsTable />
    </main>
  );
}
