import { Knex } from 'knex';

/**
 * A stored timestamp as ISO 8601. SQLite hands timestamps back as epoch
 * milliseconds (a number, or a string of digits), PostgreSQL as Dates.
 */
export function toIsoString(value: Date | string | number): string {
  return new Date(
    typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value,
  ).toISOString();
}

/**
 * The database's clock as a column value: `clock_timestamp()` on PostgreSQL
 * (the time of the statement that evaluates it, not of its transaction's
 * start), and on SQLite epoch milliseconds, as knex stores a `Date` there.
 */
export function databaseNow(knex: Knex): Knex.Raw {
  return knex.client.dialect === 'postgresql'
    ? knex.raw('clock_timestamp()')
    : knex.raw(
        "CAST(ROUND((julianday('now') - 2440587.5) * 86400000) AS INTEGER)",
      );
}
