export interface NavLink {
  href: string;
  label: string;
  isActive: (path: string) => boolean;
}

/** The site's main sections, shared by the desktop bar and the phone menu; Admin shows to admins only. */
export const MAIN_LINKS: readonly NavLink[] = [
  { href: "/", label: "Markets", isActive: (path: string) => path === "/" },
  { href: "/trade/ACME-USD", label: "Trade", isActive: (path: string) => path.startsWith("/trade") },
  { href: "/portfolio", label: "Portfolio", isActive: (path: string) => path.startsWith("/portfolio") },
  { href: "/orders", label: "Orders", isActive: (path: string) => path.startsWith("/orders") },
  { href: "/backtest", label: "Backtest", isActive: (path: string) => path.startsWith("/backtest") },
  { href: "/keys", label: "API keys", isActive: (path: string) => path.startsWith("/keys") },
  { href: "/admin", label: "Admin", isActive: (path: string) => path.startsWith("/admin") },
];
