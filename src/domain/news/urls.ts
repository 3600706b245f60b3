import { MAX_URL_CHARS } from "./facts";

/**
 * An absolute http(s) URL in its canonical form, or null. Credentials are refused: a feed
 * address with a password would be shown to every admin, and news links never need one. The
 * fragment is dropped, since it names a place in the same page: two links that differ only
 * there are the same story.
 */
export function parseHttpUrl(raw: string): URL | null {
  const trimmed = raw.trim();
  if (trimmed.length === 0 || trimmed.length > MAX_URL_CHARS) return null;
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    return null;
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") return null;
  if (url.username !== "" || url.password !== "" || url.hostname === "") return null;
  url.hash = "";
  return url.href.length > MAX_URL_CHARS ? null : url;
}

/** The hostname as an IP literal (brackets of IPv6 removed), or null when it is a name. */
export function ipLiteralHost(url: URL): string | null {
  const host = url.hostname;
  if (host.startsWith("[") && host.endsWith("]")) return host.slice(1, -1);
  return /^\d{1,3}(\.\d{1,3}){3}$/.test(host) ? host : null;
}
