/*
 * Writes the simulated OSPO data into the plugin's own tables, in the columns
 * of its migrations: checklist answers and their history, consultations and
 * their threads, and one metrics run a day with its scopes and snapshot (and
 * findings for the newest run). PostgreSQL gets multi-row inserts through
 * unnest() over column arrays, one statement per few thousand rows; SQLite
 * gets prepared inserts in one transaction.
 */

import type { PgClient } from './pgClient';
import { createRandom } from '../createRandom';
import { BenchOrganisation } from './generateOrganisation';
import {
  BenchConsultation,
  DAY_MS,
  FigureSimulator,
  SeedScope,
  TeamAnswer,
  dayStart,
} from './simulateHistory';

type ColumnType = 'text' | 'float8' | 'int4' | 'timestamptz';

interface TableSpec {
  name: string;
  columns: Array<[name: string, type: ColumnType]>;
}

const TABLES = {
  answers: {
    name: 'ospo_checklist_answers',
    columns: [
      ['team_ref', 'text'],
      ['checklist_id', 'text'],
      ['item_id', 'text'],
      ['status', 'text'],
      ['note', 'text'],
      ['evidence_url', 'text'],
      ['answered_by', 'text'],
      ['answered_at', 'timestamptz'],
      ['version', 'int4'],
    ],
  },
  answerHistory: {
    name: 'ospo_checklist_answer_history',
    columns: [
      ['team_ref', 'text'],
      ['checklist_id', 'text'],
      ['item_id', 'text'],
      ['from_status', 'text'],
      ['to_status', 'text'],
      ['note', 'text'],
      ['evidence_url', 'text'],
      ['changed_by', 'text'],
      ['changed_at', 'timestamptz'],
      ['version', 'int4'],
    ],
  },
  consultations: {
    name: 'ospo_consultations',
    columns: [
      ['id', 'text'],
      ['entity_ref', 'text'],
      ['requester_ref', 'text'],
      ['topic', 'text'],
      ['summary', 'text'],
      ['details', 'text'],
      ['urgency', 'text'],
      ['status', 'text'],
      ['assignee_ref', 'text'],
      ['resolution', 'text'],
      ['created_at', 'timestamptz'],
      ['updated_at', 'timestamptz'],
      ['first_response_at', 'timestamptz'],
      ['comment_count', 'int4'],
    ],
  },
  consultationEvents: {
    name: 'ospo_consultation_events',
    columns: [
      ['consultation_id', 'text'],
      ['type', 'text'],
      ['actor_ref', 'text'],
      ['body', 'text'],
      ['from_status', 'text'],
      ['to_status', 'text'],
      ['assignee_ref', 'text'],
      ['created_at', 'timestamptz'],
    ],
  },
  runs: {
    name: 'ospo_metric_runs',
    columns: [
      ['id', 'text'],
      ['status', 'text'],
      ['started_at', 'timestamptz'],
      ['finished_at', 'timestamptz'],
      ['processed_entities', 'int4'],
      ['error', 'text'],
    ],
  },
  scopes: {
    name: 'ospo_metric_scopes',
    columns: [
      ['run_id', 'text'],
      ['scope_ref', 'text'],
      ['type', 'text'],
      ['title', 'text'],
      ['parent_ref', 'text'],
      ['child_refs', 'text'],
    ],
  },
  snapshots: {
    name: 'ospo_metric_snapshots',
    columns: [
      ['run_id', 'text'],
      ['metric_id', 'text'],
      ['scope_ref', 'text'],
      ['value', 'float8'],
      ['numerator', 'float8'],
      ['denominator', 'float8'],
      ['breakdown', 'text'],
      ['computed_at', 'timestamptz'],
    ],
  },
  findings: {
    name: 'ospo_metric_findings',
    columns: [
      ['run_id', 'text'],
      ['metric_id', 'text'],
      ['entity_ref', 'text'],
      ['team_ref', 'text'],
      ['detail', 'text'],
    ],
  },
} satisfies Record<string, TableSpec>;

