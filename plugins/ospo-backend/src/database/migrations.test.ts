import { TestDatabaseId } from '@backstage/backend-test-utils';
import fs from 'node:fs';
import { Knex } from 'knex';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import { MIGRATIONS_DIRECTORY } from './migrateDatabase';
import { toIsoString } from './timestamps';

jest.setTimeout(60_000);

const databases = createTestDatabases();

const config: Knex.MigratorConfig = { directory: MIGRATIONS_DIRECTORY };

/** The tables and columns the latest schema must have. */
const SCHEMA: Record<string, string[]> = {
  ospo_checklist_answers: [
    'team_ref',
    'checklist_id',
    'item_id',
    'status',
    'note',
    'evidence_url',
    'answered_by',
    'answered_at',
    'version',
  ],
  ospo_checklist_answer_history: [
    'id',
    'team_ref',
    'checklist_id',
    'item_id',
    'from_status',
    'to_status',
    'note',
    'evidence_url',
    'changed_by',
    'changed_at',
    'version',
    'reattested',
  ],
  ospo_consultations: [
    'id',
    'entity_ref',
    'requester_ref',
    'topic',
    'summary',
    'details',
    'urgency',
    'status',
    'assignee_ref',
    'resolution',
    'created_at',
    'updated_at',
    'first_response_at',
    'comment_count',
    'closed_at',
    'rating_score',
    'rating_comment',
    'rated_at',
  ],
  ospo_consultation_events: [
    'id',
    'consultation_id',
    'type',
    'actor_ref',
    'body',
    'from_status',
    'to_status',
    'assignee_ref',
    'created_at',
    'score',
  ],
  ospo_metric_runs: [
    'id',
    'status',
    'started_at',
    'finished_at',
    'processed_entities',
    'error',
  ],
  ospo_metric_snapshots: [
    'run_id',
    'metric_id',
    'scope_ref',
    'value',
    'numerator',
    'denominator',
    'breakdown',
    'computed_at',
  ],
  ospo_metric_scopes: [
    'run_id',
    'scope_ref',
    'type',
    'title',
    'parent_ref',
    'child_refs',
  ],
  ospo_metric_findings: [
    'id',
    'run_id',
    'metric_id',
    'entity_ref',
    'team_ref',
    'detail',
  ],
  ospo_checklist_answers_version: ['id', 'version'],
  ospo_entity_checks: [
    'entity_ref',
    'team_ref',
    'entity_etag',
    'evaluated_at',
    'evaluated_by',
    'run_id',
    'fail_count',
    'warn_count',
    'unknown_count',
    'pass_count',
    'results',
  ],
  ospo_sbom_scans: [
    'id',
    'entity_ref',
    'scanned_at',
    'uploaded_by',
    'spec_version',
    'tool',
    'serial_number',
    'component_count',
    'license_allowed',
    'license_review',
    'license_denied',
    'license_unclassified',
    'license_unknown',
    'vulnerability_critical',
    'vulnerability_high',
    'vulnerability_medium',
    'vulnerability_low',
    'vulnerability_unknown',
  ],
  ospo_sbom_latest: ['entity_ref', 'scan_id', 'scanned_at'],
  ospo_checklist_answer_reminders: [
    'team_ref',
    'checklist_id',
    'item_id',
    'answer_version',
    'step',
    'sent_at',
    'recipient_count',
  ],
  ospo_checklist_reminder_quota: ['user_ref', 'day', 'sent'],
  ospo_sbom_findings: [
    'id',
    'entity_ref',
    'kind',
    'finding_key',
    'package_name',
    'package_version',
    'package_purl',
    'license',
    'culprits',
    'vulnerability_id',
    'severity',
    'fixed_version',
    'url',
    'first_seen_at',
    'resolved_at',
  ],
  ospo_campaigns: [
    'id',
    'title',
    'goal',
    'checklist_id',
    'item_ids',
    'target_refs',
    'start_date',
    'target_date',
    'status',
    'created_by',
    'created_at',
    'updated_at',
  ],
  ospo_campaign_reminders: [
    'campaign_id',
    'step',
    'user_ref',
    'team_refs',
    'sent_on',
    'sent_at',
  ],
};

