"use client";

import { Menu, X } from "lucide-react";
import Link from "next/link";
import { Dialog } from "radix-ui";
import { useState } from "react";
import type { NavLink } from "./nav-links";

/** The phone's navigation: a sheet with every section, 48px rows for thumbs. */
export function MobileMenu({ pathname, links }: { pathname: string; links: readonly NavLink[] }) {
  const [isOpen, setIsOpen] = useState(false);
  return (
    <Dialog.Root open={isOpen} onOpenChange={setIsOpen}>
      <Dialog.Trigger
        className="grid size-11 place-items-center rounded-md text-muted hover:text-fg md:hidden"
        aria-label="Open menu"
        data-testid="menu-button"
      >
        <Menu className="size-5" aria-hidden />
      </Dialog.Trigger>
      <Dialog.Portal>
        <Dialog.Overlay className="fixed inset-0 z-40 bg-black/50" />
        <Dialog.Content className="fixed inset-y-0 left-0 z-50 flex w-72 flex-col border-r border-line bg-panel p-3 shadow-xl">
          <div className="mb-2 flex items-center justify-between">
            <Dialog.Title className="px-2 text-sm font-semibold">Bourse</Dialog.Title>
            <Dialog.Close className="grid size-11 place-items-center rounded-md text-muted" aria-label="Close menu">
              <X className="size-5" aria-hidden />
            </Dialog.Close>
          </div>
          <Dialog.Description className="sr-only">Go to a section of Bourse</Dialog.Description>
          <nav aria-label="Sections" className="flex flex-col">
            {links.map((link) => (
              <Link
                key={link.href}
                href={link.href}
                onClick={() => setIsOpen(false)}
                aria-current={link.isActive(pathname) ? "page" : undefined}
                className={`flex h-12 items-center rounded-md px-3 text-sm font-medium ${link.isActive(pathname) ? "bg-panel-2 text-fg" : "text-muted"}`}
              >
                {link.label}
              </Link>
            ))}
          </nav>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
