/*
 * First step of the dashboard benchmark, before the backend starts: generates
 * the organisation (catalog files and an overlay app-config in the data
 * folder), recreates the database, migrates the OSPO plugin's tables with its
 * own migrations, seeds them, and writes what the measuring step checks the
 * answers against (expectations.json).
 */

import fs from 'node:fs';
import path from 'node:path';
import type { Entity } from '@backstage/catalog-model';
import yaml from 'js-yaml';
import knexFactory, { Knex } from 'knex';
import { OSPO_MATURITY_CHECKLIST } from '@ospo-kit/plugin-ospo-backend';
import {
  describeMetricScopes,
  getBuiltinMetricDefinitions,
  migrateOspoDatabase,
} from '@ospo-kit/plugin-ospo-backend/testUtils';
import { DashboardBenchOptions, readBenchOptions } from './benchOptions';
import {
  BenchOrganisation,
  generateOrganisation,
} from './generateOrganisation';
import {
  RowWriter,
  SEEDED_TABLES,
  SqliteConnection,
  createSqliteWriter,
  createPgWriter,
  seedAnswers,
  seedConsultations,
  seedMetricRuns,
  withoutIndexes,
} from './seedDatabase';
import { PgClient, connectPg } from './pgClient';
import {
  FigureSimulator,
  MetricShape,
  SeedScope,
  simulateAnswers,
  simulateConsultations,
} from './simulateHistory';

const root = path.resolve(__dirname, '../../..');
const backendDir = path.join(root, 'packages/backend');
const DEMO_ORG = path.join(backendDir, 'examples/org.yaml');
const DEMO_ENTITIES = path.join(backendDir, 'examples/entities.yaml');
const ROOT_ENTITY = path.join(root, 'catalog-info.yaml');

/** What the measuring step checks the API and the page against. */
export interface Expectations {
  shape: DashboardBenchOptions['shape'];
  /** Entities the catalog must hold by kind before measuring. */
  catalogCounts: { Group: number; User: number; Component: number };
  /** Leaf Groups: the teams of the heat map. */
  teamCount: number;
  /** Groups with children (divisions, departments, the demo's). */
  departmentCount: number;
  /** The department the filtered heat map request uses, and its teams. */
  department: { ref: string; title: string; teamCount: number };
  metricIds: string[];
  runs: number;
  oldestRunAt: string;
  snapshotRows: number;
  answers: number;
  consultations: { total: number; open: number; inProgress: number };
  findings: Record<string, number>;
  /** The entity-page scenario's components and the users asking for them. */
  entityPage: EntityPageExpectations;
  seedSeconds: number;
}

/** A component of the entity-page scenario and its owner as generated. */
export interface EntityPageComponent {
  name: string;
  ownerRef: string;
  /** The owner's checklists are shown: it is a Group of the catalog. */
  ownerIsTeam: boolean;
}

export interface EntityPageExpectations {
  components: EntityPageComponent[];
  /** User names (entity names) to sign in as, one per client. */
  users: string[];
}

/**
 * Components spread evenly over the generated ones, and as many users as the
 * largest concurrency has clients (fewer when the organisation has fewer).
 */
function entityPageExpectations(
  options: DashboardBenchOptions,
  org: BenchOrganisation,
): EntityPageExpectations {
  const count = Math.min(
    options.entityPage?.components ?? 0,
    org.components.length,
  );
  const step = count > 0 ? org.components.length / count : 1;
  const components = Array.from({ length: count }, (_, i) => {
    const c = org.components[Math.floor(i * step)];
    return {
      name: c.ref.split('/')[1],
      ownerRef: c.ownerRef,
      ownerIsTeam: c.teamRef !== undefined,
    };
  });
  const clients = Math.max(0, ...(options.entityPage?.clients ?? []));
  const users = org.userRefs.slice(0, clients).map(ref => ref.split('/')[1]);
  return { components, users };
}

function readEntities(file: string): Entity[] {
  return (yaml.loadAll(fs.readFileSync(file, 'utf8')) as Entity[]).filter(
    Boolean,
  );
}

