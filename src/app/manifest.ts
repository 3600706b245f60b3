import type { MetadataRoute } from "next";

/** Served at /manifest.webmanifest; what makes Bourse installable as an app. */
export default function manifest(): MetadataRoute.Manifest {
  return {
    name: "Bourse — real-time exchange",
    short_name: "Bourse",
    description: "An open, real-time exchange where people trade any asset with each other.",
    id: "/",
    start_url: "/",
    scope: "/",
    display: "standalone",
    orientation: "any",
    background_color: "#0a0d12",
    theme_color: "#0a0d12",
    categories: ["finance"],
    icons: [
      { src: "/icons/icon-192.png", sizes: "192x192", type: "image/png", purpose: "any" },
      { src: "/icons/icon-512.png", sizes: "512x512", type: "image/png", purpose: "any" },
      { src: "/icons/icon-maskable-192.png", sizes: "192x192", type: "image/png", purpose: "maskable" },
      { src: "/icons/icon-maskable-512.png", sizes: "512x512", type: "image/png", purpose: "maskable" },
    ],
  };
}
