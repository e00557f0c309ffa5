/*
 * node-postgres without its type package (not installed here): the few calls
 * the bench makes, typed.
 */

export interface PgClient {
  connect(): Promise<void>;
  query<Row = Record<string, any>>(
    text: string,
    values?: unknown[],
  ): Promise<{ rows: Row[]; rowCount: number | null }>;
  end(): Promise<void>;
}

export interface PgConnectionConfig {
  host: string;
  port: number;
  user: string;
  password?: string;
  database: string;
}

// eslint-disable-next-line @typescript-eslint/no-require-imports
const pg = require('pg') as {
  Client: new (config: PgConnectionConfig) => PgClient;
};

/** A connected client. */
export async function connectPg(config: PgConnectionConfig): Promise<PgClient> {
  const client = new pg.Client(config);
  await client.connect();
  return client;
}