function countKind(entities: Entity[], kind: string) {
  return entities.filter(e => e.kind === kind).length;
}

/** The scopes a metrics run would store for this catalog's Groups. */
function scopesOf(groups: Entity[]): SeedScope[] {
  return describeMetricScopes(groups).map(({ scope, coveredRefs }) => ({
    ...scope,
    covers: coveredRefs,
  }));
}

/**
 * The built-in metrics' ids and aggregations, from the plugin itself, with
 * the default configuration the bench's backend runs with.
 */
function builtinMetricShapes(): MetricShape[] {
  return getBuiltinMetricDefinitions().map(d => ({
    id: d.id,
    aggregation: d.aggregation,
  }));
}

function writeCatalogAndConfig(
  options: DashboardBenchOptions,
  org: BenchOrganisation,
) {
  fs.mkdirSync(options.dataDir, { recursive: true });
  const orgFile = path.join(options.dataDir, 'bench-org.yaml');
  const componentFile = path.join(options.dataDir, 'bench-components.yaml');
  const dump = (entities: Entity[]) =>
    entities.map(e => yaml.dump(e, { lineWidth: -1 })).join('---\n');
  fs.writeFileSync(orgFile, dump(org.entities.orgFile));
  fs.writeFileSync(componentFile, dump(org.entities.componentFile));

  const baseUrl = `http://localhost:${options.port}`;
  const database =
    options.client === 'pg'
      ? {
          client: 'pg',
          // One database for the run, a schema per plugin: dropping the
          // database forgets everything.
          pluginDivisionMode: 'schema',
          connection: {
            host: options.dbHost,
            port: options.dbPort,
            user: options.dbUser,
            ...(options.dbPassword ? { password: options.dbPassword } : {}),
            database: options.database,
          },
        }
      : {
          client: 'better-sqlite3',
          connection: { directory: path.join(options.dataDir, 'sqlite') },
        };
  const config = {
    app: { baseUrl },
    backend: {
      baseUrl,
      listen: { port: options.port },
      cors: { origin: baseUrl },
      database,
    },
    catalog: {
      // Nothing due for reprocessing while measuring (the files do not change).
      processingInterval: { days: 365 },
      // A list in an overlay replaces the base one: the demo's, then ours.
      locations: [
        { type: 'file', target: ROOT_ENTITY },
        { type: 'file', target: DEMO_ENTITIES },
        {
          type: 'file',
          target: DEMO_ORG,
          rules: [{ allow: ['User', 'Group'] }],
        },
        {
          type: 'file',
          target: orgFile,
          rules: [{ allow: ['User', 'Group'] }],
        },
        { type: 'file', target: componentFile },
      ],
    },
    ospo: {
      metrics: {
        // No scheduled run while measuring: the seeded runs are the data.
        // The entity-page scenario starts one run itself, for the checks.
        schedule: {
          frequency: { trigger: 'manual' },
          timeout: { minutes: 30 },
        },
        retention: { days: 400 },
      },
    },
  };
  fs.writeFileSync(
    path.join(options.dataDir, 'app-config.bench.yaml'),
    `# Written by test/bench/dashboard/prepare.ts\n${yaml.dump(config)}`,
  );
}

async function recreatePgDatabase(options: DashboardBenchOptions) {
  const admin = await connectPg({
    host: options.dbHost,
    port: options.dbPort,
    user: options.dbUser,
    password: options.dbPassword,
    database: 'postgres',
  });
  try {
    await admin.query(
      `drop database if exists "${options.database}" with (force)`,
    );
    await admin.query(`create database "${options.database}"`);
  } finally {
    await admin.end();
  }
}

const log = (message: string) => process.stdout.write(`bench: ${message}\n`);

