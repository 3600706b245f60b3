import type { ReactNode } from "react";

/** The table the viewer's order and trade lists are drawn in: sticky headings over one row per item. */
export function OrdersTable({ testId, headings, children }: { testId: string; headings: ReactNode; children: ReactNode }) {
  return (
    <table className="w-full text-xs" data-testid={testId}>
      <thead className="sticky top-0 bg-panel text-left text-muted">
        <tr>{headings}</tr>
      </thead>
      <tbody>{children}</tbody>
    </table>
  );
}
