import {
  ChecklistDefinition,
  ChecklistItemStatus,
  MetricScope,
  ORG_SCOPE,
} from '@ospo-kit/plugin-ospo-common';
import { AnswerCell, ChecklistAggregate } from './ChecklistAggregate';

const CHECKLIST: ChecklistDefinition = {
  id: 'ospo',
  title: 'Creating an OSPO',
  items: ['a', 'b', 'c', 'd', 'e'].map(id => ({
    id,
    title: id.toUpperCase(),
    description: '',
  })),
};
const STATUSES: ChecklistItemStatus[] = [
  'done',
  'in-progress',
  'not-started',
  'not-applicable',
];

/** When the aggregates are built: no answer of these tests has expired. */
const NOW = new Date('2026-06-01T12:00:00.000Z');

const PAGE = {
  sort: 'department',
  order: 'asc',
  limit: 500,
  offset: 0,
} as const;

/** 4 divisions > 10 departments > 50 teams: 2,000 teams. */
function organisation() {
  const scopes: MetricScope[] = [
    { ref: ORG_SCOPE, type: 'org', title: 'Organisation' },
  ];
  const teams: string[] = [];
  for (let d = 0; d < 4; d++) {
    const division = `group:default/div-${d}`;
    const departments = Array.from(
      { length: 10 },
      (_, p) => `group:default/dep-${d}-${p}`,
    );
    scopes.push({
      ref: division,
      type: 'department',
      title: `Division ${d}`,
      childRefs: departments,
    });
    for (const [p, department] of departments.entries()) {
      const members = Array.from(
        { length: 50 },
        (_, t) => `group:default/team-${d}-${p}-${t}`,
      );
      scopes.push({
        ref: department,
        type: 'department',
        title: `Department ${d}.${p}`,
        parentRef: division,
        childRefs: members,
      });
      for (const [t, team] of members.entries()) {
        scopes.push({
          ref: team,
          type: 'team',
          title: `Team ${d}.${p}.${t}`,
          parentRef: department,
        });
        teams.push(team);
      }
    }
  }
  return { scopes, teams };
}

