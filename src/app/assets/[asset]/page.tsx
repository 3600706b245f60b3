import type { Metadata } from "next";
import { AssetView } from "@/components/news/asset-view";

interface AssetPageProps {
  params: Promise<{ asset: string }>;
}

export async function generateMetadata({ params }: AssetPageProps): Promise<Metadata> {
  const { asset } = await params;
  return { title: `${decodeURIComponent(asset).toUpperCase()} news` };
}

/** An asset's page: its market's price with the news sentiment over it, and its news, live. */
export default async function AssetPage({ params }: AssetPageProps) {
  const { asset } = await params;
  return (
    <main className="flex flex-1 flex-col">
      <AssetView asset={decodeURIComponent(asset).toUpperCase()} />
    </main>
  );
}
