"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { SignOutButton } from "../auth/sign-out-button";
import { useViewer } from "../session/use-viewer";
import { ThemeToggle } from "../ui/theme-toggle";
import { BrandMark } from "./brand-mark";
import { MobileMenu } from "./mobile-menu";
import { MAIN_LINKS } from "./nav-links";

function NavLink({ href, label, isActive }: { href: string; label: string; isActive: boolean }) {
  return (
    <Link
      href={href}
      aria-current={isActive ? "page" : undefined}
      className={`inline-flex h-11 shrink-0 items-center rounded-md px-2.5 text-[13px] font-medium md:h-8 ${
        isActive ? "bg-panel-2 text-fg" : "text-muted hover:text-fg"
      }`}
    >
      {label}
    </Link>
  );
}

function AccountLinks() {
  const { status, profile } = useViewer();
  if (status === "loading") return <div className="h-8 w-32" aria-hidden />;
  if (status === "signedIn") {
    return (
      <div className="flex items-center gap-1">
        <span className="hidden max-w-40 truncate text-[13px] text-muted lg:inline" data-testid="viewer-name">
          {profile?.name || profile?.email}
        </span>
        <SignOutButton className="inline-flex h-11 items-center rounded-md px-3 text-[13px] text-muted hover:text-fg md:h-8" />
      </div>
    );
  }
  return (
    <div className="flex items-center gap-1">
      <Link href="/sign-in" className="inline-flex h-11 items-center rounded-md px-3 text-[13px] font-medium text-fg md:h-8">
        Sign in
      </Link>
      <Link
        href="/sign-up"
        className="inline-flex h-11 items-center rounded-md bg-accent px-3 text-[13px] font-medium text-white md:h-8"
      >
        Sign up
      </Link>
    </div>
  );
}

export function SiteHeader() {
  const pathname = usePathname() ?? "/";
  const { profile } = useViewer();
  const links = MAIN_LINKS.filter((link) => link.href !== "/admin" || profile?.role === "admin");
  return (
    <header className="sticky top-0 z-30 border-b border-line bg-panel">
      <div className="flex h-14 items-center gap-2 px-3 md:h-12">
        <MobileMenu pathname={pathname} links={links} />
        <Link href="/" className="mr-2 flex shrink-0 items-center gap-2 font-semibold tracking-tight" aria-label="Bourse home">
          <BrandMark className="size-6" />
          <span>Bourse</span>
        </Link>
        <nav aria-label="Main" className="hidden min-w-0 flex-1 items-center gap-0.5 overflow-x-auto md:flex">
          {links.map((link) => (
            <NavLink key={link.href} href={link.href} label={link.label} isActive={link.isActive(pathname)} />
          ))}
        </nav>
        <div className="flex-1 md:hidden" />
        <ThemeToggle />
        <AccountLinks />
      </div>
    </header>
  );
}
