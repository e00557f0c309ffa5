import { EntityCheckResult } from '@ospo-kit/plugin-ospo-common';
import { Knex } from 'knex';
import { toIsoString } from '../database/timestamps';
import { EntityChecksStore, StoredEntityChecks } from './EntityChecksStore';

const TABLE = 'ospo_entity_checks';
// Rows per insert: 11 columns each, well under SQLite's bound-variable limit.
const INSERT_BATCH = 80;

type Row = {
  entity_ref: string;
  team_ref: string | null;
  entity_etag: string | null;
  evaluated_at: Date | string | number;
  evaluated_by: 'run' | 'refresh';
  run_id: string | null;
  fail_count: number;
  warn_count: number;
  unknown_count: number;
  pass_count: number;
  results: string;
};

/**
 * Keeps the latest check verdicts of each entity in the plugin's database.
 *
 * @internal
 */
export class DatabaseEntityChecksStore implements EntityChecksStore {
  private constructor(private readonly db: Knex) {}

  /** Wraps an already migrated database. */
  static create(options: { database: Knex }): DatabaseEntityChecksStore {
    return new DatabaseEntityChecksStore(options.database);
  }

  async put(checks: StoredEntityChecks[], runId?: string): Promise<void> {
    const rows = checks.map(c => toRow(c, runId));
    const merged: Array<keyof Row> = [
      'team_ref',
      'entity_etag',
      'evaluated_at',
      'evaluated_by',
      'fail_count',
      'warn_count',
      'unknown_count',
      'pass_count',
      'results',
    ];
    // A refresh keeps the run that last saw the entity.
    if (runId) merged.push('run_id');
    for (let i = 0; i < rows.length; i += INSERT_BATCH) {
      await this.db<Row>(TABLE)
        .insert(rows.slice(i, i + INSERT_BATCH))
        .onConflict('entity_ref')
        .merge(merged);
    }
  }

  async get(entityRef: string): Promise<StoredEntityChecks | undefined> {
    const row = await this.db<Row>(TABLE)
      .where({ entity_ref: entityRef })
      .first();
    return row ? fromRow(row) : undefined;
  }

  async pruneUnseen(runId: string, runStartedAt: Date): Promise<number> {
    return this.db<Row>(TABLE)
      .where(q => q.whereNull('run_id').orWhereNot('run_id', runId))
      .andWhere('evaluated_at', '<', runStartedAt)
      .delete();
  }
}

function toRow(checks: StoredEntityChecks, runId?: string): Row {
  const count = (verdict: EntityCheckResult['verdict']) =>
    checks.results.filter(r => r.verdict === verdict).length;
  return {
    entity_ref: checks.entityRef,
    team_ref: checks.teamRef ?? null,
    entity_etag: checks.entityEtag ?? null,
    evaluated_at: checks.evaluatedAt,
    evaluated_by: checks.evaluatedBy,
    run_id: runId ?? null,
    fail_count: count('fail'),
    warn_count: count('warn'),
    unknown_count: count('unknown'),
    pass_count: count('pass'),
    results: JSON.stringify(checks.results),
  };
}

function fromRow(row: Row): StoredEntityChecks {
  return {
    entityRef: row.entity_ref,
    teamRef: row.team_ref ?? undefined,
    entityEtag: row.entity_etag ?? undefined,
    evaluatedAt: new Date(toIsoString(row.evaluated_at)),
    evaluatedBy: row.evaluated_by,
    results: JSON.parse(row.results),
  };
}
