"use client";

import { RequireSession } from "@/components/auth/require-session";
import { AssetsSection } from "./assets-section";
import { FundsSection } from "./funds-section";
import { KlineImportSection } from "./kline-import-section";
import { MarketsSection } from "./markets-section";
import { NewsItemsSection } from "./news-section";
import { NewsSourcesSection } from "./news-sources-section";

export function AdminConsole() {
  return (
    <RequireSession callbackPath="/admin" requiredRole="admin">
      {() => (
        <div className="flex flex-col gap-6">
          <MarketsSection />
          <FundsSection />
          <AssetsSection />
          <KlineImportSection />
          <NewsSourcesSection />
          <NewsItemsSection />
        </div>
      )}
    </RequireSession>
  );
}
