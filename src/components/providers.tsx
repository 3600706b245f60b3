"use client";

import { SerwistProvider } from "@serwist/next/react";
import { ThemeProvider } from "next-themes";
import type { ReactNode } from "react";
import { TRPCReactProvider } from "@/trpc/react";
import { AccountStream } from "./session/account-stream";
import { AppToaster } from "./ui/app-toaster";

interface ProvidersProps {
  children: ReactNode;
  isServiceWorkerEnabled: boolean;
  /** This request's CSP nonce, for next-themes' inline script that sets the theme before paint. */
  nonce: string | undefined;
}

/**
 * Everything client-side that wraps every page. The service worker registers only in production
 * builds: in development it would cache Turbopack's ever-changing chunks.
 */
export function Providers({ children, isServiceWorkerEnabled, nonce }: ProvidersProps) {
  return (
    <ThemeProvider attribute="class" defaultTheme="system" enableSystem disableTransitionOnChange nonce={nonce}>
      <TRPCReactProvider>
        <SerwistProvider swUrl="/sw.js" disable={!isServiceWorkerEnabled} cacheOnNavigation={false} reloadOnOnline={false}>
          {children}
          <AccountStream />
        </SerwistProvider>
      </TRPCReactProvider>
      <AppToaster />
    </ThemeProvider>
  );
}
