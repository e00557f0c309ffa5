/*
 * Writes the simulated OSPO data into the plugin's own tables: checklist
 * answers and their history, consultations and their threads, and one metrics
 * run a day with its scopes and snapshot (and findings for the newest run).
 *
 * Rows are objects keyed by column name. The writers read each table's
 * columns from the database the plugin's migrations made (and, on
 * PostgreSQL, their types) rather than restating the schema here; a row
 * naming a column the table does not have fails the seeding. PostgreSQL gets
 * multi-row inserts through unnest() over column arrays, one statement per
 * few thousand rows; SQLite gets prepared inserts in one transaction.
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

const ANSWERS = 'ospo_checklist_answers';
const ANSWER_HISTORY = 'ospo_checklist_answer_history';
const ANSWERS_VERSION = 'ospo_checklist_answers_version';
const CONSULTATIONS = 'ospo_consultations';
const CONSULTATION_EVENTS = 'ospo_consultation_events';
const RUNS = 'ospo_metric_runs';
const SCOPES = 'ospo_metric_scopes';
const SNAPSHOTS = 'ospo_metric_snapshots';
const FINDINGS = 'ospo_metric_findings';

/** The tables the seed writes, for analysing them afterwards. */
export const SEEDED_TABLES = [
  ANSWERS,
  ANSWER_HISTORY,
  ANSWERS_VERSION,
  CONSULTATIONS,
  CONSULTATION_EVENTS,
  RUNS,
  SCOPES,
  SNAPSHOTS,
  FINDINGS,
];

/** One row: values by column name; `undefined` is stored as NULL. */
export type Row = Record<string, unknown>;

/** Writes rows into the plugin's tables. */
export interface RowWriter {
  /** Inserts rows that all name the same columns. */
  insert(table: string, rows: Row[]): Promise<void>;
  /** Updates the rows matching `where`; resolves to how many changed. */
  update(table: string, set: Row, where: Row): Promise<number>;
  /** Waits for every insert started so far. */
  flush(): Promise<void>;
}

/**
 * The columns a statement writes: the first row's, each checked against the
 * table's columns as the migrations made them (`described`, by name).
 */
function statementColumns<T>(
  table: string,
  described: Map<string, T>,
  row: Row,
): Array<{ name: string; info: T }> {
  if (described.size === 0) {
    throw new Error(
      `The table ${table} does not exist: the seed is out of step with the plugin's migrations`,
    );
  }
  return Object.keys(row).map(name => {
    const info = described.get(name);
    if (info === undefined) {
      throw new Error(
        `The table ${table} has no column ${name} (it has ${[
          ...described.keys(),
        ].join(', ')}): the seed is out of step with the plugin's migrations`,
      );
    }
    return { name, info };
  });
}

/**
 * Throws unless the row names exactly the statement's columns: a misspelt
 * key must not turn into a silent NULL.
 */
function checkRowKeys(table: string, names: Set<string>, row: Row) {
  let count = 0;
  for (const key in row) {
    if (!names.has(key)) {
      throw new Error(
        `A row for ${table} names ${key}, which the batch's first row does not (${[
          ...names,
        ].join(', ')})`,
      );
    }
    count++;
  }
  if (count !== names.size) {
    throw new Error(
      `A row for ${table} leaves out some of ${[...names].join(', ')}`,
    );
  }
}

/** A value as both drivers take it. */
function sqlValue(value: unknown) {
  return value === undefined ? null : value;
}

const PG_ROWS_PER_STATEMENT = 5000;

/**
 * PostgreSQL: `insert ... select * from unnest($1::text[], ...)`, one array
 * per column, cast to the column's type as read from
 * `information_schema.columns`; up to two statements in flight on two
 * connections, so that generating the next day overlaps with storing the
 * last.
 */