describe('ChecklistAggregate', () => {
  it('aggregates 2,000 teams × 5 items, every roll-up adding up', () => {
    const { scopes, teams } = organisation();
    // Team i answers item j with STATUSES[(i + j) % 4]; every 10th answers nothing.
    const answers: AnswerCell[] = teams.flatMap((teamRef, i) =>
      i % 10 === 0
        ? []
        : CHECKLIST.items.map((item, j) => ({
            teamRef,
            checklistId: 'ospo',
            itemId: item.id,
            status: STATUSES[(i + j) % 4],
          })),
    );
    const aggregate = ChecklistAggregate.build({
      definitions: [CHECKLIST],
      now: NOW,
      scopes,
      answers,
      hierarchyAsOf: '2026-01-01T00:00:00.000Z',
    });

    const all: string[] = [];
    for (let offset = 0; offset < 2000; offset += 500) {
      const page = aggregate.matrix({ ...PAGE, offset });
      expect(page.totalCount).toBe(2000);
      all.push(...page.teams.map(t => t.ref));
    }
    expect(new Set(all).size).toBe(2000);

    const m = aggregate.matrix({ ...PAGE, limit: 1 });
    expect(m.departments).toHaveLength(44);
    // Parents first: each division, then its ten departments.
    expect(m.departments.slice(0, 3).map(d => [d.ref, d.depth])).toEqual([
      ['group:default/div-0', 0],
      ['group:default/dep-0-0', 1],
      ['group:default/dep-0-1', 1],
    ]);
    const divisions = m.departments.filter(d => d.depth === 0);
    const departments = m.departments.filter(d => d.depth === 1);
    for (const level of [divisions, departments]) {
      const sum = (key: 'teamCount' | 'done' | 'applicable') =>
        level.reduce((n, d) => n + d[key], 0);
      expect([sum('teamCount'), sum('done'), sum('applicable')]).toEqual([
        m.total.teamCount,
        m.total.done,
        m.total.applicable,
      ]);
    }
    // Counted straight from the answers: 200 teams did not answer.
    const count = (status: ChecklistItemStatus) =>
      answers.filter(a => a.status === status).length;
    expect(m.total.done).toBe(count('done'));
    expect(m.total.applicable).toBe(2000 * 5 - count('not-applicable'));
    for (const status of STATUSES) {
      const counted = Object.values(m.total.counts).reduce(
        (n, c) => n + c[status],
        0,
      );
      expect([status, counted]).toEqual([status, count(status)]);
    }
    const unanswered = Object.values(m.total.counts).reduce(
      (n, c) => n + c.unanswered,
      0,
    );
    expect(unanswered).toBe(200 * 5);
  });

  it('keeps the views of different filters apart', () => {
    const { scopes, teams } = organisation();
    const aggregate = ChecklistAggregate.build({
      definitions: [CHECKLIST],
      now: NOW,
      scopes,
      answers: [
        { teamRef: teams[0], checklistId: 'ospo', itemId: 'a', status: 'done' },
      ],
    });
    const done = aggregate.matrix({ ...PAGE, status: 'done' });
    const all = aggregate.matrix(PAGE);
    const division = aggregate.matrix({
      ...PAGE,
      department: 'group:default/div-1',
    });
    expect([done.totalCount, all.totalCount, division.totalCount]).toEqual([
      1, 2000, 500,
    ]);
    // Asked again, the same answers.
    expect(aggregate.matrix({ ...PAGE, status: 'done' })).toEqual(done);
    expect(done.departments.map(d => d.ref)).toEqual([
      'group:default/div-0',
      'group:default/dep-0-0',
    ]);
    expect(done).not.toHaveProperty('hierarchyAsOf');
  });

  it('has no teams in departments that only form a cycle, and ignores unknown Groups', () => {
    const a = 'group:default/a';
    const b = 'group:default/b';
    const aggregate = ChecklistAggregate.build({
      definitions: [CHECKLIST],
      now: NOW,
      scopes: [
        {
          ref: a,
          type: 'department',
          title: 'A',
          parentRef: b,
          childRefs: [b],
        },
        {
          ref: b,
          type: 'department',
          title: 'B',
          parentRef: a,
          childRefs: [a],
        },
      ],
      answers: [
        {
          teamRef: 'group:default/gone',
          checklistId: 'ospo',
          itemId: 'a',
          status: 'done',
        },
      ],
    });
    const m = aggregate.matrix(PAGE);
    expect(m).toMatchObject({ teams: [], departments: [], totalCount: 0 });
    expect(aggregate.hasGroup(a)).toBe(true);
    expect(aggregate.hasGroup('group:default/gone')).toBe(false);
    expect(aggregate.matrix({ ...PAGE, department: a }).totalCount).toBe(0);
  });

  it('leaves the root out of the departments, and shows a Group that is both once, its own answers first', () => {
    const g = (name: string) => `group:default/${name}`;
    const scope = (
      name: string,
      title: string,
      parent?: string,
      children: string[] = [],
    ): MetricScope => ({
      ref: g(name),
      type: children.length ? 'department' : 'team',
      title,
      ...(parent ? { parentRef: g(parent) } : {}),
      ...(children.length ? { childRefs: children.map(g) } : {}),
    });
    // ACME > Holding (its only child) > Engineering, Sales and HQ; Guests
    // stands apart, with neither parent nor children.
    const scopes = [
      { ref: ORG_SCOPE, type: 'org' as const, title: 'Organisation' },
      scope('acme', 'ACME', undefined, ['holding']),
      scope('holding', 'Holding', 'acme', ['eng', 'sales', 'hq']),
      scope('eng', 'Engineering', 'holding', ['web', 'api']),
      scope('sales', 'Sales', 'holding', ['emea']),
      scope('web', 'Web', 'eng'),
      scope('api', 'API', 'eng'),
      scope('emea', 'EMEA', 'sales'),
      scope('hq', 'HQ', 'holding'),
      scope('guests', 'Guests'),
    ];
    const answer = (team: string, status: ChecklistItemStatus) => ({
      teamRef: g(team),
      checklistId: 'ospo',
      itemId: 'a',
      status,
    });
    const aggregate = ChecklistAggregate.build({
      definitions: [CHECKLIST],
      now: NOW,
      scopes,
      answers: [
        answer('acme', 'done'),
        answer('eng', 'in-progress'),
        answer('web', 'done'),
      ],
    });

    const m = aggregate.matrix(PAGE);
    // The roots are gone; their child departments are the top level.
    expect(
      m.departments.map(d => [d.ref, d.parentRef, d.depth, d.teamCount]),
    ).toEqual([
      [g('eng'), undefined, 0, 3],
      [g('sales'), undefined, 0, 1],
    ]);
    // The root's own answers first, with the teams below a root; then
    // Engineering's own answers, first among its teams.
    expect(
      m.teams.map(t => [t.title, t.departmentRef, t.isDepartment]),
    ).toEqual([
      ['ACME', undefined, true],
      ['Guests', undefined, undefined],
      ['HQ', g('holding'), undefined],
      ['Engineering', g('holding'), true],
      ['API', g('eng'), undefined],
      ['Web', g('eng'), undefined],
      ['EMEA', g('sales'), undefined],
    ]);
    // Each Group is one row, so the total counts it once.
    expect(m.total).toMatchObject({ teamCount: 7, done: 2 });
    // A root is still a filter, of everything below it.
    expect(
      aggregate.matrix({ ...PAGE, department: g('acme') }).totalCount,
    ).toBe(6);
    expect(
      aggregate
        .matrix({ ...PAGE, department: g('eng') })
        .teams.map(t => t.title),
    ).toEqual(['Engineering', 'API', 'Web']);
    // Reversed, the departments' order turns, their own answers stay first.
    expect(
      aggregate.matrix({ ...PAGE, order: 'desc' }).teams.map(t => t.title),
    ).toEqual(['EMEA', 'Engineering', 'API', 'Web', 'ACME', 'Guests', 'HQ']);
  });

  it('has no root when several departments are at the top, or the only one has a single team', () => {
    const build = (scopes: MetricScope[]) =>
      ChecklistAggregate.build({
        definitions: [CHECKLIST],
        now: NOW,
        scopes,
        answers: [],
      })
        .matrix(PAGE)
        .departments.map(d => [d.title, d.depth]);
    expect(
      build([
        {
          ref: 'group:default/a',
          type: 'department',
          title: 'A',
          childRefs: ['group:default/t'],
        },
        {
          ref: 'group:default/b',
          type: 'department',
          title: 'B',
          childRefs: ['group:default/u'],
        },
        {
          ref: 'group:default/t',
          type: 'team',
          title: 'T',
          parentRef: 'group:default/a',
        },
        {
          ref: 'group:default/u',
          type: 'team',
          title: 'U',
          parentRef: 'group:default/b',
        },
      ]),
    ).toEqual([
      ['A', 0],
      ['B', 0],
    ]);
    // A root above a single team: the root goes, the team is left.
    expect(
      build([
        {
          ref: 'group:default/a',
          type: 'department',
          title: 'A',
          childRefs: ['group:default/t'],
        },
        {
          ref: 'group:default/t',
          type: 'team',
          title: 'T',
          parentRef: 'group:default/a',
        },
      ]),
    ).toEqual([]);
  });
  it('makes done answers past their validity expired cells, applicable and not done', () => {
    const definitions: ChecklistDefinition[] = [
      {
        ...CHECKLIST,
        items: CHECKLIST.items.map(item =>
          item.id === 'a' ? { ...item, validFor: 'P1Y' } : item,
        ),
      },
    ];
    const team = (n: number) => `group:default/t${n}`;
    const scopes: MetricScope[] = [1, 2, 3].map(n => ({
      ref: team(n),
      type: 'team',
      title: `T${n}`,
    }));
    const answers: AnswerCell[] = [
      // Given a year and a second ago: expired.
      {
        teamRef: team(1),
        checklistId: 'ospo',
        itemId: 'a',
        status: 'done',
        answeredAt: '2025-06-01T11:59:59.000Z',
      },
      // Expires exactly now: expired too.
      {
        teamRef: team(2),
        checklistId: 'ospo',
        itemId: 'a',
        status: 'done',
        answeredAt: '2025-06-01T12:00:00.000Z',
      },
      // Expires in a day; and an item without validFor never does.
      {
        teamRef: team(3),
        checklistId: 'ospo',
        itemId: 'a',
        status: 'done',
        answeredAt: '2025-06-02T12:00:00.000Z',
      },
      {
        teamRef: team(3),
        checklistId: 'ospo',
        itemId: 'b',
        status: 'done',
        answeredAt: '2001-01-01T00:00:00.000Z',
      },
      // Not done: nothing to expire.
      {
        teamRef: team(1),
        checklistId: 'ospo',
        itemId: 'c',
        status: 'in-progress',
        answeredAt: '2001-01-01T00:00:00.000Z',
      },
    ];
    const aggregate = ChecklistAggregate.build({
      definitions,
      scopes,
      answers,
      now: NOW,
    });
    const matrix = aggregate.matrix({ ...PAGE, sort: 'title' });
    expect(
      matrix.teams.map(t => [t.title, t.statuses['ospo/a'], t.done]),
    ).toEqual([
      ['T1', 'expired', 0],
      ['T2', 'expired', 0],
      ['T3', 'done', 2],
    ]);
    expect(matrix.teams.map(t => t.applicable)).toEqual([5, 5, 5]);
    expect(matrix.total.counts['ospo/a']).toEqual({
      done: 1,
      expired: 2,
      'in-progress': 0,
      'not-started': 0,
      'not-applicable': 0,
      unanswered: 0,
    });
    expect(matrix.total.counts['ospo/c']['in-progress']).toBe(1);
    expect(matrix.total.done).toBe(2);
    // Filtering by the expired status finds the teams to remind.
    expect(
      aggregate.matrix({ ...PAGE, status: 'expired' }).teams.map(t => t.title),
    ).toEqual(['T1', 'T2']);
    // Out of date once T3's answer expires, a year after it was given.
    expect(aggregate.changesAt?.toISOString()).toBe('2026-06-02T12:00:00.000Z');
    // Built a day later, T3's answer is expired and nothing changes after.
    const later = ChecklistAggregate.build({
      definitions,
      scopes,
      answers,
      now: new Date('2026-06-02T12:00:00.000Z'),
    });
    expect(later.matrix(PAGE).total.counts['ospo/a'].expired).toBe(3);
    expect(later.changesAt).toBeUndefined();
  });
});
