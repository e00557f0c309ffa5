import {
  TestBackend,
  TestDatabaseId,
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  ChecklistMatrix,
  MetricScope,
  ORG_SCOPE,
  ospoChecklistReadPermission,
  ospoConsultationReadPermission,
} from '@ospo-kit/plugin-ospo-common';
import { Knex } from 'knex';
import request from 'supertest';
import { DatabaseChecklistStore } from '../checklists/DatabaseChecklistStore';
import { DatabaseConsultationStore } from '../consultations/DatabaseConsultationStore';
import { DatabaseMetricsStore } from '../metrics/DatabaseMetricsStore';
import { ospoPlugin } from '../plugin';
import { expectMatchesSpec } from '../__testUtils__/expectMatchesSpec';
import { restrictedCatalog, userOf } from '../__testUtils__/restrictedCatalog';
import { createTestDatabases } from '../__testUtils__/testDatabases';

jest.setTimeout(60_000);

const databases = createTestDatabases();

const LEE = 'user:default/lee'; // reads everything
const SAM = 'user:default/sam'; // cannot see the ops Group nor the secret component
const GUEST = 'user:default/guest'; // may read neither checklists nor consultations

const lee = mockCredentials.user.header(LEE);
const sam = mockCredentials.user.header(SAM);
const guest = mockCredentials.user.header(GUEST);
const service = mockCredentials.service.header();
const anonymous = mockCredentials.none.header();

const ROUTES = {
  matrix: '/dashboard/checklists',
  csv: '/dashboard/checklists.csv',
  consultations: '/dashboard/consultations',
};

const ref = (name: string) => `group:default/${name}`;
const TECH = ref('tech');
const ENG = ref('eng');
const PLATFORM = ref('platform');
const INFRA = ref('infra');
const TEAM_A = ref('team-a');
const TEAM_B = ref('team-b');
const OPS = ref('ops');
const SRE = ref('sre');
const RING_1 = ref('ring-1');
const RING_2 = ref('ring-2');
const TEAM_C = ref('team-c');
const SOLO = ref('solo');

/**
 * The hierarchy of the metrics runs here: Technology > Engineering >
 * (Team A, Team B, Platform > Infra) and Technology > Operations > SRE; two
 * departments in a cycle above Team C; and Solo, a team without a parent.
 * Technology, alone at the top, is the organisation's root.
 */
const SCOPES: MetricScope[] = [
  { ref: ORG_SCOPE, type: 'org', title: 'Organisation' },
  { ref: TECH, type: 'department', title: 'Technology', childRefs: [ENG, OPS] },
  {
    ref: ENG,
    type: 'department',
    title: 'Engineering',
    parentRef: TECH,
    childRefs: [PLATFORM, TEAM_A, TEAM_B],
  },
  {
    ref: PLATFORM,
    type: 'department',
    title: 'Platform',
    parentRef: ENG,
    childRefs: [INFRA],
  },
  { ref: INFRA, type: 'team', title: 'Infra', parentRef: PLATFORM },
  { ref: TEAM_A, type: 'team', title: 'Team A', parentRef: ENG },
  { ref: TEAM_B, type: 'team', title: 'Team B, "the best"', parentRef: ENG },
  {
    ref: OPS,
    type: 'department',
    title: 'Operations',
    parentRef: TECH,
    childRefs: [SRE],
  },
  { ref: SRE, type: 'team', title: 'SRE', parentRef: OPS },
  {
    ref: RING_1,
    type: 'department',
    title: '@Ring 1',
    parentRef: RING_2,
    childRefs: [RING_2, TEAM_C],
  },
  {
    ref: RING_2,
    type: 'department',
    title: 'Ring 2',
    parentRef: RING_1,
    childRefs: [RING_1],
  },
  { ref: TEAM_C, type: 'team', title: '-Team C', parentRef: RING_1 },
  { ref: SOLO, type: 'team', title: '=SUM(1,2)' },
];

const CHECKLISTS = [
  {
    id: 'ospo',
    title: 'Creating an OSPO',
    items: [
      { id: 'creation', title: 'Creation', description: 'An OSPO exists.' },
      { id: 'awareness', title: 'Awareness', description: 'People know it.' },
      {
        id: 'measurement',
        title: 'Measurement',
        description: 'It is measured.',
      },
    ],
  },
  {
    id: 'inner',
    title: '+Inner',
    items: [{ id: 'portal', title: 'Portal', description: 'A portal.' }],
  },
];
const COLUMNS = [
  'ospo/creation',
  'ospo/awareness',
  'ospo/measurement',
  'inner/portal',
];

function entity(kind: string, name: string): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind,
    metadata: { name, namespace: 'default' },
    spec: {},
  };
}