export function createPgWriter(clients: PgClient[]): RowWriter {
  const pending = new Set<Promise<void>>();
  // A statement that failed after it left `pending` must still fail the seed.
  let failure: { error: unknown } | undefined;
  const throwIfFailed = () => {
    if (failure) throw failure.error;
  };
  const described = new Map<string, Promise<Map<string, string>>>();
  let next = 0;
  const describe = (table: string) => {
    let columns = described.get(table);
    if (!columns) {
      columns = clients[0]
        .query<{ name: string; type: string; kind: string }>(
          `select column_name as name, udt_name as type, data_type as kind
             from information_schema.columns
            where table_schema = current_schema() and table_name = $1`,
          [table],
        )
        .then(({ rows }) => {
          const result = new Map<string, string>();
          for (const { name, type, kind } of rows) {
            // An array or enum column would need its own cast below.
            if (kind === 'ARRAY' || kind === 'USER-DEFINED') {
              throw new Error(
                `${table}.${name} is of type ${type}, which the seed cannot write yet`,
              );
            }
            result.set(name, type);
          }
          return result;
        });
      described.set(table, columns);
    }
    return columns;
  };
  const run = async (
    table: string,
    columns: Array<{ name: string; info: string }>,
    rows: Row[],
  ) => {
    const names = new Set(columns.map(c => c.name));
    const arrays: unknown[][] = columns.map(() => new Array(rows.length));
    for (let r = 0; r < rows.length; r++) {
      const row = rows[r];
      checkRowKeys(table, names, row);
      for (let c = 0; c < columns.length; c++) {
        const value = row[columns[c].name];
        arrays[c][r] =
          value instanceof Date ? value.toISOString() : sqlValue(value);
      }
    }
    const client = clients[next++ % clients.length];
    await client.query(
      `insert into ${table} (${columns
        .map(({ name }) => `"${name}"`)
        .join(', ')}) select * from unnest(${columns
        .map(({ info }, i) => `$${i + 1}::${info}[]`)
        .join(', ')})`,
      arrays,
    );
  };
  return {
    async insert(table, rows) {
      if (rows.length === 0) return;
      const columns = statementColumns(table, await describe(table), rows[0]);
      for (let i = 0; i < rows.length; i += PG_ROWS_PER_STATEMENT) {
        throwIfFailed();
        while (pending.size >= clients.length) {
          await Promise.race(pending);
        }
        const promise = run(
          table,
          columns,
          rows.slice(i, i + PG_ROWS_PER_STATEMENT),
        );
        pending.add(promise);
        promise.then(
          () => pending.delete(promise),
          error => {
            pending.delete(promise);
            failure ??= { error };
          },
        );
      }
    },
    async update(table, set, where) {
      const described = await describe(table);
      const setColumns = statementColumns(table, described, set);
      const whereColumns = statementColumns(table, described, where);
      const values = [
        ...setColumns.map(c => sqlValue(set[c.name])),
        ...whereColumns.map(c => sqlValue(where[c.name])),
      ];
      const result = await clients[0].query(
        `update ${table} set ${setColumns
          .map(({ name }, i) => `"${name}" = $${i + 1}`)
          .join(', ')} where ${whereColumns
          .map(({ name }, i) => `"${name}" = $${setColumns.length + i + 1}`)
          .join(' and ')}`,
        values,
      );
      return result.rowCount ?? 0;
    },
    async flush() {
      await Promise.allSettled(pending);
      throwIfFailed();
    },
  };
}

/** The few calls of a better-sqlite3 connection the writer makes. */
export interface SqliteConnection {
  prepare(sql: string): {
    run(...values: unknown[]): { changes: number };
    all(...values: unknown[]): unknown[];
  };
  exec(sql: string): unknown;
}

/**
 * SQLite (better-sqlite3): one prepared insert per table and set of columns,
 * run row by row on the raw connection (knex would build a statement of at
 * most 500 rows each time). The columns come from `PRAGMA table_info`. Dates
 * are stored as epoch milliseconds, as knex stores them.
 */
