"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import type { RouterOutputs } from "@/trpc/types";
import { Amount } from "../ui/amount";
import { ChangeText } from "./change-text";

type MarketWithTicker = RouterOutputs["market"]["list"][number];

function Cell({ value, className = "" }: { value: string | null | undefined; className?: string }) {
  return value ? <Amount value={value} className={className} /> : <span className="text-muted">—</span>;
}

export function MarketRow({ market, name }: { market: MarketWithTicker; name: string | undefined }) {
  const router = useRouter();
  const { ticker } = market;
  const href = `/trade/${market.symbol}`;
  return (
    <tr
      className="h-14 cursor-pointer border-t border-line hover:bg-panel-2 md:h-12"
      onClick={() => router.push(href)}
      data-testid="market-row"
      data-symbol={market.symbol}
    >
      <td className="px-3 text-left">
        <Link href={href} className="flex flex-col" onClick={(e) => e.stopPropagation()}>
          <span className="font-semibold">
            {market.baseAsset}
            <span className="font-normal text-muted">/{market.quoteAsset}</span>
            {market.status === "HALTED" && <span className="ml-2 rounded bg-sell/15 px-1.5 text-[11px] text-sell">Halted</span>}
          </span>
          <span className="text-xs text-muted">{name ?? "\u00a0"}</span>
        </Link>
      </td>
      <td className="px-3 font-medium" data-testid="market-last">
        <Cell value={ticker.last} />
      </td>
      <td className="px-3">
        <ChangeText percent={ticker.changePercent} />
      </td>
      <td className="hidden px-3 md:table-cell">
        <Cell value={ticker.high} />
      </td>
      <td className="hidden px-3 md:table-cell">
        <Cell value={ticker.low} />
      </td>
      <td className="hidden px-3 sm:table-cell">
        <Cell value={ticker.quoteVolume} />
        <span className="ml-1 text-xs text-muted">{market.quoteAsset}</span>
      </td>
      <td className="hidden px-3 lg:table-cell">
        <Link
          href={href}
          onClick={(e) => e.stopPropagation()}
          className="inline-flex h-8 items-center rounded-md border border-line px-3 text-xs font-medium hover:border-accent hover:text-accent"
        >
          Trade
        </Link>
      </td>
    </tr>
  );
}
