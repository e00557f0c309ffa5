import { Knex } from 'knex';
import { Clock } from './Clock';
import { databaseNow, toIsoString } from './timestamps';

/**
 * The database's clock, read with one query: instances of the backend whose
 * own clocks drift apart still agree on which answers have expired.
 *
 * @internal
 */
export class DatabaseClock implements Clock {
  private constructor(private readonly db: Knex) {}

  static create(options: { database: Knex }): DatabaseClock {
    return new DatabaseClock(options.database);
  }

  async now(): Promise<Date> {
    const row = (await this.db.first({ now: databaseNow(this.db) })) as {
      now: Date | string | number;
    };
    return new Date(toIsoString(row.now));
  }
}