async function main() {
  const options = readBenchOptions();
  const start = performance.now();
  const now = new Date();
  const org = generateOrganisation(options.shape);
  writeCatalogAndConfig(options, org);

  const demoOrg = readEntities(DEMO_ORG);
  const others = [...readEntities(DEMO_ENTITIES), ...readEntities(ROOT_ENTITY)];
  const groups = [
    ...demoOrg.filter(e => e.kind === 'Group'),
    ...org.entities.orgFile.filter(e => e.kind === 'Group'),
  ];
  const scopes = scopesOf(groups);
  const metrics = builtinMetricShapes();
  const checklist = {
    id: OSPO_MATURITY_CHECKLIST.id,
    itemIds: OSPO_MATURITY_CHECKLIST.items.map(i => i.id),
  };
  const answers = simulateAnswers({
    org,
    checklist,
    days: options.shape.days,
    now,
    seed: options.shape.seed,
  });
  const consultations = simulateConsultations({
    org,
    count: options.shape.consultations,
    now,
    seed: options.shape.seed,
  });
  const simulator = new FigureSimulator({
    org,
    scopes,
    metrics,
    answers,
    consultations,
    checklistItems: checklist.itemIds.length,
    days: options.shape.days,
    now,
    seed: options.shape.seed,
  });
  log(
    `generated ${groups.length} groups (${
      scopes.filter(s => s.type === 'team').length
    } teams), ${org.userRefs.length} users, ${
      org.components.length
    } components, ${answers.length} answers, ${
      consultations.length
    } consultations, ${metrics.length} metrics × ${scopes.length} scopes × ${
      options.shape.days
    } days`,
  );

  // The plugin's tables, migrated by the plugin's own migrations.
  let db: Knex;
  const pgClients: PgClient[] = [];
  let writer: RowWriter;
  if (options.client === 'pg') {
    await recreatePgDatabase(options);
    const connection = {
      host: options.dbHost,
      port: options.dbPort,
      user: options.dbUser,
      password: options.dbPassword,
      database: options.database,
    };
    db = knexFactory({
      client: 'pg',
      connection,
      searchPath: ['ospo'],
    });
    await db.raw('create schema if not exists ospo');
    for (let i = 0; i < 2; i++) {
      const client = await connectPg(connection);
      await client.query('set search_path to ospo');
      // A throw-away database: no need to wait for each commit's flush.
      await client.query('set synchronous_commit to off');
      pgClients.push(client);
    }
  } else {
    const sqliteDir = path.join(options.dataDir, 'sqlite');
    fs.rmSync(sqliteDir, { recursive: true, force: true });
    fs.mkdirSync(sqliteDir, { recursive: true });
    db = knexFactory({
      client: 'better-sqlite3',
      connection: { filename: path.join(sqliteDir, 'ospo.sqlite') },
      useNullAsDefault: true,
    });
  }
  await migrateOspoDatabase(db);
  let sqlite: SqliteConnection | undefined;
  if (options.client === 'pg') {
    writer = createPgWriter(pgClients);
  } else {
    // The raw better-sqlite3 connection, all in one transaction: SQLite
    // commits are slow.
    sqlite = (await db.client.acquireConnection()) as SqliteConnection;
    sqlite.exec('begin');
    writer = createSqliteWriter(sqlite);
  }

  const seedStart = performance.now();
  const answerCounts = await seedAnswers(writer, answers);
  const consultationCounts = await seedConsultations(writer, consultations);
  let lastReport = performance.now();
  const catalogEntities =
    org.entities.orgFile.length +
    org.entities.componentFile.length +
    demoOrg.length +
    others.length;
  const seedRuns = (runWriter: RowWriter) =>
    seedMetricRuns({
      writer: runWriter,
      org,
      scopes,
      simulator,
      days: options.shape.days,
      now,
      seed: options.shape.seed,
      processedEntities: catalogEntities,
      onDay: (day, rows) => {
        if (performance.now() - lastReport > 15_000) {
          lastReport = performance.now();
          log(
            `seeding metric runs: day ${day + 1}/${
              options.shape.days
            }, ${rows} snapshot rows, ${(
              (performance.now() - seedStart) /
              1000
            ).toFixed(0)} s`,
          );
        }
      },
    });
  let rebuildSeconds = 0;
  let runCounts: Awaited<ReturnType<typeof seedRuns>>;
  if (options.client === 'pg') {
    const loaded = await withoutIndexes(
      pgClients,
      ['ospo_metric_snapshots', 'ospo_metric_scopes'],
      () => seedRuns(writer),
    );
    runCounts = loaded.result;
    rebuildSeconds = loaded.rebuildSeconds;
  } else {
    runCounts = await seedRuns(writer);
    sqlite!.exec('commit');
  }
  const insertSeconds = (performance.now() - seedStart) / 1000;
  const analyzeStart = performance.now();
  if (options.client === 'pg') {
    // What autovacuum does in a running deployment (it is off on the CI
    // PostgreSQL): without statistics the planner guesses.
    for (const table of SEEDED_TABLES) {
      await pgClients[0].query(`vacuum (analyze) ${table}`);
    }
    await Promise.all(pgClients.map(c => c.end()));
  } else {
    sqlite!.exec('analyze');
    await db.client.releaseConnection(sqlite);
  }
  await db.destroy();
  const seedSeconds = (performance.now() - seedStart) / 1000;
  log(
    `seeded ${answerCounts.answers} answers (${answerCounts.historyRows} history rows), ` +
      `${consultationCounts.consultations} consultations (${consultationCounts.events} events), ` +
      `${runCounts.runs} runs, ${runCounts.scopeRows} scope rows, ${runCounts.snapshotRows} snapshot rows, ` +
      `${runCounts.findings} findings in ${insertSeconds.toFixed(1)} s ` +
      `(of which ${rebuildSeconds.toFixed(1)} s rebuilding indexes) ` +
      `(+ ${((performance.now() - analyzeStart) / 1000).toFixed(
        1,
      )} s vacuum/analyze) ` +
      `on ${
        options.client === 'pg' ? `PostgreSQL ${options.database}` : 'SQLite'
      }`,
  );

  const teamScopes = scopes.filter(s => s.type === 'team');
  // The department with the most teams: the filter the page uses most.
  const department = org.departments
    .map(d => ({
      ref: d.ref,
      title: d.title,
      teamCount: d.childRefs.length,
    }))
    .sort((a, b) => b.teamCount - a.teamCount)[0];
  const findings: Record<string, number> = {};
  for (const c of org.components) {
    if (c.licenseClass === 'denied')
      findings['license.denied'] = (findings['license.denied'] ?? 0) + 1;
    if (c.ownerProblem)
      findings['ownership.coverage'] =
        (findings['ownership.coverage'] ?? 0) + 1;
  }
  const expectations: Expectations = {
    shape: options.shape,
    catalogCounts: {
      Group: groups.length,
      User:
        countKind(demoOrg, 'User') + countKind(org.entities.orgFile, 'User'),
      Component:
        countKind(others, 'Component') + org.entities.componentFile.length,
    },
    teamCount: teamScopes.length,
    departmentCount: scopes.filter(s => s.type === 'department').length,
    department,
    metricIds: metrics.map(m => m.id),
    runs: runCounts.runs,
    oldestRunAt: runCounts.oldestRunAt.toISOString(),
    snapshotRows: runCounts.snapshotRows,
    answers: answerCounts.answers,
    consultations: {
      total: consultations.length,
      open: consultations.filter(c => c.status === 'open').length,
      inProgress: consultations.filter(c => c.status === 'in-progress').length,
    },
    findings,
    entityPage: entityPageExpectations(options, org),
    seedSeconds,
  };
  fs.writeFileSync(
    path.join(options.dataDir, 'expectations.json'),
    JSON.stringify(expectations, null, 2),
  );
  log(`prepared in ${((performance.now() - start) / 1000).toFixed(1)} s`);
}

main().catch(error => {
  // Keep a failed insert's statement from flooding the output.
  process.stderr.write(
    `bench: preparing failed: ${String(error?.stack ?? error).slice(
      0,
      2000,
    )}\n`,
  );
  process.exit(1);
});
