import type { Metadata, Viewport } from "next";
import type { ReactNode } from "react";
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

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en" className={inter.variable} suppressHydrationWarning>
      <body className="min-h-dvh bg-bg font-sans text-fg antialiased">
        <Providers isServiceWorkerEnabled={isServiceWorkerEnabled}>
          <SiteHeader />
          {children}
        </Providers>
      </body>
    </html>
  );
}
