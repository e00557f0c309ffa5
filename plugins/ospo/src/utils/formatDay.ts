/**
 * The (UTC) day of a timestamp, as people read it: "1 June 2026". Expiry
 * reminders name the same day. Returns the input unchanged when it is not a
 * date.
 */
export function formatDay(iso: string): string {
  const time = Date.parse(iso);
  return Number.isNaN(time)
    ? iso
    : new Date(time).toLocaleDateString('en-GB', {
        day: 'numeric',
        month: 'long',
        year: 'numeric',
        timeZone: 'UTC',
      });
}
