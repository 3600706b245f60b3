/**
 * Where to go after signing in: only ever a path on this site. A full URL keeps just its path,
 * so ?callbackUrl=https://elsewhere/x lands on /x here, never on another site (no open redirect).
 */
export function safeCallbackPath(value: string | undefined | null): string {
  if (!value) return "/";
  let path: string;
  try {
    const url = new URL(value, "http://bourse.invalid");
    path = `${url.pathname}${url.search}${url.hash}`;
  } catch {
    return "/";
  }
  if (!path.startsWith("/") || path.startsWith("//") || path.startsWith("/\\")) return "/";
  // Back to the account pages would be a loop.
  if (path.startsWith("/sign-in") || path.startsWith("/sign-up")) return "/";
  return path;
}