const ENTITIES: Entity[] = [
  ...SCOPES.filter(s => s.type !== 'org').map(s =>
    entity('Group', s.ref.split('/')[1]),
  ),
  entity('Group', 'newcomers'), // in the catalog, in no run
  entity('Component', 'svc-a'),
  entity('Component', 'svc-b'),
  entity('Component', 'secret'),
  ...[1, 2, 3, 4, 5, 6, 7].map(i => entity('Component', `secret-${i}`)),
];

/** GUEST may not read checklists nor consultations; all else is allowed. */
const permissions = mockServices.permissions.mock({
  async authorize(requests, options) {
    const user = userOf(options.credentials);
    return requests.map(({ permission }) => ({
      result:
        user === GUEST &&
        [
          ospoChecklistReadPermission.name,
          ospoConsultationReadPermission.name,
        ].includes(permission.name)
          ? AuthorizeResult.DENY
          : AuthorizeResult.ALLOW,
    }));
  },
});

const HOUR = 60 * 60 * 1000;

describe.each(databases.eachSupportedId())(
  'dashboard routes on %s',
  (databaseId: TestDatabaseId) => {
    let knex: Knex;
    let backend: TestBackend;
    let checklistStore: DatabaseChecklistStore;
    let metricsStore: DatabaseMetricsStore;
    let consultationStore: DatabaseConsultationStore;
    const catalog = restrictedCatalog({
      entities: ENTITIES,
      isHidden: (user, e) =>
        user === SAM &&
        (e.metadata.name === 'ops' || e.metadata.name.startsWith('secret')),
    });

    // The whole plugin, as installed, with one backend per database and its
    // tables emptied before each test. Runs and answers are seeded through
    // the stores; no metrics run is started by the scheduler.
    beforeAll(async () => {
      knex = await databases.init(databaseId);
      backend = await startTestBackend({
        features: [
          ospoPlugin,
          mockServices.database.factory({ knex }),
          mockServices.rootConfig.factory({
            // The access cache is off: these tests count what each request
            // asks the catalog (the cache is tested in TeamDirectory.test.ts).
            data: {
              ospo: { checklists: CHECKLISTS, accessCache: { ttl: 'PT0S' } },
            },
          }),
          mockServices.scheduler.factory({ skipTaskRunOnStartup: true }),
          catalog.factory,
          permissions.factory,
        ],
      });
      checklistStore = DatabaseChecklistStore.create({ database: knex });
      metricsStore = DatabaseMetricsStore.create({ database: knex });
      consultationStore = DatabaseConsultationStore.create({ database: knex });
    });

    afterAll(async () => {
      await backend?.stop();
    });

    beforeEach(async () => {
      for (const table of [
        'ospo_checklist_answer_history',
        'ospo_checklist_answers',
        'ospo_consultation_events',
        'ospo_consultations',
        'ospo_metric_findings',
        'ospo_metric_snapshots',
        'ospo_metric_scopes',
        'ospo_metric_runs',
      ]) {
        await knex(table).delete();
      }
      catalog.getEntityByRef.mockClear();
      catalog.getEntitiesByRefs.mockClear();
    });

    const api = () => request(backend.server);
    async function get(path: string, auth = lee) {
      return api().get(`/api/ospo${path}`).set('Authorization', auth);
    }

    /** A successful metrics run that saw `scopes`; returns when it finished. */
    async function run(scopes = SCOPES): Promise<string> {
      const started = await metricsStore.startRun({ staleBefore: new Date(0) });
      await metricsStore.completeRun(started.id, {
        scopes,
        figures: [],
        processedEntities: 0,
      });
      return (await metricsStore.getLatestSuccessfulRun())!.finishedAt!;
    }

    async function answer(
      teamRef: string,
      key: string,
      status: 'done' | 'in-progress' | 'not-started' | 'not-applicable',
    ) {
      const [checklistId, itemId] = key.split('/');
      const current = (await checklistStore.getAnswers([teamRef])).find(
        a => a.checklistId === checklistId && a.itemId === itemId,
      );
      await checklistStore.setAnswer({
        teamRef,
        checklistId,
        itemId,
        status,
        note: status === 'not-applicable' ? 'Not for us' : undefined,
        expectedVersion: current?.version ?? 0,
        actorRef: LEE,
      });
    }

    /** The answers of every test below, unless it says otherwise. */
    async function seedAnswers() {
      await answer(TEAM_A, 'ospo/creation', 'done');
      await answer(TEAM_A, 'ospo/awareness', 'done');
      await answer(TEAM_A, 'ospo/measurement', 'not-applicable');
      await answer(TEAM_A, 'inner/portal', 'in-progress');
      await answer(TEAM_B, 'ospo/creation', 'not-started');
      await answer(TEAM_B, 'inner/portal', 'done');
      // An item no longer configured: neither shown nor counted.
      await answer(TEAM_B, 'ospo/removed', 'done');
      // A department with an answer is a team too.
      await answer(PLATFORM, 'ospo/creation', 'done');
      for (const key of COLUMNS) await answer(INFRA, key, 'not-applicable');
      await answer(TEAM_C, 'ospo/creation', 'in-progress');
      // Only an answer to a removed item: a team, with nothing answered.
      await answer(OPS, 'ospo/removed', 'done');
      // A Group the run did not see.
      await answer(ref('gone'), 'ospo/creation', 'done');
    }

    const unanswered = (...keys: string[]) =>
      Object.fromEntries(keys.map(k => [k, 'unanswered']));

    async function matrix(query = '', auth = lee): Promise<ChecklistMatrix> {
      const res = await get(`${ROUTES.matrix}${query}`, auth);
      expect(res.status).toBe(200);
      expectMatchesSpec('GET', ROUTES.matrix, res);
      return res.body;
    }

    const refs = (m: ChecklistMatrix) => m.teams.map(t => t.ref);
    const departmentRows = (m: ChecklistMatrix) =>
      m.departments.map(d => [
        d.ref,
        d.depth,
        d.teamCount,
        d.done,
        d.applicable,
      ]);

    describe('GET /dashboard/checklists', () => {
      it('is empty, with the configured columns, before the first metrics run', async () => {
        await seedAnswers();
        const m = await matrix();
        expect(m).toEqual({
          checklists: CHECKLISTS,
          columns: [
            {
              key: 'ospo/creation',
              checklistId: 'ospo',
              itemId: 'creation',
              title: 'Creation',
            },
            {
              key: 'ospo/awareness',
              checklistId: 'ospo',
              itemId: 'awareness',
              title: 'Awareness',
            },
            {
              key: 'ospo/measurement',
              checklistId: 'ospo',
              itemId: 'measurement',
              title: 'Measurement',
            },
            {
              key: 'inner/portal',
              checklistId: 'inner',
              itemId: 'portal',
              title: 'Portal',
            },
          ],
          total: {
            ref: ORG_SCOPE,
            title: 'Organisation',
            depth: 0,
            teamCount: 0,
            done: 0,
            applicable: 0,
            counts: Object.fromEntries(
              COLUMNS.map(k => [
                k,
                {
                  done: 0,
                  expired: 0,
                  'in-progress': 0,
                  'not-started': 0,
                  'not-applicable': 0,
                  unanswered: 0,
                },
              ]),
            ),
          },
          departments: [],
          teams: [],
          totalCount: 0,
        });
        // No department is known yet.
        expect((await get(`${ROUTES.matrix}?department=eng`)).status).toBe(404);
      });

      it('has a row per team, with its cells and completion, departments together', async () => {
        const finishedAt = await run();
        await seedAnswers();
        const m = await matrix();
        expect(m.hierarchyAsOf).toBe(finishedAt);
        expect(m.totalCount).toBe(8);
        // Solo has no department; then the teams in department order, by
        // title within each. Platform and Ops answered, so they are teams
        // too: each first in its own department, not in its parent's.
        expect(refs(m)).toEqual([
          SOLO,
          TEAM_A,
          TEAM_B,
          PLATFORM,
          INFRA,
          OPS,
          SRE,
          TEAM_C,
        ]);
        const team = (r: string) => m.teams.find(t => t.ref === r);
        expect(team(TEAM_A)).toStrictEqual({
          ref: TEAM_A,
          title: 'Team A',
          departmentRef: ENG,
          statuses: {
            'ospo/creation': 'done',
            'ospo/awareness': 'done',
            'ospo/measurement': 'not-applicable',
            'inner/portal': 'in-progress',
          },
          done: 2,
          applicable: 3,
          ratio: 2 / 3,
        });
        // The answer to the removed item is not there.
        expect(team(TEAM_B)).toMatchObject({
          statuses: {
            'ospo/creation': 'not-started',
            'ospo/awareness': 'unanswered',
            'ospo/measurement': 'unanswered',
            'inner/portal': 'done',
          },
          done: 1,
          applicable: 4,
          ratio: 0.25,
        });
        // Nothing applies: no ratio.
        expect(team(INFRA)).toStrictEqual({
          ref: INFRA,
          title: 'Infra',
          departmentRef: PLATFORM,
          statuses: Object.fromEntries(COLUMNS.map(k => [k, 'not-applicable'])),
          done: 0,
          applicable: 0,
        });
        // Teams without answers, or only answers to removed items.
        for (const r of [SRE, SOLO, OPS]) {
          expect(team(r)).toMatchObject({
            statuses: unanswered(...COLUMNS),
            done: 0,
            applicable: 4,
            ratio: 0,
          });
        }
        expect(team(SOLO)).not.toHaveProperty('departmentRef');
        expect(team(OPS)!.departmentRef).toBe(TECH);
        expect(team(OPS)!.isDepartment).toBe(true);
        expect(team(PLATFORM)).toMatchObject({
          departmentRef: ENG,
          isDepartment: true,
        });
      });

      it('rolls departments up over every team below them, parents first, a cycle once', async () => {
        await run();
        await seedAnswers();
        const m = await matrix();
        // Technology, the root, is no department: its own are top-level.
        expect(
          m.departments.map(d => [d.ref, d.parentRef, d.title, d.depth]),
        ).toEqual([
          [ENG, undefined, 'Engineering', 0],
          [PLATFORM, ENG, 'Platform', 1],
          [OPS, undefined, 'Operations', 0],
          [RING_1, RING_2, '@Ring 1', 1],
          [RING_2, RING_1, 'Ring 2', 1],
        ]);
        expect(departmentRows(m)).toEqual([
          // Team A, Team B, Platform and Infra.
          [ENG, 0, 4, 4, 11],
          [PLATFORM, 1, 2, 1, 4],
          // Its own answers and SRE's.
          [OPS, 0, 2, 0, 8],
          [RING_1, 1, 1, 0, 4],
          [RING_2, 1, 1, 0, 4],
        ]);
        const eng = m.departments[0];
        expect(eng.ratio).toBeCloseTo(4 / 11);
        expect(eng.counts).toEqual({
          'ospo/creation': {
            done: 2,
            expired: 0,
            'in-progress': 0,
            'not-started': 1,
            'not-applicable': 1,
            unanswered: 0,
          },
          'ospo/awareness': {
            done: 1,
            expired: 0,
            'in-progress': 0,
            'not-started': 0,
            'not-applicable': 1,
            unanswered: 2,
          },
          'ospo/measurement': {
            done: 0,
            expired: 0,
            'in-progress': 0,
            'not-started': 0,
            'not-applicable': 2,
            unanswered: 2,
          },
          'inner/portal': {
            done: 1,
            expired: 0,
            'in-progress': 1,
            'not-started': 0,
            'not-applicable': 1,
            unanswered: 1,
          },
        });
        expect(m.total).toMatchObject({
          ref: ORG_SCOPE,
          title: 'Organisation',
          depth: 0,
          teamCount: 8,
          done: 4,
          applicable: 27,
        });
        expect(m.total).not.toHaveProperty('parentRef');
        expect(m.total.ratio).toBeCloseTo(4 / 27);
        expect(m.total.counts['ospo/creation']).toEqual({
          done: 2,
          expired: 0,
          'in-progress': 1,
          'not-started': 1,
          'not-applicable': 1,
          unanswered: 3,
        });
      });

      it('filters by department at any depth, rolling up only the filtered teams', async () => {
        await run();
        await seedAnswers();
        const eng = await matrix('?department=group:default/eng');
        expect(refs(eng)).toEqual([TEAM_A, TEAM_B, PLATFORM, INFRA]);
        expect(eng.totalCount).toBe(4);
        expect(departmentRows(eng)).toEqual([
          [ENG, 0, 4, 4, 11],
          [PLATFORM, 1, 2, 1, 4],
        ]);
        expect(eng.total).toMatchObject({
          teamCount: 4,
          done: 4,
          applicable: 11,
        });

        // Shorter refs; a team is a department of itself.
        expect(refs(await matrix('?department=platform'))).toEqual([
          PLATFORM,
          INFRA,
        ]);
        const teamA = await matrix('?department=default/team-a');
        expect(refs(teamA)).toEqual([TEAM_A]);
        expect(teamA.departments.map(d => d.ref)).toEqual([ENG]);
        // The root is a filter still, of everything below it.
        const tech = await matrix('?department=tech');
        expect(refs(tech)).toEqual([TEAM_A, TEAM_B, PLATFORM, INFRA, OPS, SRE]);
        expect(tech.departments.map(d => d.ref)).toEqual([ENG, PLATFORM, OPS]);
        // Through the cycle, each Group once.
        const ring = await matrix('?department=ring-2');
        expect(refs(ring)).toEqual([TEAM_C]);
        expect(departmentRows(ring)).toEqual([
          [RING_1, 1, 1, 0, 4],
          [RING_2, 1, 1, 0, 4],
        ]);
        // Empty is no filter.
        expect((await matrix('?department=')).totalCount).toBe(8);
      });

      it('filters by checklist: its columns, and completion over them', async () => {
        await run();
        await seedAnswers();
        const m = await matrix('?checklistId=inner');
        expect(m.checklists.map(c => c.id)).toEqual(['inner']);
        expect(m.columns.map(c => c.key)).toEqual(['inner/portal']);
        expect(m.totalCount).toBe(8);
        const team = (r: string) => m.teams.find(t => t.ref === r)!;
        expect(team(TEAM_A)).toMatchObject({
          statuses: { 'inner/portal': 'in-progress' },
          done: 0,
          applicable: 1,
          ratio: 0,
        });
        expect(team(TEAM_B)).toMatchObject({
          done: 1,
          applicable: 1,
          ratio: 1,
        });
        expect(Object.keys(team(SRE).statuses)).toEqual(['inner/portal']);
        expect(m.total).toMatchObject({ done: 1, applicable: 7 });
        expect(Object.keys(m.total.counts)).toEqual(['inner/portal']);
      });

      it('filters by status among the selected columns, combined with the others', async () => {
        await run();
        await seedAnswers();
        expect(refs(await matrix('?status=not-applicable'))).toEqual([
          TEAM_A,
          INFRA,
        ]);
        expect(refs(await matrix('?status=unanswered'))).toEqual([
          SOLO,
          TEAM_B,
          PLATFORM,
          OPS,
          SRE,
          TEAM_C,
        ]);
        const done = await matrix('?status=done&checklistId=inner');
        expect(refs(done)).toEqual([TEAM_B]);
        expect(departmentRows(done)).toEqual([[ENG, 0, 1, 1, 1]]);
        expect(
          refs(await matrix('?status=in-progress&department=eng')),
        ).toEqual([TEAM_A]);
        const none = await matrix('?status=in-progress&department=ops');
        expect(none).toMatchObject({
          teams: [],
          departments: [],
          totalCount: 0,
        });
        expect(none.total).toMatchObject({
          teamCount: 0,
          done: 0,
          applicable: 0,
        });
        expect(none.total).not.toHaveProperty('ratio');
      });

      it('sorts by completion (nothing applicable last), title or department, either way', async () => {
        await run();
        await seedAnswers();
        const tech = '&department=tech';
        expect(refs(await matrix(`?sort=completion${tech}`))).toEqual([
          OPS,
          SRE,
          PLATFORM,
          TEAM_B,
          TEAM_A,
          INFRA,
        ]);
        expect(
          refs(await matrix(`?sort=completion&order=desc${tech}`)),
        ).toEqual([TEAM_A, PLATFORM, TEAM_B, OPS, SRE, INFRA]);
        expect(refs(await matrix(`?sort=title${tech}`))).toEqual([
          INFRA,
          OPS,
          PLATFORM,
          SRE,
          TEAM_A,
          TEAM_B,
        ]);
        expect(refs(await matrix(`?sort=title&order=desc${tech}`))).toEqual([
          TEAM_B,
          TEAM_A,
          SRE,
          PLATFORM,
          OPS,
          INFRA,
        ]);
        // Departments the other way round, a Group's own answers still first
        // in its department.
        expect(refs(await matrix('?sort=department&order=desc'))).toEqual([
          TEAM_C,
          OPS,
          SRE,
          PLATFORM,
          INFRA,
          TEAM_A,
          TEAM_B,
          SOLO,
        ]);
      });

      it('pages through the filtered teams, with their total count', async () => {
        await run();
        await seedAnswers();
        const page = await matrix('?limit=3&offset=2');
        expect(refs(page)).toEqual([TEAM_B, PLATFORM, INFRA]);
        expect(page.totalCount).toBe(8);
        // Roll-ups cover every filtered team, not just the page.
        expect(page.total.teamCount).toBe(8);
        expect(page.departments).toHaveLength(5);
        expect(refs(await matrix('?limit=3&offset=7'))).toEqual([TEAM_C]);
        const past = await matrix('?limit=3&offset=8');
        expect(past).toMatchObject({ teams: [], totalCount: 8 });
        expect(refs(await matrix('?limit=1&sort=title&order=desc'))).toEqual([
          TEAM_B,
        ]);
        expect((await matrix('?limit=500')).teams).toHaveLength(8);
      });

      it('shows a changed answer at once, whichever instance wrote it', async () => {
        await run();
        await seedAnswers();
        expect((await matrix()).total.done).toBe(4);

        // Read twice without a change: the answers are not read again.
        const queries: string[] = [];
        const onQuery = (q: { sql: string }) => queries.push(q.sql);
        knex.on('query', onQuery);
        await matrix('?sort=title');
        knex.off('query', onQuery);
        // Only the answers' version is read, not the answers.
        const answerReads = queries.filter(sql =>
          /from .ospo_checklist_answers(?!_version)/.test(sql),
        );
        expect(queries.join('\n')).toMatch(/ospo_checklist_answers_version/);
        expect(answerReads).toEqual([]);

        // Through the API of this backend.
        const put = await api()
          .put('/api/ospo/teams/default/sre/checklists/ospo/items/creation')
          .set('Authorization', lee)
          .send({ status: 'done', expectedVersion: 0 });
        expect(put.status).toBe(200);
        let m = await matrix();
        expect(
          m.teams.find(t => t.ref === SRE)!.statuses['ospo/creation'],
        ).toBe('done');
        expect(m.total.done).toBe(5);

        // By another instance of the backend, with its own store.
        await DatabaseChecklistStore.create({ database: knex }).setAnswer({
          teamRef: TEAM_A,
          checklistId: 'ospo',
          itemId: 'awareness',
          status: 'in-progress',
          expectedVersion: 1,
          actorRef: LEE,
        });
        m = await matrix();
        expect(
          m.teams.find(t => t.ref === TEAM_A)!.statuses['ospo/awareness'],
        ).toBe('in-progress');
        expect(m.total.done).toBe(4);
      });

      it('follows the hierarchy of a newer metrics run', async () => {
        const first = await run();
        await seedAnswers();
        expect((await matrix()).hierarchyAsOf).toBe(first);
        expect(
          (await get(`${ROUTES.matrix}?department=newcomers`)).status,
        ).toBe(404);

        // Newcomers joins Engineering; Solo left the catalog.
        const second = await run([
          ...SCOPES.filter(s => s.ref !== SOLO && s.ref !== ENG),
          {
            ...SCOPES.find(s => s.ref === ENG)!,
            childRefs: [PLATFORM, TEAM_A, TEAM_B, ref('newcomers')],
          },
          {
            ref: ref('newcomers'),
            type: 'team',
            title: 'Newcomers',
            parentRef: ENG,
          },
        ]);
        const m = await matrix();
        expect(m.hierarchyAsOf).toBe(second);
        expect(refs(m)).not.toContain(SOLO);
        expect(refs(m)).toContain(ref('newcomers'));
        expect(refs(await matrix('?department=newcomers'))).toEqual([
          ref('newcomers'),
        ]);
        expect(departmentRows(m)[0]).toEqual([ENG, 0, 5, 4, 15]);
      });

      it('answers 404 to unknown departments and checklists, without asking the catalog', async () => {
        await run();
        for (const query of [
          '?department=group:default/nope',
          '?department=other/eng',
          '?checklistId=nope',
        ]) {
          const res = await get(`${ROUTES.matrix}${query}`);
          expect([query, res.status]).toEqual([query, 404]);
          expectMatchesSpec('GET', ROUTES.matrix, res);
        }
        // The same for SAM, who cannot see the Operations Group in the
        // catalog: it is in the heat map anyway, as for everyone.
        const forSam = await get(`${ROUTES.matrix}?department=ops`, sam);
        expect(forSam.status).toBe(200);
        expect(forSam.body.teams.map((t: { ref: string }) => t.ref)).toEqual([
          SRE,
        ]);
        expect(catalog.getEntityByRef).not.toHaveBeenCalled();
      });

      it('answers 400 naming the bad parameter', async () => {
        await run();
        for (const [query, message] of [
          ['?limit=0', 'request/query/limit must be >= 1'],
          ['?limit=501', 'request/query/limit must be <= 500'],
          ['?offset=-1', 'request/query/offset must be >= 0'],
          ['?limit=x', 'request/query/limit must be integer'],
          [
            '?sort=ratio',
            'request/query/sort must be equal to one of the allowed values: department, completion, title',
          ],
          [
            '?order=up',
            'request/query/order must be equal to one of the allowed values: asc, desc',
          ],
          [
            '?status=finished',
            'request/query/status must be equal to one of the allowed values: , done',
          ],
          [
            '?checklistId=Bad%21',
            'request/query/checklistId must match pattern',
          ],
          [
            '?department=user:default/lee',
            'request/query/department must match pattern',
          ],
          ['?colour=red', "Unknown query parameter 'colour'"],
        ]) {
          const res = await get(`${ROUTES.matrix}${query}`);
          expect([query, res.status]).toEqual([query, 400]);
          expect(res.body.error.message).toContain(message);
          expectMatchesSpec('GET', ROUTES.matrix, res);
        }
      });
    });

    describe('GET /dashboard/checklists.csv', () => {
      const HEADER =
        "Team ref,Team,Department,Creating an OSPO / Creation,Creating an OSPO / Awareness,Creating an OSPO / Measurement,'+Inner / Portal,Done,Applicable,Completion %";
      const u4 = 'unanswered,unanswered,unanswered,unanswered';
      const na4 = 'not-applicable,not-applicable,not-applicable,not-applicable';

      it('exports every team, departments together, quoted and guarded against formulas', async () => {
        await run();
        await seedAnswers();
        const res = await get(ROUTES.csv);
        expect(res.status).toBe(200);
        expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
        expect(res.headers['content-disposition']).toBe(
          'attachment; filename="ospo-checklists.csv"',
        );
        expectMatchesSpec('GET', ROUTES.csv, res);
        expect(res.text).toBe(
          [
            HEADER,
            `group:default/solo,"'=SUM(1,2)",,${u4},0,4,0`,
            'group:default/team-a,Team A,Engineering,done,done,not-applicable,in-progress,2,3,66.7',
            'group:default/team-b,"Team B, ""the best""",Engineering,not-started,unanswered,unanswered,done,1,4,25',
            'group:default/platform,Platform,Engineering,done,unanswered,unanswered,unanswered,1,4,25',
            `group:default/infra,Infra,Platform,${na4},0,0,`,
            `group:default/ops,Operations,Technology,${u4},0,4,0`,
            `group:default/sre,SRE,Operations,${u4},0,4,0`,
            `group:default/team-c,'-Team C,'@Ring 1,in-progress,unanswered,unanswered,unanswered,0,4,0`,
            '',
          ].join('\r\n'),
        );
      });

      it('exports only what the filters select, and only the header without teams', async () => {
        await run();
        await seedAnswers();
        const res = await get(
          `${ROUTES.csv}?department=eng&checklistId=inner&status=done`,
        );
        expect(res.status).toBe(200);
        expect(res.text).toBe(
          [
            "Team ref,Team,Department,'+Inner / Portal,Done,Applicable,Completion %",
            'group:default/team-b,"Team B, ""the best""",Engineering,done,1,1,100',
            '',
          ].join('\r\n'),
        );
        await knex('ospo_metric_scopes').delete();
        await knex('ospo_metric_runs').delete();
        expect((await get(ROUTES.csv)).text).toBe(`${HEADER}\r\n`);
      });

      it('answers 400 to paging and unknown parameters, 404 to unknown filters', async () => {
        await run();
        for (const query of ['?limit=10', '?sort=title', '?status=x']) {
          const res = await get(`${ROUTES.csv}${query}`);
          expect([query, res.status]).toEqual([query, 400]);
          expectMatchesSpec('GET', ROUTES.csv, res);
        }
        for (const query of ['?department=nope', '?checklistId=nope']) {
          const res = await get(`${ROUTES.csv}${query}`);
          expect([query, res.status]).toEqual([query, 404]);
          expectMatchesSpec('GET', ROUTES.csv, res);
        }
      });
    });

    describe('GET /dashboard/consultations', () => {
      /** A request about `name`, created `hoursAgo`, moved by `actions`. */
      async function consultation(
        name: string,
        hoursAgo: number,
        actions: Array<'start' | 'resolve'> = [],
      ) {
        const created = await consultationStore.create({
          entityRef: `component:default/${name}`,
          requesterRef: LEE,
          topic: 'other',
          summary: `About ${name}`,
          urgency: 'normal',
        });
        let from = 'open';
        for (const action of actions) {
          const to = action === 'start' ? 'in-progress' : 'resolved';
          await consultationStore.transition({
            id: created.id,
            from: [from as 'open'],
            to,
            actorRef: LEE,
            setsResolution: action === 'resolve',
            byStaff: true,
          });
          from = to;
        }
        const createdAt = new Date(Date.now() - hoursAgo * HOUR);
        await knex('ospo_consultations')
          .where({ id: created.id })
          .update({ created_at: createdAt });
        return { id: created.id, createdAt: createdAt.toISOString() };
      }

      it('is zero without requests', async () => {
        const res = await get(ROUTES.consultations);
        expect(res.status).toBe(200);
        expect(res.body).toEqual({ open: 0, inProgress: 0, overdue: 0 });
        expectMatchesSpec('GET', ROUTES.consultations, res);
      });

      it('counts the queue, its median age and the oldest request the caller can see', async () => {
        // Three weeks old without a response: overdue, whatever the weekday.
        const secret = await consultation('secret', 500);
        const svcA = await consultation('svc-a', 40, ['start']);
        await consultation('svc-b', 20);
        await consultation('svc-a', 10);
        // Closed requests are not in the queue, however old.
        await consultation('svc-b', 500, ['start', 'resolve']);

        const res = await get(ROUTES.consultations);
        expect(res.status).toBe(200);
        expectMatchesSpec('GET', ROUTES.consultations, res);
        expect(res.body).toEqual({
          open: 3,
          inProgress: 1,
          overdue: 1,
          medianAgeHours: expect.any(Number),
          oldest: {
            id: secret.id,
            summary: 'About secret',
            entityRef: 'component:default/secret',
            status: 'open',
            createdAt: secret.createdAt,
          },
        });
        // Between the 20 and 40 hours old ones.
        expect(res.body.medianAgeHours).toBeCloseTo(30, 1);

        // SAM cannot see the secret component: the next oldest instead.
        const forSam = await get(ROUTES.consultations, sam);
        // The counts cover every request, the one SAM cannot see included.
        expect(forSam.body).toMatchObject({
          open: 3,
          inProgress: 1,
          overdue: 1,
        });
        expect(forSam.body.oldest).toEqual({
          id: svcA.id,
          summary: 'About svc-a',
          entityRef: 'component:default/svc-a',
          status: 'in-progress',
          createdAt: svcA.createdAt,
        });
      });

      it('asks the catalog about a few entities at a time, oldest first', async () => {
        for (let i = 1; i <= 7; i++) {
          await consultation(`secret-${i}`, 100 - i);
        }
        const visible = await consultation('svc-b', 50);
        await consultation('svc-a', 40);

        const forLee = await get(ROUTES.consultations, lee);
        expect(forLee.body.oldest.entityRef).toBe('component:default/secret-1');
        const askedByLee = catalog.getEntitiesByRefs.mock.calls.map(
          ([req]) => req.entityRefs,
        );
        expect(askedByLee).toEqual([
          [1, 2, 3, 4, 5].map(i => `component:default/secret-${i}`),
        ]);

        catalog.getEntitiesByRefs.mockClear();
        const forSam = await get(ROUTES.consultations, sam);
        expect(forSam.body.oldest.id).toBe(visible.id);
        expect(
          catalog.getEntitiesByRefs.mock.calls.map(([req]) => req.entityRefs),
        ).toEqual([
          [1, 2, 3, 4, 5].map(i => `component:default/secret-${i}`),
          [
            'component:default/secret-6',
            'component:default/secret-7',
            'component:default/svc-b',
            'component:default/svc-a',
          ],
        ]);
      });

      it('has no oldest request when the caller can see none of them', async () => {
        await consultation('secret', 5);
        await consultation('secret', 3);
        await consultation('secret', 1, ['start']);
        const res = await get(ROUTES.consultations, sam);
        expect(res.status).toBe(200);
        expect(res.body).toEqual({
          open: 2,
          inProgress: 1,
          overdue: 0,
          medianAgeHours: expect.any(Number),
        });
        expect(res.body.medianAgeHours).toBeCloseTo(3, 1);
        expectMatchesSpec('GET', ROUTES.consultations, res);
      });

      it('counts as overdue the active requests without a first response past the target', async () => {
        // The default target is two days of weekday time: four calendar
        // days at most, so these are past it, or short of it, on any day.
        await consultation('svc-a', 200);
        await consultation('svc-b', 120);
        // Started, so answered: not overdue, however old.
        await consultation('svc-a', 300, ['start']);
        // Closed: not in the queue.
        await consultation('svc-b', 400, ['start', 'resolve']);
        await consultation('svc-b', 40);
        await consultation('svc-a', 1);

        const res = await get(ROUTES.consultations);
        expect(res.status).toBe(200);
        expect(res.body).toMatchObject({ open: 4, inProgress: 1, overdue: 2 });
        expectMatchesSpec('GET', ROUTES.consultations, res);
      });

      it('answers 400 to query parameters', async () => {
        const res = await get(`${ROUTES.consultations}?status=open`);
        expect(res.status).toBe(400);
        expect(res.body.error.message).toContain(
          "Unknown query parameter 'status'",
        );
        expectMatchesSpec('GET', ROUTES.consultations, res);
      });
    });

    describe('authorization', () => {
      const all = [ROUTES.matrix, ROUTES.csv, ROUTES.consultations];

      it('answers 403 to callers without the read permission, whatever the filters', async () => {
        await run();
        for (const path of [...all, `${ROUTES.matrix}?department=nobody`]) {
          const res = await get(path, guest);
          expect([path, res.status]).toEqual([path, 403]);
          expectMatchesSpec('GET', path.split('?')[0], res);
        }
        // A malformed request is refused by the spec before any check, and
        // tells nothing about the data.
        const malformed = await get(`${ROUTES.matrix}?limit=0`, guest);
        expect(malformed.status).toBe(400);
        expectMatchesSpec('GET', ROUTES.matrix, malformed);
      });

      it('answers 401 without credentials', async () => {
        for (const path of all) {
          const res = await get(path, anonymous);
          expect([path, res.status]).toEqual([path, 401]);
          expectMatchesSpec('GET', path, res);
        }
      });

      it('lets other backend plugins read', async () => {
        await run();
        for (const path of all) {
          const res = await get(path, service);
          expect([path, res.status]).toEqual([path, 200]);
        }
      });
    });
  },
);
