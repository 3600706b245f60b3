/**
 * A 24h change from the ticker's changePercent ("3.26", "-1.05"), in green, red or neutral. The
 * text is shown as sent, so no float ever touches it.
 */
export function ChangeText({ percent, className = "" }: { percent: string | null | undefined; className?: string }) {
  if (!percent) return <span className={`text-muted ${className}`}>—</span>;
  const isDown = percent.startsWith("-");
  const isFlat = /^-?0(\.0+)?$/.test(percent);
  const tone = isFlat ? "text-muted" : isDown ? "text-sell" : "text-buy";
  return <span className={`${tone} ${className}`}>{`${isDown || isFlat ? "" : "+"}${percent}%`}</span>;
}
