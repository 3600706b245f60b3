/** Times and dates as people read them on an exchange; amounts are formatted in decimal.ts. */

const clock = new Intl.DateTimeFormat("en-GB", { hour: "2-digit", minute: "2-digit", second: "2-digit", hour12: false });
const dateTime = new Intl.DateTimeFormat("en-GB", {
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
  hour12: false,
});

/** "14:03:27" in the viewer's time zone. */
export function formatClock(iso: string): string {
  return clock.format(new Date(iso));
}

/** "22/11/2026, 14:03:27", from an ISO string or epoch milliseconds. */
export function formatDateTime(iso: string | number): string {
  return dateTime.format(new Date(iso));
}