/** Inserts rows given as arrays in the spec's column order. */
export interface RowWriter {
  insert(table: TableSpec, rows: unknown[][]): Promise<void>;
  /** Waits for every insert started so far. */
  flush(): Promise<void>;
}

const PG_ROWS_PER_STATEMENT = 5000;

/**
 * PostgreSQL: `insert ... select * from unnest($1::text[], ...)`, one array
 * per column; up to two statements in flight on two connections, so that
 * generating the next day overlaps with storing the last.
 */
export function createPgWriter(clients: PgClient[]): RowWriter {
  const pending = new Set<Promise<void>>();
  let next = 0;
  const run = async (table: TableSpec, rows: unknown[][]) => {
    const columns = table.columns.map(([name]) => `"${name}"`).join(', ');
    const arrays = table.columns.map(([, type], i) => {
      const values = rows.map(row => row[i] ?? null);
      return type === 'timestamptz'
        ? values.map(v => (v instanceof Date ? v.toISOString() : v))
        : values;
    });
    const unnest = table.columns
      .map(([, type], i) => `$${i + 1}::${type}[]`)
      .join(', ');
    const client = clients[next++ % clients.length];
    await client.query(
      `insert into ${table.name} (${columns}) select * from unnest(${unnest})`,
      arrays,
    );
  };
  return {
    async insert(table, rows) {
      for (let i = 0; i < rows.length; i += PG_ROWS_PER_STATEMENT) {
        while (pending.size >= clients.length) {
          await Promise.race(pending);
        }
        const promise = run(table, rows.slice(i, i + PG_ROWS_PER_STATEMENT));
        pending.add(promise);
        promise.then(
          () => pending.delete(promise),
          () => pending.delete(promise),
        );
      }
    },
    async flush() {
      await Promise.all(pending);
    },
  };
}

/** The few calls of a better-sqlite3 connection the writer makes. */
export interface SqliteConnection {
  prepare(sql: string): { run(...values: unknown[]): unknown };
  exec(sql: string): unknown;
}

/**
 * SQLite (better-sqlite3): one prepared insert per table, run row by row on
 * the raw connection (knex would build a statement of at most 500 rows each
 * time). Dates are stored as epoch milliseconds, as knex stores them.
 */
export function createSqliteWriter(connection: SqliteConnection): RowWriter {
  const statements = new Map<string, ReturnType<SqliteConnection['prepare']>>();
  return {
    async insert(table, rows) {
      let statement = statements.get(table.name);
      if (!statement) {
        statement = connection.prepare(
          `insert into ${table.name} (${table.columns
            .map(([name]) => `"${name}"`)
            .join(', ')}) values (${table.columns.map(() => '?').join(', ')})`,
        );
        statements.set(table.name, statement);
      }
      for (const row of rows) {
        statement.run(
          ...table.columns.map((_, i) => {
            const value = row[i];
            if (value === undefined) return null;
            return value instanceof Date ? value.getTime() : value;
          }),
        );
      }
    },
    async flush() {},
  };
}

/**
 * Runs `load` with the tables' indexes and constraints dropped, then puts
 * them back exactly as the migrations made them (read from the catalog
 * tables first): building an index once is several times faster than
 * maintaining it over millions of single inserts. PostgreSQL only.
 */
