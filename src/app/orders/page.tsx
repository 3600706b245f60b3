import type { Metadata } from "next";
import { OrdersTabs } from "@/components/orders/orders-tabs";

export const metadata: Metadata = { title: "Orders" };

export default function OrdersPage() {
  return (
    <main className="mx-auto w-full max-w-6xl px-3 py-5 md:px-6">
      <h1 className="mb-4 text-xl font-semibold tracking-tight">Orders and trades</h1>
      <OrdersTabs className="min-h-[420px]" />
    </main>
  );
}
