import { Knex } from 'knex';

/**
 * Keeps the rows whose `column` is one of `values` (with `not`, none of
 * them). The values are bound as one parameter, however many there are: an
 * `IN (?, ?, ...)` list runs into SQLite's limit on bound variables, and
 * splitting it into several queries would split what is counted or grouped.
 * On PostgreSQL a `text[]`, which `= ANY` looks up by hash (a set function in
 * an `IN (SELECT ...)` was planned as a nested loop that ran it again for
 * every row); on SQLite a JSON array, whose `IN (SELECT ...)` is read once.
 *
 * @internal
 */
export function whereInList<Q extends Knex.QueryBuilder>(
  db: Knex,
  query: Q,
  column: string,
  values: readonly string[],
  options: { not?: boolean } = {},
): Q {
  if (values.length === 0) {
    return options.not ? query : (query.whereRaw('1 = 0') as Q);
  }
  if (db.client.dialect === 'postgresql') {
    return query.whereRaw(
      options.not ? `?? <> ALL(?::text[])` : `?? = ANY(?::text[])`,
      [column, toPostgresArray(values)],
    ) as Q;
  }
  return query.whereRaw(
    `?? ${options.not ? 'NOT IN' : 'IN'} (SELECT value FROM json_each(?))`,
    [column, JSON.stringify(values)],
  ) as Q;
}

/** An array literal of PostgreSQL, every element quoted. */
function toPostgresArray(values: readonly string[]): string {
  const quoted = values.map(
    value => `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`,
  );
  return `{${quoted.join(',')}}`;
}