export async function withoutIndexes<T>(
  clients: PgClient[],
  tables: string[],
  load: () => Promise<T>,
): Promise<{ result: T; rebuildSeconds: number }> {
  const [client] = clients;
  const saved: Array<{
    table: string;
    constraints: Array<{ name: string; def: string; type: string }>;
    indexes: Array<{ name: string; def: string }>;
  }> = [];
  for (const table of tables) {
    const constraints = (
      await client.query<{ name: string; def: string; type: string }>(
        `select conname as name, pg_get_constraintdef(oid) as def, contype as type
           from pg_constraint
          where conrelid = $1::regclass and contype in ('p', 'u', 'f')`,
        [table],
      )
    ).rows;
    const indexes = (
      await client.query<{ name: string; def: string }>(
        `select i.relname as name, pg_get_indexdef(i.oid) as def
           from pg_index x join pg_class i on i.oid = x.indexrelid
          where x.indrelid = $1::regclass
            and not exists (select 1 from pg_constraint c where c.conindid = i.oid)`,
        [table],
      )
    ).rows;
    saved.push({ table, constraints, indexes });
  }
  // Foreign keys first: a primary key may be what one of them references.
  for (const { table, constraints } of saved) {
    for (const c of [...constraints].sort((a, b) =>
      a.type === 'f' ? -1 : b.type === 'f' ? 1 : 0,
    )) {
      await client.query(`alter table ${table} drop constraint "${c.name}"`);
    }
  }
  for (const { indexes } of saved) {
    for (const i of indexes) await client.query(`drop index "${i.name}"`);
  }
  const result = await load();
  const start = performance.now();
  await Promise.all(
    saved.map(async ({ table, constraints, indexes }, n) => {
      const c = clients[n % clients.length];
      await c.query(`set maintenance_work_mem to '512MB'`);
      for (const k of constraints.filter(x => x.type !== 'f')) {
        await c.query(
          `alter table ${table} add constraint "${k.name}" ${k.def}`,
        );
      }
      for (const i of indexes) await c.query(i.def);
    }),
  );
  for (const { table, constraints } of saved) {
    for (const k of constraints.filter(x => x.type === 'f')) {
      await client.query(
        `alter table ${table} add constraint "${k.name}" ${k.def}`,
      );
    }
  }
  return { result, rebuildSeconds: (performance.now() - start) / 1000 };
}

export async function seedAnswers(writer: RowWriter, answers: TeamAnswer[]) {
  const current: unknown[][] = [];
  const history: unknown[][] = [];
  for (const answer of answers) {
    const last = answer.changes[answer.changes.length - 1];
    current.push([
      answer.teamRef,
      answer.checklistId,
      answer.itemId,
      last.status,
      answer.note,
      answer.evidenceUrl,
      last.by,
      last.at,
      answer.changes.length,
    ]);
    answer.changes.forEach((change, i) => {
      const isLast = i === answer.changes.length - 1;
      history.push([
        answer.teamRef,
        answer.checklistId,
        answer.itemId,
        i === 0 ? null : answer.changes[i - 1].status,
        change.status,
        isLast ? answer.note : null,
        isLast ? answer.evidenceUrl : null,
        change.by,
        change.at,
        i + 1,
      ]);
    });
  }
  await writer.insert(TABLES.answers, current);
  await writer.insert(TABLES.answerHistory, history);
  await writer.flush();
  return { answers: current.length, historyRows: history.length };
}

export async function seedConsultations(
  writer: RowWriter,
  consultations: BenchConsultation[],
) {
  const rows: unknown[][] = [];
  const events: unknown[][] = [];
  for (const c of consultations) {
    rows.push([
      c.id,
      c.entityRef,
      c.requesterRef,
      c.topic,
      c.summary,
      `Details of the request about ${c.entityRef}.`,
      c.urgency,
      c.status,
      c.assigneeRef,
      c.resolution,
      c.createdAt,
      c.updatedAt,
      c.firstResponseAt,
      c.comments.length,
    ]);
    const thread: unknown[][] = [
      [c.id, 'created', c.requesterRef, null, null, 'open', null, c.createdAt],
    ];
    if (c.firstResponseAt && c.assigneeRef) {
      thread.push([
        c.id,
        'assignment',
        c.assigneeRef,
        null,
        null,
        null,
        c.assigneeRef,
        c.firstResponseAt,
      ]);
    }
    if (c.firstResponseAt && c.status !== 'open') {
      thread.push([
        c.id,
        'status',
        'user:default/olivia',
        null,
        'open',
        'in-progress',
        null,
        c.firstResponseAt,
      ]);
    }
    for (const comment of c.comments) {
      thread.push([
        c.id,
        'comment',
        comment.actorRef,
        comment.body,
        null,
        null,
        null,
        comment.at,
      ]);
    }
    if (c.closedAt) {
      thread.push([
        c.id,
        'status',
        c.status === 'withdrawn' ? c.requesterRef : 'user:default/olivia',
        c.resolution ?? null,
        c.firstResponseAt ? 'in-progress' : 'open',
        c.status,
        null,
        c.closedAt,
      ]);
    }
    thread.sort((a, b) => (a[7] as Date).getTime() - (b[7] as Date).getTime());
    events.push(...thread);
  }
  await writer.insert(TABLES.consultations, rows);
  // The events reference the requests: those must be in first.
  await writer.flush();
  await writer.insert(TABLES.consultationEvents, events);
  await writer.flush();
  return { consultations: rows.length, events: events.length };
}

