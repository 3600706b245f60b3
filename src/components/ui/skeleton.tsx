import type { HTMLAttributes } from "react";

/** A placeholder with the size of what will replace it, so nothing moves when data arrives. */
export function Skeleton({ className = "", ...rest }: HTMLAttributes<HTMLDivElement>) {
  return <div aria-hidden className={`animate-pulse rounded bg-panel-2 ${className}`} {...rest} />;
}

/** `count` skeleton rows of a fixed height, for tables and ladders. */
export function SkeletonRows({ count, rowClassName = "h-5" }: { count: number; rowClassName?: string }) {
  return (
    <div className="flex flex-col gap-1 p-2" aria-busy="true">
      {Array.from({ length: count }, (_, i) => (
        // Placeholder rows have no identity but their position.
        // biome-ignore lint/suspicious/noArrayIndexKey: static placeholder list
        <Skeleton key={i} className={rowClassName} />
      ))}
    </div>
  );
}