/** The tables each migration adds. */
const TABLES_BY_MIGRATION: Record<string, string[]> = {
  '20261125000000_checklist_answers.js': [
    'ospo_checklist_answers',
    'ospo_checklist_answer_history',
  ],
  '20261125010000_consultations.js': [
    'ospo_consultations',
    'ospo_consultation_events',
  ],
  '20261125020000_metrics.js': [
    'ospo_metric_runs',
    'ospo_metric_snapshots',
    'ospo_metric_scopes',
    'ospo_metric_findings',
  ],
  '20261126000000_metric_snapshot_scope_index.js': [],
  '20261126010000_checklist_answers_version.js': [
    'ospo_checklist_answers_version',
  ],
  '20261129000000_entity_checks.js': ['ospo_entity_checks'],
  '20261130000000_sbom.js': [
    'ospo_sbom_scans',
    'ospo_sbom_latest',
    'ospo_sbom_findings',
  ],
  '20261201000000_consultation_ratings.js': [],
  '20261202000000_answer_reminders.js': [
    'ospo_checklist_answer_reminders',
    'ospo_checklist_reminder_quota',
  ],
  '20261203000000_campaigns.js': ['ospo_campaigns', 'ospo_campaign_reminders'],
};

/** The names of a table's indexes, sorted. */
async function indexesOf(knex: Knex, table: string): Promise<string[]> {
  if (knex.client.config.client === 'pg') {
    const { rows } = await knex.raw(
      'SELECT indexname AS name FROM pg_indexes WHERE tablename = ?',
      [table],
    );
    return rows.map((r: { name: string }) => r.name).sort();
  }
  const rows = await knex.raw(`PRAGMA index_list('${table}')`);
  return rows.map((r: { name: string }) => r.name).sort();
}

async function existingTables(knex: Knex) {
  const result: string[] = [];
  for (const table of Object.keys(SCHEMA)) {
    if (await knex.schema.hasTable(table)) {
      result.push(table);
    }
  }
  return result;
}

async function completedMigrations(knex: Knex): Promise<string[]> {
  const [completed] = await knex.migrate.list(config);
  return completed.map((m: { name: string } | string) =>
    typeof m === 'string' ? m : m.name,
  );
}

/**
 * The message a query fails with. Driver errors are checked by message, not
 * with `toThrow()`: better-sqlite3's native module keeps the error class of the
 * first test file that loaded it, which is no `Error` in later files' realms.
 */
async function failure(query: PromiseLike<unknown>): Promise<string> {
  try {
    await query;
  } catch (error) {
    return String((error as { message?: unknown }).message);
  }
  return 'the query succeeded';
}

const migrationFiles = fs
  .readdirSync(MIGRATIONS_DIRECTORY)
  .filter(name => name.endsWith('.js'))
  .sort();

it('finds the migrations in the package', () => {
  expect(migrationFiles).toEqual(Object.keys(TABLES_BY_MIGRATION));
  expect(Object.values(TABLES_BY_MIGRATION).flat().sort()).toEqual(
    Object.keys(SCHEMA).sort(),
  );
});

/** The tables the first `count` migrations create, in SCHEMA order. */
function tablesAfter(count: number): string[] {
  const tables = migrationFiles
    .slice(0, count)
    .flatMap(file => TABLES_BY_MIGRATION[file]);
  return Object.keys(SCHEMA).filter(table => tables.includes(table));
}

const RUN_ID = '7a6b5c4d-3e2f-4a1b-9c8d-7e6f5a4b3c2d';

