/**
 * A stored timestamp as ISO 8601. SQLite hands timestamps back as epoch
 * milliseconds (a number, or a string of digits), PostgreSQL as Dates.
 */
export function toIsoString(value: Date | string | number): string {
  return new Date(
    typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value,
  ).toISOString();
}
