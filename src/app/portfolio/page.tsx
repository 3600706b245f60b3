import type { Metadata } from "next";
import { PortfolioView } from "@/components/portfolio/portfolio-view";

export const metadata: Metadata = { title: "Portfolio" };

export default function PortfolioPage() {
  return (
    <main className="mx-auto w-full max-w-6xl px-3 py-5 md:px-6">
      <h1 className="mb-4 text-xl font-semibold tracking-tight">Portfolio</h1>
      <PortfolioView />
    </main>
  );
}