/**
 * One succeeded run a day, the newest a few minutes ago, each with the full
 * scope list and snapshot; findings for the newest run only (the API serves
 * only the latest run's).
 */
export async function seedMetricRuns(options: {
  writer: RowWriter;
  org: BenchOrganisation;
  scopes: SeedScope[];
  simulator: FigureSimulator;
  days: number;
  now: Date;
  seed: number;
  processedEntities: number;
  onDay?: (day: number, rows: number) => void;
}) {
  const { writer, scopes, simulator, days, now } = options;
  const random = createRandom(options.seed + 4);
  const hex = (n: number) =>
    Array.from({ length: n }, () => random.int(16).toString(16)).join('');
  let snapshotRows = 0;
  let latestRunId = '';
  for (let day = 0; day < days; day++) {
    const runId = `${hex(8)}-${hex(4)}-4${hex(3)}-a${hex(3)}-${hex(12)}`;
    const finishedAt = new Date(
      dayStart(now, days, day).getTime() - 5 * 60_000,
    );
    const startedAt = new Date(finishedAt.getTime() - 90_000);
    await writer.insert(TABLES.runs, [
      [
        runId,
        'succeeded',
        startedAt,
        finishedAt,
        options.processedEntities,
        null,
      ],
    ]);
    await writer.flush();
    await writer.insert(
      TABLES.scopes,
      scopes.map(s => [
        runId,
        s.ref,
        s.type,
        s.title,
        s.parentRef,
        s.childRefs?.length ? JSON.stringify(s.childRefs) : null,
      ]),
    );
    const figures = simulator.figuresOf(day);
    await writer.insert(
      TABLES.snapshots,
      figures.map(f => [
        runId,
        f.metricId,
        f.scopeRef,
        f.value,
        f.numerator,
        f.denominator,
        f.breakdown,
        finishedAt,
      ]),
    );
    snapshotRows += figures.length;
    latestRunId = runId;
    options.onDay?.(day, snapshotRows);
  }
  await writer.flush();

  const findings: unknown[][] = [];
  for (const c of options.org.components) {
    if (c.licenseClass === 'denied') {
      findings.push([
        latestRunId,
        'license.denied',
        c.ref,
        c.teamRef,
        `${c.license} is denied`,
      ]);
    }
    if (c.ownerProblem) {
      findings.push([
        latestRunId,
        'ownership.coverage',
        c.ref,
        null,
        c.ownerProblem,
      ]);
    }
    if (c.publishedAt) {
      findings.push([
        latestRunId,
        'outbound.published',
        c.ref,
        c.teamRef,
        `Published at ${c.publishedAt}`,
      ]);
    }
    if (c.forkOf) {
      findings.push([
        latestRunId,
        'inbound.forks',
        c.ref,
        c.teamRef,
        `Fork of ${c.forkOf}`,
      ]);
    }
  }
  await writer.insert(TABLES.findings, findings);
  await writer.flush();
  return {
    runs: days,
    scopeRows: days * scopes.length,
    snapshotRows,
    findings: findings.length,
    latestRunId,
    oldestRunAt: new Date(now.getTime() - (days - 1) * DAY_MS - 5 * 60_000),
  };
}

export const SEEDED_TABLES = Object.values(TABLES).map(t => t.name);
