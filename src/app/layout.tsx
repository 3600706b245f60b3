import type { Metadata, Viewport } from "next";
import { headers } from "next/headers";
import type { ReactNode } from "react";
import { NONCE_HEADER } from "../../security-headers.mjs";
import { SiteHeader } from "@/components/layout/site-header";
import { Providers } from "@/components/providers";
import { inter } from "./fonts";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Bourse", template: "%s · Bourse" },
  description: "An open, real-time exchange where people trade any asset with each other.",
  applicationName: "Bourse",
  appleWebApp: { capable: true, title: "Bourse", statusBarStyle: "black-translucent" },
  icons: {
    icon: [
      { url: "/icons/icon.svg", type: "image/svg+xml" },
      { url: "/icons/icon-192.png", sizes: "192x192" },
    ],
    apple: [{ url: "/icons/apple-touch-icon.png", sizes: "180x180" }],
  },
  formatDetection: { telephone: false },
};

export const viewport: Viewport = {
  themeColor: [
    { media: "(prefers-color-scheme: light)", color: "#ffffff" },
    { media: "(prefers-color-scheme: dark)", color: "#11151c" },
  ],
  width: "device-width",
  initialScale: 1,
  viewportFit: "cover",
};

// Next.js inlines this literal at build time; a production build registers the service worker, dev never does.
const isServiceWorkerEnabled = process.env.NODE_ENV === "production";

/**
 * Reading the request's headers renders every page per request, which a nonce needs (src/proxy.ts):
 * a page prerendered at build time could carry no nonce. It also means no page is sent with a
 * Cache-Control that a shared cache may store.
 */
export default async function RootLayout({ children }: { children: ReactNode }) {
  const nonce = (await headers()).get(NONCE_HEADER) ?? undefined;
  return (
    <html lang="en" className={inter.variable} suppressHydrationWarning>
      <body className="min-h-dvh bg-bg font-sans text-fg antialiased">
        <Providers isServiceWorkerEnabled={isServiceWorkerEnabled} nonce={nonce}>
          <SiteHeader />
          {children}
        </Providers>
      </body>
    </html>
  );
}