/** One run with a row in each of the tables that hang off it. */
async function insertMetricRun(knex: Knex) {
  const runId = RUN_ID;
  await knex('ospo_metric_runs').insert({
    id: runId,
    status: 'succeeded',
    started_at: new Date(),
    finished_at: new Date(),
  });
  await knex('ospo_metric_snapshots').insert({
    run_id: runId,
    metric_id: 'ownership.coverage',
    scope_ref: 'org',
    value: 0.5,
    computed_at: new Date(),
  });
  await knex('ospo_metric_scopes').insert({
    run_id: runId,
    scope_ref: 'org',
    type: 'org',
    title: 'Organization',
  });
  await knex('ospo_metric_findings').insert({
    run_id: runId,
    metric_id: 'licenses.denied',
    entity_ref: 'component:default/svc-a',
    detail: 'GPL-3.0-only is denied',
  });
}

/** One SBOM scan of an entity: its history row, latest row and a finding. */
async function insertSbomScan(knex: Knex) {
  const entityRef = 'component:default/svc-a';
  const [{ id }] = await knex('ospo_sbom_scans')
    .insert({
      entity_ref: entityRef,
      scanned_at: new Date(),
      uploaded_by: 'sbom-uploader',
      spec_version: '1.6',
      component_count: 1,
      license_allowed: 0,
      license_review: 0,
      license_denied: 1,
      license_unclassified: 0,
      license_unknown: 0,
      vulnerability_critical: 0,
      vulnerability_high: 0,
      vulnerability_medium: 0,
      vulnerability_low: 0,
      vulnerability_unknown: 0,
    })
    .returning('id');
  await knex('ospo_sbom_latest').insert({
    entity_ref: entityRef,
    scan_id: id,
    scanned_at: new Date(),
  });
  await knex('ospo_sbom_findings').insert({
    entity_ref: entityRef,
    kind: 'license',
    finding_key: 'license:pkg:npm/gpl-lib@1.0.0:GPL-3.0-only',
    package_name: 'gpl-lib',
    license: 'GPL-3.0-only',
    culprits: '["GPL-3.0-only"]',
    first_seen_at: new Date(),
  });
}

