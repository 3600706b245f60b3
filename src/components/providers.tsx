"use client";

import { SerwistProvider } from "@serwist/next/react";
import { ThemeProvider } from "next-themes";
import type { ReactNode } from "react";
import { TRPCReactProvider } from "@/trpc/react";
import { AccountStream } from "./session/account-stream";
import { AppToaster } from "./ui/app-toaster";

/**
 * Everything client-side that wraps every page. The service worker registers only in production
 * builds: in development it would cache Turbopack's ever-changing chunks.
 */
export function Providers({ children, isServiceWorkerEnabled }: { children: ReactNode; isServiceWorkerEnabled: boolean }) {
  return (
    <ThemeProvider attribute="class" defaultTheme="system" enableSystem disableTransitionOnChange>
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
