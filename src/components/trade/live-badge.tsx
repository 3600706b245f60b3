/** Whether the market's streams are connected; a reconnect shows here while the data catches up. */
export function LiveBadge({ isLive }: { isLive: boolean }) {
  return (
    <span
      className="ml-auto flex shrink-0 items-center gap-1.5 text-[11px] text-muted"
      data-testid="live-badge"
      data-live={isLive ? "true" : "false"}
      title={isLive ? "Streaming live" : "Connecting to live data"}
    >
      <span className={`size-2 rounded-full ${isLive ? "bg-buy" : "animate-pulse bg-amber-500"}`} aria-hidden />
      {isLive ? "Live" : "Connecting…"}
    </span>
  );
}
