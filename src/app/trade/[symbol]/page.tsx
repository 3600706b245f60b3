import type { Metadata } from "next";
import { TradeView } from "@/components/trade/trade-view";

interface TradePageProps {
  params: Promise<{ symbol: string }>;
}

export async function generateMetadata({ params }: TradePageProps): Promise<Metadata> {
  const { symbol } = await params;
  return { title: decodeURIComponent(symbol).toUpperCase() };
}

export default async function TradePage({ params }: TradePageProps) {
  const { symbol } = await params;
  return (
    <main className="flex flex-1 flex-col">
      <TradeView symbol={decodeURIComponent(symbol).toUpperCase()} />
    </main>
  );
}