export function createSqliteWriter(connection: SqliteConnection): RowWriter {
  const described = new Map<string, Map<string, true>>();
  const statements = new Map<
    string,
    {
      columns: string[];
      names: Set<string>;
      statement: ReturnType<SqliteConnection['prepare']>;
    }
  >();
  const describe = (table: string) => {
    let columns = described.get(table);
    if (!columns) {
      const rows = connection
        .prepare('select name from pragma_table_info(?)')
        .all(table) as Array<{ name: string }>;
      columns = new Map(rows.map(({ name }) => [name, true] as const));
      described.set(table, columns);
    }
    return columns;
  };
  const value = (v: unknown) => (v instanceof Date ? v.getTime() : sqlValue(v));
  return {
    async insert(table, rows) {
      if (rows.length === 0) return;
      const columns = statementColumns(table, describe(table), rows[0]).map(
        c => c.name,
      );
      const key = `${table}(${columns.join()})`;
      let prepared = statements.get(key);
      if (!prepared) {
        prepared = {
          columns,
          names: new Set(columns),
          statement: connection.prepare(
            `insert into ${table} (${columns
              .map(name => `"${name}"`)
              .join(', ')}) values (${columns.map(() => '?').join(', ')})`,
          ),
        };
        statements.set(key, prepared);
      }
      const { names, statement } = prepared;
      for (const row of rows) {
        checkRowKeys(table, names, row);
        statement.run(...columns.map(name => value(row[name])));
      }
    },
    async update(table, set, where) {
      const setColumns = statementColumns(table, describe(table), set);
      const whereColumns = statementColumns(table, describe(table), where);
      return connection
        .prepare(
          `update ${table} set ${setColumns
            .map(({ name }) => `"${name}" = ?`)
            .join(', ')} where ${whereColumns
            .map(({ name }) => `"${name}" = ?`)
            .join(' and ')}`,
        )
        .run(
          ...setColumns.map(c => value(set[c.name])),
          ...whereColumns.map(c => value(where[c.name])),
        ).changes;
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

/**
 * The answers and their history; the answers' version row counts every
 * change once, as the store counts them.
 */
export async function seedAnswers(writer: RowWriter, answers: TeamAnswer[]) {
  const current: Row[] = [];
  const history: Row[] = [];
  for (const answer of answers) {
    const last = answer.changes[answer.changes.length - 1];
    current.push({
      team_ref: answer.teamRef,
      checklist_id: answer.checklistId,
      item_id: answer.itemId,
      status: last.status,
      note: answer.note,
      evidence_url: answer.evidenceUrl,
      answered_by: last.by,
      answered_at: last.at,
      version: answer.changes.length,
    });
    answer.changes.forEach((change, i) => {
      const isLast = i === answer.changes.length - 1;
      history.push({
        team_ref: answer.teamRef,
        checklist_id: answer.checklistId,
        item_id: answer.itemId,
        from_status: i === 0 ? undefined : answer.changes[i - 1].status,
        to_status: change.status,
        note: isLast ? answer.note : undefined,
        evidence_url: isLast ? answer.evidenceUrl : undefined,
        changed_by: change.by,
        changed_at: change.at,
        version: i + 1,
      });
    });
  }
  await writer.insert(ANSWERS, current);
  await writer.insert(ANSWER_HISTORY, history);
  await writer.flush();
  const updated = await writer.update(
    ANSWERS_VERSION,
    { version: history.length },
    { id: 1 },
  );
  if (updated !== 1) {
    throw new Error(
      `Expected the migrations' single row in ${ANSWERS_VERSION}, updated ${updated}`,
    );
  }
  return { answers: current.length, historyRows: history.length };
}

/** One entry of a consultation's thread. */
interface ThreadEvent {
  consultationId: string;
  type: 'created' | 'assignment' | 'status' | 'comment';
  actorRef: string;
  at: Date;
  body?: string;
  fromStatus?: string;
  toStatus?: string;
  assigneeRef?: string;
}

function consultationEvent(event: ThreadEvent): Row {
  return {
    consultation_id: event.consultationId,
    type: event.type,
    actor_ref: event.actorRef,
    body: event.body,
    from_status: event.fromStatus,
    to_status: event.toStatus,
    assignee_ref: event.assigneeRef,
    created_at: event.at,
  };
}

export async function seedConsultations(
  writer: RowWriter,
  consultations: BenchConsultation[],
) {
  const rows: Row[] = [];
  const events: Row[] = [];
  for (const c of consultations) {
    rows.push({
      id: c.id,
      entity_ref: c.entityRef,
      requester_ref: c.requesterRef,
      topic: c.topic,
      summary: c.summary,
      details: `Details of the request about ${c.entityRef}.`,
      urgency: c.urgency,
      status: c.status,
      assignee_ref: c.assigneeRef,
      resolution: c.resolution,
      created_at: c.createdAt,
      updated_at: c.updatedAt,
      first_response_at: c.firstResponseAt,
      comment_count: c.comments.length,
    });
    const consultationId = c.id;
    const thread: ThreadEvent[] = [
      {
        consultationId,
        type: 'created',
        actorRef: c.requesterRef,
        toStatus: 'open',
        at: c.createdAt,
      },
    ];
    if (c.firstResponseAt && c.assigneeRef) {
      thread.push({
        consultationId,
        type: 'assignment',
        actorRef: c.assigneeRef,
        assigneeRef: c.assigneeRef,
        at: c.firstResponseAt,
      });
    }
    if (c.firstResponseAt && c.status !== 'open') {
      thread.push({
        consultationId,
        type: 'status',
        actorRef: 'user:default/olivia',
        fromStatus: 'open',
        toStatus: 'in-progress',
        at: c.firstResponseAt,
      });
    }
    for (const comment of c.comments) {
      thread.push({
        consultationId,
        type: 'comment',
        actorRef: comment.actorRef,
        body: comment.body,
        at: comment.at,
      });
    }
    if (c.closedAt) {
      thread.push({
        consultationId,
        type: 'status',
        actorRef:
          c.status === 'withdrawn' ? c.requesterRef : 'user:default/olivia',
        body: c.resolution,
        fromStatus: c.firstResponseAt ? 'in-progress' : 'open',
        toStatus: c.status,
        at: c.closedAt,
      });
    }
    thread.sort((a, b) => a.at.getTime() - b.at.getTime());
    events.push(...thread.map(consultationEvent));
  }
  await writer.insert(CONSULTATIONS, rows);
  // The events reference the requests: those must be in first.
  await writer.flush();
  await writer.insert(CONSULTATION_EVENTS, events);
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
    await writer.insert(RUNS, [
      {
        id: runId,
        status: 'succeeded',
        started_at: startedAt,
        finished_at: finishedAt,
        processed_entities: options.processedEntities,
        error: undefined,
      },
    ]);
    await writer.flush();
    await writer.insert(
      SCOPES,
      scopes.map(s => ({
        run_id: runId,
        scope_ref: s.ref,
        type: s.type,
        title: s.title,
        parent_ref: s.parentRef,
        child_refs: s.childRefs?.length
          ? JSON.stringify(s.childRefs)
          : undefined,
      })),
    );
    const figures = simulator.figuresOf(day);
    await writer.insert(
      SNAPSHOTS,
      figures.map(f => ({
        run_id: runId,
        metric_id: f.metricId,
        scope_ref: f.scopeRef,
        value: f.value,
        numerator: f.numerator,
        denominator: f.denominator,
        breakdown: f.breakdown,
        computed_at: finishedAt,
      })),
    );
    snapshotRows += figures.length;
    latestRunId = runId;
    options.onDay?.(day, snapshotRows);
  }
  await writer.flush();

  const findings: Row[] = [];
  const finding = (
    metricId: string,
    entityRef: string,
    teamRef: string | undefined,
    detail: string,
  ) =>
    findings.push({
      run_id: latestRunId,
      metric_id: metricId,
      entity_ref: entityRef,
      team_ref: teamRef,
      detail,
    });
  for (const c of options.org.components) {
    if (c.licenseClass === 'denied') {
      finding('license.denied', c.ref, c.teamRef, `${c.license} is denied`);
    }
    if (c.ownerProblem) {
      finding('ownership.coverage', c.ref, undefined, c.ownerProblem);
    }
    if (c.publishedAt) {
      finding(
        'outbound.published',
        c.ref,
        c.teamRef,
        `Published at ${c.publishedAt}`,
      );
    }
    if (c.forkOf) {
      finding('inbound.forks', c.ref, c.teamRef, `Fork of ${c.forkOf}`);
    }
  }
  await writer.insert(FINDINGS, findings);
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
