import localFont from "next/font/local";

/** Served from the package, never fetched from Google at build time (the build machine is offline). */
export const inter = localFont({
  src: "../../node_modules/@fontsource-variable/inter/files/inter-latin-wght-normal.woff2",
  variable: "--font-inter",
  display: "swap",
  weight: "100 900",
});
