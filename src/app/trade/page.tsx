import { redirect } from "next/navigation";

/** /trade on its own opens the first demo market. */
export default function TradeIndexPage() {
  redirect("/trade/ACME-USD");
}