describe.each(databases.eachSupportedId())(
  'migrations on %s',
  (databaseId: TestDatabaseId) => {
    let knex: Knex;

    beforeEach(async () => {
      knex = await databases.init(databaseId);
    });

    it('step up one at a time to the latest schema', async () => {
      expect(await existingTables(knex)).toEqual([]);

      for (const [index, file] of migrationFiles.entries()) {
        await knex.migrate.up(config);
        expect(await completedMigrations(knex)).toEqual(
          migrationFiles.slice(0, index + 1),
        );
        expect(await knex.migrate.currentVersion(config)).toBe(
          file.split('_')[0],
        );
        expect(await existingTables(knex)).toEqual(tablesAfter(index + 1));
      }
      // Nothing is left to run.
      const [, pending] = await knex.migrate.list(config);
      expect(pending).toEqual([]);

      for (const [table, columns] of Object.entries(SCHEMA)) {
        expect(await knex.schema.hasTable(table)).toBe(true);
        for (const column of columns) {
          expect([
            table,
            column,
            await knex.schema.hasColumn(table, column),
          ]).toEqual([table, column, true]);
        }
      }
    });

    it('create tables that keep one current answer per team and item', async () => {
      await knex.migrate.latest(config);
      const row = {
        team_ref: 'group:default/team-a',
        checklist_id: 'ospo',
        item_id: 'creation',
        status: 'done',
        note: null,
        evidence_url: null,
        answered_by: 'user:default/lee',
        answered_at: new Date(),
        version: 1,
      };
      await knex('ospo_checklist_answers').insert(row);
      expect(
        await failure(
          knex('ospo_checklist_answers').insert({ ...row, version: 2 }),
        ),
      ).toMatch(/UNIQUE constraint failed|duplicate key value/);
      // A different item of the same team is a different answer.
      await knex('ospo_checklist_answers').insert({
        ...row,
        item_id: 'awareness',
      });

      // History ids are generated and increase.
      const { answered_by, answered_at, status, ...keyAndNote } = row;
      const change = {
        ...keyAndNote,
        from_status: null,
        to_status: status,
        changed_by: answered_by,
        changed_at: answered_at,
      };
      await knex('ospo_checklist_answer_history').insert(change);
      await knex('ospo_checklist_answer_history').insert({
        ...change,
        version: 2,
      });
      const ids = (
        await knex('ospo_checklist_answer_history').select('id').orderBy('id')
      ).map(r => Number(r.id));
      expect(ids).toHaveLength(2);
      expect(ids[1]).toBeGreaterThan(ids[0]);

      // Required columns are enforced.
      expect(
        await failure(
          knex('ospo_checklist_answers').insert({
            ...row,
            item_id: 'measurement',
            status: null,
          }),
        ),
      ).toMatch(/NOT NULL constraint failed|null value in column "status"/);
    });

    it('create consultation tables with their defaults and a growing event id', async () => {
      await knex.migrate.latest(config);
      const consultation = {
        id: '3f1c2b9e-8d4a-4e6f-9b1a-2c3d4e5f6a7b',
        entity_ref: 'component:default/svc-a',
        requester_ref: 'user:default/lee',
        topic: 'new-dependency',
        summary: 'May we use libfoo?',
        urgency: 'normal',
        status: 'open',
        created_at: new Date(),
        updated_at: new Date(),
      };
      await knex('ospo_consultations').insert(consultation);
      const [stored] = await knex('ospo_consultations').select();
      expect(Number(stored.comment_count)).toBe(0);
      expect(stored).toMatchObject({
        details: null,
        assignee_ref: null,
        resolution: null,
        first_response_at: null,
      });
      expect(
        await failure(knex('ospo_consultations').insert(consultation)),
      ).toMatch(/UNIQUE constraint failed|duplicate key value/);
      expect(
        await failure(
          knex('ospo_consultations').insert({
            ...consultation,
            id: 'another',
            status: null,
          }),
        ),
      ).toMatch(/NOT NULL constraint failed|null value in column "status"/);

      const event = {
        consultation_id: consultation.id,
        type: 'created',
        actor_ref: 'user:default/lee',
        to_status: 'open',
        created_at: new Date(),
      };
      await knex('ospo_consultation_events').insert(event);
      await knex('ospo_consultation_events').insert({
        ...event,
        type: 'comment',
        body: 'Hello',
      });
      const ids = (
        await knex('ospo_consultation_events').select('id').orderBy('id')
      ).map(r => Number(r.id));
      expect(ids).toHaveLength(2);
      expect(ids[1]).toBeGreaterThan(ids[0]);
    });

    it('create metric tables keyed by run, metric and scope, with defaults', async () => {
      await knex.migrate.latest(config);
      await knex('ospo_metric_runs').insert({
        id: RUN_ID,
        status: 'running',
        started_at: new Date(),
      });
      const [run] = await knex('ospo_metric_runs').select();
      expect(Number(run.processed_entities)).toBe(0);
      expect(run).toMatchObject({ finished_at: null, error: null });
      expect(
        await failure(
          knex('ospo_metric_runs').insert({
            id: 'another',
            status: null,
            started_at: new Date(),
          }),
        ),
      ).toMatch(/NOT NULL constraint failed|null value in column "status"/);

      const snapshot = {
        run_id: RUN_ID,
        metric_id: 'ownership.coverage',
        scope_ref: 'org',
        value: 1 / 3,
        numerator: 1,
        denominator: 3,
        breakdown: '{"type":{"service":1}}',
        computed_at: new Date(),
      };
      await knex('ospo_metric_snapshots').insert(snapshot);
      // The same metric for another scope, and another metric, are new rows.
      await knex('ospo_metric_snapshots').insert({
        ...snapshot,
        scope_ref: 'group:default/team-a',
      });
      await knex('ospo_metric_snapshots').insert({
        ...snapshot,
        metric_id: 'licenses.denied',
        value: null,
      });
      expect(
        await failure(knex('ospo_metric_snapshots').insert(snapshot)),
      ).toMatch(/UNIQUE constraint failed|duplicate key value/);
      // Values are doubles, not rounded.
      const [stored] = await knex('ospo_metric_snapshots').where({
        metric_id: 'ownership.coverage',
        scope_ref: 'org',
      });
      expect(Number(stored.value)).toBe(1 / 3);

      const scope = {
        run_id: RUN_ID,
        scope_ref: 'org',
        type: 'org',
        title: 'Organization',
      };
      await knex('ospo_metric_scopes').insert(scope);
      expect(await failure(knex('ospo_metric_scopes').insert(scope))).toMatch(
        /UNIQUE constraint failed|duplicate key value/,
      );

      const finding = {
        run_id: RUN_ID,
        metric_id: 'licenses.denied',
        entity_ref: 'component:default/svc-a',
        detail: 'GPL-3.0-only is denied',
      };
      // The same entity may be flagged more than once.
      await knex('ospo_metric_findings').insert(finding);
      await knex('ospo_metric_findings').insert(finding);
      const ids = (
        await knex('ospo_metric_findings').select('id').orderBy('id')
      ).map(r => Number(r.id));
      expect(ids).toHaveLength(2);
      expect(ids[1]).toBeGreaterThan(ids[0]);
    });

    it('count the changes of answers in one row, starting at 0', async () => {
      await knex.migrate.latest(config);
      const rows = await knex('ospo_checklist_answers_version').select();
      expect(rows.map(r => [r.id, Number(r.version)])).toEqual([[1, 0]]);
      expect(
        await failure(
          knex('ospo_checklist_answers_version').insert({ id: 1, version: 5 }),
        ),
      ).toMatch(/UNIQUE constraint failed|duplicate key value/);
      expect(
        await failure(
          knex('ospo_checklist_answers_version')
            .where({ id: 1 })
            .update({ version: null }),
        ),
      ).toMatch(/NOT NULL constraint failed|null value in column "version"/);
    });

    it("index a run's snapshots by scope, and drop the index on the way down", async () => {
      const files = migrationFiles.indexOf(
        '20261126000000_metric_snapshot_scope_index.js',
      );
      for (let i = 0; i < files; i++) await knex.migrate.up(config);
      const before = await indexesOf(knex, 'ospo_metric_snapshots');
      expect(before).toContain('ospo_metric_snapshots_series_idx');
      expect(before).not.toContain('ospo_metric_snapshots_scope_idx');

      await knex.migrate.up(config);
      expect(await indexesOf(knex, 'ospo_metric_snapshots')).toEqual(
        [...before, 'ospo_metric_snapshots_scope_idx'].sort(),
      );
      await insertMetricRun(knex);

      await knex.migrate.down(config);
      expect(await indexesOf(knex, 'ospo_metric_snapshots')).toEqual(before);
      // The snapshots stay.
      expect(await knex('ospo_metric_snapshots').select()).toHaveLength(1);
    });

    it('index SBOM findings for their readers, and drop the SBOM tables on the way down', async () => {
      const sbom = migrationFiles.indexOf('20261130000000_sbom.js');
      for (let i = 0; i <= sbom; i++) await knex.migrate.up(config);
      expect(await indexesOf(knex, 'ospo_sbom_findings')).toEqual(
        expect.arrayContaining([
          'ospo_sbom_findings_entity_idx',
          'ospo_sbom_findings_open_kind_idx',
          'ospo_sbom_findings_resolved_idx',
        ]),
      );
      expect(await indexesOf(knex, 'ospo_sbom_scans')).toContain(
        'ospo_sbom_scans_entity_idx',
      );
      await insertSbomScan(knex);
      // One latest row per entity.
      expect(
        await failure(
          knex('ospo_sbom_latest').insert({
            entity_ref: 'component:default/svc-a',
            scanned_at: new Date(),
          }),
        ),
      ).toMatch(/UNIQUE constraint failed|duplicate key value/);

      await knex.migrate.down(config);
      for (const table of [
        'ospo_sbom_scans',
        'ospo_sbom_latest',
        'ospo_sbom_findings',
      ]) {
        expect([table, await knex.schema.hasTable(table)]).toEqual([
          table,
          false,
        ]);
      }
      expect(await knex.schema.hasTable('ospo_entity_checks')).toBe(true);
    });

    it('mark earlier history as not re-attested, key reminders by answer version and step, and drop them on the way down', async () => {
      const reminders = migrationFiles.indexOf(
        '20261202000000_answer_reminders.js',
      );
      for (let i = 0; i < reminders; i++) await knex.migrate.up(config);
      const key = {
        team_ref: 'group:default/team-a',
        checklist_id: 'ospo',
        item_id: 'stakeholders',
      };
      await knex('ospo_checklist_answer_history').insert({
        ...key,
        to_status: 'done',
        changed_by: 'user:default/lee',
        changed_at: new Date(),
        version: 1,
      });

      await knex.migrate.up(config);
      const [before] = await knex('ospo_checklist_answer_history').select();
      expect(Boolean(before.reattested)).toBe(false);

      const reminder = (answerVersion: number, step: string) => ({
        ...key,
        answer_version: answerVersion,
        step,
        sent_at: new Date(),
        recipient_count: 2,
      });
      await knex('ospo_checklist_answer_reminders').insert([
        reminder(1, 'expiring'),
        reminder(1, 'expired'),
        reminder(2, 'expiring'),
      ]);
      // The same step of the same version is sent once.
      expect(
        await failure(
          knex('ospo_checklist_answer_reminders').insert(
            reminder(1, 'expired'),
          ),
        ),
      ).toMatch(/unique|duplicate/i);
      await knex('ospo_checklist_reminder_quota').insert({
        user_ref: 'user:default/lee',
        day: '2026-12-02',
      });
      expect(
        await knex('ospo_checklist_reminder_quota').select('sent'),
      ).toEqual([{ sent: 0 }]);
      expect(
        await failure(
          knex('ospo_checklist_reminder_quota').insert({
            user_ref: 'user:default/lee',
            day: '2026-12-02',
          }),
        ),
      ).toMatch(/unique|duplicate/i);

      await knex.migrate.down(config);
      for (const table of [
        'ospo_checklist_answer_reminders',
        'ospo_checklist_reminder_quota',
      ]) {
        expect([table, await knex.schema.hasTable(table)]).toEqual([
          table,
          false,
        ]);
      }
      expect(
        await knex.schema.hasColumn(
          'ospo_checklist_answer_history',
          'reattested',
        ),
      ).toBe(false);
      // The history itself stays.
      expect(await knex('ospo_checklist_answer_history').select()).toHaveLength(
        1,
      );
    });

    it('backfill when closed requests were closed, and drop the rating columns on the way down', async () => {
      const ratings = migrationFiles.indexOf(
        '20261201000000_consultation_ratings.js',
      );
      for (let i = 0; i < ratings; i++) await knex.migrate.up(config);
      const filedAt = new Date('2026-11-02T09:00:00Z');
      const closedAt = new Date('2026-11-03T15:30:00Z');
      const request = (id: string, status: string) => ({
        id,
        entity_ref: 'component:default/svc-a',
        requester_ref: 'user:default/lee',
        topic: 'other',
        summary: 'Hi',
        urgency: 'low',
        status,
        created_at: filedAt,
        updated_at: closedAt,
      });
      const resolved = '3f1c2b9e-8d4a-4e6f-9b1a-2c3d4e5f6a7b';
      const open = '4f1c2b9e-8d4a-4e6f-9b1a-2c3d4e5f6a7b';
      await knex('ospo_consultations').insert([
        request(resolved, 'resolved'),
        request(open, 'open'),
      ]);
      const status = (id: string, to: string, at: Date) => ({
        consultation_id: id,
        type: 'status',
        actor_ref: 'user:default/ospo',
        to_status: to,
        created_at: at,
      });
      await knex('ospo_consultation_events').insert([
        // Resolved, reopened, and resolved again: the last one counts.
        status(resolved, 'resolved', new Date('2026-11-02T10:00:00Z')),
        status(resolved, 'open', new Date('2026-11-02T11:00:00Z')),
        status(resolved, 'resolved', closedAt),
        status(open, 'resolved', new Date('2026-11-02T10:00:00Z')),
        status(open, 'open', new Date('2026-11-02T11:00:00Z')),
      ]);

      await knex.migrate.up(config);
      const rows = await knex('ospo_consultations')
        .select('id', 'closed_at', 'rating_score', 'rated_at')
        .orderBy('id');
      expect(
        rows.map(r => ({
          ...r,
          closed_at: r.closed_at && toIsoString(r.closed_at),
        })),
      ).toEqual([
        {
          id: resolved,
          closed_at: closedAt.toISOString(),
          rating_score: null,
          rated_at: null,
        },
        { id: open, closed_at: null, rating_score: null, rated_at: null },
      ]);
      expect(await indexesOf(knex, 'ospo_consultations')).toEqual(
        expect.arrayContaining([
          'ospo_consultations_closed_idx',
          'ospo_consultations_rated_idx',
        ]),
      );

      await knex('ospo_consultations')
        .where({ id: resolved })
        .update({ rating_score: 4, rated_at: new Date() });
      await knex('ospo_consultation_events').insert({
        ...status(resolved, 'resolved', new Date()),
        type: 'rated',
        to_status: null,
        score: 4,
      });

      await knex.migrate.down(config);
      // The code of before knows no rated events.
      expect(
        await knex('ospo_consultation_events').where({ type: 'rated' }),
      ).toEqual([]);
      expect(
        await knex.schema.hasColumn('ospo_consultation_events', 'score'),
      ).toBe(false);
      for (const column of [
        'closed_at',
        'rating_score',
        'rating_comment',
        'rated_at',
      ]) {
        expect([
          column,
          await knex.schema.hasColumn('ospo_consultations', column),
        ]).toEqual([column, false]);
      }
      // The requests stay.
      expect(await knex('ospo_consultations').select()).toHaveLength(2);
    });

    if (databaseId.startsWith('POSTGRES')) {
      // SQLite only enforces foreign keys when asked to, per connection.
      it('tie consultation events to their consultation', async () => {
        await knex.migrate.latest(config);
        const event = {
          consultation_id: '3f1c2b9e-8d4a-4e6f-9b1a-2c3d4e5f6a7b',
          type: 'created',
          actor_ref: 'user:default/lee',
          created_at: new Date(),
        };
        expect(
          await failure(knex('ospo_consultation_events').insert(event)),
        ).toMatch(/violates foreign key constraint/);

        await knex('ospo_consultations').insert({
          id: event.consultation_id,
          entity_ref: 'component:default/svc-a',
          requester_ref: 'user:default/lee',
          topic: 'other',
          summary: 'Hi',
          urgency: 'low',
          status: 'open',
          created_at: new Date(),
          updated_at: new Date(),
        });
        await knex('ospo_consultation_events').insert(event);
        await knex('ospo_consultations').delete();
        // Deleting a consultation deletes its thread.
        expect(await knex('ospo_consultation_events').select()).toEqual([]);
      });

      it('tie snapshots, scopes and findings to their run', async () => {
        await knex.migrate.latest(config);
        const missingRun = {
          run_id: 'no-such-run',
          metric_id: 'licenses.denied',
          scope_ref: 'org',
          computed_at: new Date(),
        };
        const orphans = {
          ospo_metric_snapshots: missingRun,
          ospo_metric_scopes: {
            run_id: missingRun.run_id,
            scope_ref: 'org',
            type: 'org',
            title: 'Organization',
          },
          ospo_metric_findings: {
            run_id: missingRun.run_id,
            metric_id: 'licenses.denied',
            entity_ref: 'component:default/svc-a',
            detail: 'GPL-3.0-only is denied',
          },
        };
        for (const [table, row] of Object.entries(orphans)) {
          expect([table, await failure(knex(table).insert(row))]).toEqual([
            table,
            expect.stringMatching(/violates foreign key constraint/),
          ]);
        }
        await insertMetricRun(knex);
        await knex('ospo_metric_runs').delete();
        // Deleting a run deletes what it stored.
        for (const table of [
          'ospo_metric_snapshots',
          'ospo_metric_scopes',
          'ospo_metric_findings',
        ]) {
          expect([table, await knex(table).select()]).toEqual([table, []]);
        }
      });

      it('describe the tables with comments', async () => {
        await knex.migrate.latest(config);
        for (const table of Object.keys(SCHEMA)) {
          const { rows } = await knex.raw(
            `SELECT obj_description(?::regclass, 'pg_class') AS comment`,
            [table],
          );
          expect(rows[0].comment).toEqual(expect.any(String));
        }
      });
    }

    it('step down to nothing and up again', async () => {
      await knex.migrate.latest(config);
      await knex('ospo_checklist_answers').insert({
        team_ref: 'group:default/team-a',
        checklist_id: 'ospo',
        item_id: 'creation',
        status: 'done',
        answered_by: 'user:default/lee',
        answered_at: new Date(),
        version: 1,
      });
      // A consultation with its thread, which the way down must drop too.
      const id = '3f1c2b9e-8d4a-4e6f-9b1a-2c3d4e5f6a7b';
      await knex('ospo_consultations').insert({
        id,
        entity_ref: 'component:default/svc-a',
        requester_ref: 'user:default/lee',
        topic: 'other',
        summary: 'Hi',
        urgency: 'low',
        status: 'open',
        created_at: new Date(),
        updated_at: new Date(),
      });
      await knex('ospo_consultation_events').insert({
        consultation_id: id,
        type: 'created',
        actor_ref: 'user:default/lee',
        created_at: new Date(),
      });
      // And a metric run with everything hanging off it.
      await insertMetricRun(knex);
      // And an SBOM scan with its latest row and a finding.
      await insertSbomScan(knex);

      for (let left = migrationFiles.length - 1; left >= 0; left--) {
        await knex.migrate.down(config);
        expect(await completedMigrations(knex)).toEqual(
          migrationFiles.slice(0, left),
        );
        // Stepping down removes the newer tables only, and keeps the data of
        // the older ones.
        expect(await existingTables(knex)).toEqual(tablesAfter(left));
        expect(
          left > 0 ? await knex('ospo_checklist_answers').select() : [],
        ).toHaveLength(left > 0 ? 1 : 0);
      }
      expect(await knex.migrate.currentVersion(config)).toBe('none');
      expect(await existingTables(knex)).toEqual([]);

      await knex.migrate.latest(config);
      expect(await existingTables(knex)).toEqual(Object.keys(SCHEMA));
      // The tables start empty after going down and up, the answers'
      // version at 0.
      const counter = 'ospo_checklist_answers_version';
      for (const table of Object.keys(SCHEMA).filter(t => t !== counter)) {
        expect([table, await knex(table).select()]).toEqual([table, []]);
      }
      const counts = await knex(counter).select();
      expect(counts.map(r => [r.id, Number(r.version)])).toEqual([[1, 0]]);

      await knex.migrate.rollback(config, true);
      expect(await existingTables(knex)).toEqual([]);
      expect(await completedMigrations(knex)).toEqual([]);
    });
  },
);
