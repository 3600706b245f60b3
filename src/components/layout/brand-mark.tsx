/** The candles of the app icon (public/icons/icon.svg), drawn inline so it follows the theme's colours. */
export function BrandMark({ className = "" }: { className?: string }) {
  return (
    <svg viewBox="0 0 512 512" className={className} aria-hidden>
      <rect width="512" height="512" rx="112" className="fill-fg" />
      <g strokeLinecap="round" strokeWidth="22">
        <line x1="160" y1="150" x2="160" y2="362" className="stroke-buy" />
        <rect x="126" y="196" width="68" height="120" rx="10" className="fill-buy" />
        <line x1="256" y1="112" x2="256" y2="330" className="stroke-sell" />
        <rect x="222" y="150" width="68" height="140" rx="10" className="fill-sell" />
        <line x1="352" y1="130" x2="352" y2="400" className="stroke-buy" />
        <rect x="318" y="180" width="68" height="170" rx="10" className="fill-buy" />
      </g>
    </svg>
  );
}
