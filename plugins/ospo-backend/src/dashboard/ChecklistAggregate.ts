import {
  CHECKLIST_CELL_STATUSES,
  ChecklistCellStatus,
  ChecklistDefinition,
  ChecklistMatrix,
  ChecklistMatrixColumn,
  ChecklistMatrixDepartment,
  ChecklistMatrixQuery,
  ChecklistMatrixTeam,
  ChecklistStatusCounts,
  MetricScope,
  ORG_SCOPE,
} from '@ospo-kit/plugin-ospo-common';
import {
  cellStatusOf,
  expiresAtOf,
  validityRulesOf,
} from '../checklists/answerExpiry';
import { AnswerStatus } from '../checklists/ChecklistStore';
import { collectDescendants } from '../metrics/TeamHierarchy';

/**
 * An answer as the heat map reads it: its status, and when it was given,
 * which tells when a done answer expires (never, without it).
 *
 * @internal
 */
export type AnswerCell = Pick<
  AnswerStatus,
  'teamRef' | 'checklistId' | 'itemId' | 'status'
> &
  Partial<Pick<AnswerStatus, 'answeredAt'>>;

/**
 * The filters of the heat map, which decide its rows and roll-ups.
 *
 * @internal
 */
export type ChecklistMatrixFilter = Pick<
  ChecklistMatrixQuery,
  'department' | 'checklistId' | 'status'
>;

/**
 * A team's row as the CSV export writes it.
 *
 * @internal
 */
export interface ChecklistExportRow {
  ref: string;
  title: string;
  departmentRef?: string;
  departmentTitle?: string;
  /** One status per exported column, in the order of the columns. */
  statuses: ChecklistCellStatus[];
  done: number;
  applicable: number;
  ratio?: number;
}

interface Team {
  ref: string;
  title: string;
  departmentRef?: string;
  /**
   * Position in the department order of the department the team's row goes
   * under: its own for a Group that is a department too, else its parent;
   * -1 without one.
   */
  departmentOrder: number;
  /** Whether the Group has child Groups: the row holds its own answers. */
  ownAnswers: boolean;
  /** The cell of every column, by column index. */
  cells: ChecklistCellStatus[];
}

interface Department {
  ref: string;
  title: string;
  parentRef?: string;
  depth: number;
  /** Indexes of the teams below it at any depth, itself included if it is one. */
  teams: number[];
}

/** A team as one filter sees it: its done and applicable selected cells. */
interface Row {
  index: number;
  done: number;
  applicable: number;
  ratio?: number;
}

/** What one filter selects, with its roll-ups; paging and sorting are done on it. */
interface View {
  columns: number[];
  rows: Row[];
  total: ChecklistMatrixDepartment;
  departments: ChecklistMatrixDepartment[];
  sorted: Map<string, Row[]>;
}

/** Views kept per aggregate; more filters than this and the oldest are forgotten. */
const MAX_VIEWS = 64;

const collator = new Intl.Collator('en', {
  sensitivity: 'base',
  numeric: true,
});

/**
 * The checklist heat map of the whole organisation, built once from every
 * answer and the Group hierarchy of a metrics run, then filtered, rolled up,
 * sorted and paged in memory. Immutable: a changed answer or a new run
 * means a new aggregate.
 *
 * Teams are the Groups without child Groups plus any Group with an answer
 * (as for the checklist metrics); departments are the Groups with child
 * Groups, and roll up every team below them at any depth. The organisation's
 * root (see {@link rootsOf}) is no department: the total rolls it up already.
 * A Group that is both keeps its department order, its own answers first, so
 * that a page lists them inside its roll-up.
 *
 * A done answer past its expiry at the time it was built is an `expired`
 * cell; from {@link ChecklistAggregate.changesAt} on, when the next one
 * expires, the aggregate is out of date.
 *
 * @internal
 */
export class ChecklistAggregate {
  private readonly views = new Map<string, View>();
  private readonly teamIndex: Map<string, number>;
  private readonly childRefs: Map<string, string[]>;

  private constructor(
    private readonly definitions: ChecklistDefinition[],
    private readonly columns: ChecklistMatrixColumn[],
    private readonly teams: Team[],
    /** Parents before children. */
    private readonly departments: Department[],
    private readonly groups: Map<string, MetricScope>,
    private readonly orgTitle: string,
    readonly hierarchyAsOf: string | undefined,
    /** When the next done answer expires after `now`; never when undefined. */
    readonly changesAt: Date | undefined,
  ) {
    this.teamIndex = new Map(teams.map((t, i) => [t.ref, i]));
    this.childRefs = new Map(
      [...groups.values()].map(g => [g.ref, g.childRefs ?? []]),
    );
  }

  /**
   * Builds the aggregate. `scopes` are a metrics run's (none before the
   * first run); answers of Groups the run did not cover, and answers to
   * items no longer configured, are left out. Done answers that have expired
   * at `now` (the database's time) are `expired` cells.
   */
  static build(options: {
    definitions: ChecklistDefinition[];
    scopes: MetricScope[];
    answers: AnswerCell[];
    hierarchyAsOf?: string;
    now: Date;
  }): ChecklistAggregate {
    const { definitions, scopes, answers, now } = options;
    const validity = validityRulesOf(definitions);
    const columns = definitions.flatMap(checklist =>
      checklist.items.map(item => ({
        key: `${checklist.id}/${item.id}`,
        checklistId: checklist.id,
        itemId: item.id,
        title: item.title,
      })),
    );
    const columnIndex = new Map(columns.map((c, i) => [c.key, i]));

    const groups = new Map<string, MetricScope>();
    let orgTitle = 'Organisation';
    for (const scope of scopes) {
      if (scope.type === 'org' || scope.ref === ORG_SCOPE) {
        orgTitle = scope.title;
      } else {
        groups.set(scope.ref, scope);
      }
    }
    const childrenOf = (ref: string) =>
      groups.has(ref) ? groups.get(ref)!.childRefs ?? [] : undefined;

    // Any answer makes a Group a team, as in the checklist metrics, even one
    // to an item no longer configured; only configured items fill cells.
    const answered = new Set(answers.map(a => a.teamRef));
    const roots = rootsOf(groups);
    const departments = orderDepartments(groups).filter(
      group => !roots.has(group.ref),
    );
    const departmentOrder = new Map(departments.map((d, i) => [d.ref, i]));

    const teams: Team[] = [];
    const teamIndex = new Map<string, number>();
    for (const group of groups.values()) {
      const ownAnswers = Boolean(group.childRefs?.length);
      if (!ownAnswers || answered.has(group.ref)) {
        teamIndex.set(group.ref, teams.length);
        teams.push({
          ref: group.ref,
          title: group.title,
          departmentRef: group.parentRef,
          departmentOrder:
            departmentOrder.get(group.ref) ??
            (group.parentRef ? departmentOrder.get(group.parentRef) : -1) ??
            -1,
          ownAnswers,
          cells: columns.map(() => 'unanswered'),
        });
      }
    }
    let changesAt: Date | undefined;
    for (const answer of answers) {
      const team = teamIndex.get(answer.teamRef);
      const column = columnIndex.get(`${answer.checklistId}/${answer.itemId}`);
      if (team !== undefined && column !== undefined) {
        const expiresAt = answer.answeredAt
          ? expiresAtOf(validity, { ...answer, answeredAt: answer.answeredAt })
          : undefined;
        teams[team].cells[column] = cellStatusOf(answer.status, expiresAt, now);
        if (
          expiresAt &&
          expiresAt > now &&
          (!changesAt || expiresAt < changesAt)
        ) {
          changesAt = expiresAt;
        }
      }
    }

    return new ChecklistAggregate(
      definitions,
      columns,
      teams,
      departments.map(group => ({
        ref: group.ref,
        title: group.title,
        // Below a root, a department is a top-level one.
        parentRef:
          group.parentRef && !roots.has(group.parentRef)
            ? group.parentRef
            : undefined,
        depth: depthOf(group.ref, groups, roots),
        teams: collectDescendants(group.ref, childrenOf).flatMap(
          ref => teamIndex.get(ref) ?? [],
        ),
      })),
      groups,
      orgTitle,
      options.hierarchyAsOf,
      changesAt,
    );
  }

  /** Whether the run saw this Group. */
  hasGroup(ref: string): boolean {
    return this.groups.has(ref);
  }

  hasChecklist(checklistId: string): boolean {
    return this.definitions.some(d => d.id === checklistId);
  }

  /** One page of the heat map; filters must name a known Group and checklist. */
  matrix(
    query: ChecklistMatrixFilter &
      Required<
        Pick<ChecklistMatrixQuery, 'sort' | 'order' | 'limit' | 'offset'>
      >,
  ): ChecklistMatrix {
    const view = this.view(query);
    const rows = this.sorted(view, query.sort, query.order).slice(
      query.offset,
      query.offset + query.limit,
    );
    const matrix: ChecklistMatrix = {
      checklists: this.checklistsOf(query),
      columns: view.columns.map(i => this.columns[i]),
      total: view.total,
      departments: view.departments,
      teams: rows.map(row => this.teamOf(row, view.columns)),
      totalCount: view.rows.length,
    };
    if (this.hierarchyAsOf) matrix.hierarchyAsOf = this.hierarchyAsOf;
    return matrix;
  }

  /** Every filtered team, departments together, for the CSV export. */
  exportRows(filter: ChecklistMatrixFilter): {
    checklists: ChecklistDefinition[];
    columns: ChecklistMatrixColumn[];
    rows: ChecklistExportRow[];
  } {
    const view = this.view(filter);
    return {
      checklists: this.checklistsOf(filter),
      columns: view.columns.map(i => this.columns[i]),
      rows: this.sorted(view, 'department', 'asc').map(row => {
        const team = this.teams[row.index];
        const exported: ChecklistExportRow = {
          ref: team.ref,
          title: team.title,
          statuses: view.columns.map(i => team.cells[i]),
          done: row.done,
          applicable: row.applicable,
        };
        if (team.departmentRef) {
          exported.departmentRef = team.departmentRef;
          exported.departmentTitle = this.groups.get(team.departmentRef)?.title;
        }
        if (row.ratio !== undefined) exported.ratio = row.ratio;
        return exported;
      }),
    };
  }

  private checklistsOf(filter: ChecklistMatrixFilter) {
    return filter.checklistId
      ? this.definitions.filter(d => d.id === filter.checklistId)
      : this.definitions;
  }

  private view(filter: ChecklistMatrixFilter): View {
    const key = JSON.stringify([
      filter.department ?? '',
      filter.checklistId ?? '',
      filter.status ?? '',
    ]);
    const cached = this.views.get(key);
    if (cached) return cached;

    const columns = this.columns.flatMap((c, i) =>
      !filter.checklistId || c.checklistId === filter.checklistId ? [i] : [],
    );
    const candidates = filter.department
      ? collectDescendants(filter.department, ref =>
          this.childRefs.get(ref),
        ).flatMap(ref => this.teamIndex.get(ref) ?? [])
      : this.teams.map((_, i) => i);

    const rowOf: Array<Row | undefined> = new Array(this.teams.length);
    const rows: Row[] = [];
    for (const index of candidates) {
      const cells = this.teams[index].cells;
      if (filter.status && !columns.some(i => cells[i] === filter.status)) {
        continue;
      }
      let done = 0;
      let applicable = 0;
      for (const i of columns) {
        if (cells[i] === 'done') done += 1;
        if (cells[i] !== 'not-applicable') applicable += 1;
      }
      const row: Row = { index, done, applicable };
      if (applicable > 0) row.ratio = done / applicable;
      rowOf[index] = row;
      rows.push(row);
    }

    const departments = this.departments.flatMap(department => {
      const below = department.teams.flatMap(i => rowOf[i] ?? []);
      if (below.length === 0) return [];
      const rolled = this.rollUp(below, columns, {
        ref: department.ref,
        title: department.title,
        depth: department.depth,
      });
      if (department.parentRef) rolled.parentRef = department.parentRef;
      return [rolled];
    });

    const view: View = {
      columns,
      rows,
      total: this.rollUp(rows, columns, {
        ref: ORG_SCOPE,
        title: this.orgTitle,
        depth: 0,
      }),
      departments,
      sorted: new Map(),
    };
    remember(this.views, key, view, MAX_VIEWS);
    return view;
  }

  private rollUp(
    rows: Row[],
    columns: number[],
    head: Pick<ChecklistMatrixDepartment, 'ref' | 'title' | 'depth'>,
  ): ChecklistMatrixDepartment {
    const counts: Record<string, ChecklistStatusCounts> = {};
    const tallies = columns.map(() => emptyCounts());
    let done = 0;
    let applicable = 0;
    for (const row of rows) {
      done += row.done;
      applicable += row.applicable;
      const cells = this.teams[row.index].cells;
      columns.forEach((column, i) => {
        tallies[i][cells[column]] += 1;
      });
    }
    columns.forEach((column, i) => {
      counts[this.columns[column].key] = tallies[i];
    });
    const rolled: ChecklistMatrixDepartment = {
      ...head,
      teamCount: rows.length,
      done,
      applicable,
      counts,
    };
    if (applicable > 0) rolled.ratio = done / applicable;
    return rolled;
  }

  /**
   * The view's rows in an order: by department (the department order, then
   * title), completion (teams with nothing applicable last either way) or
   * title; ties go by title, then ref.
   */
  private sorted(
    view: View,
    sort: NonNullable<ChecklistMatrixQuery['sort']>,
    order: NonNullable<ChecklistMatrixQuery['order']>,
  ): Row[] {
    const key = `${sort} ${order}`;
    const cached = view.sorted.get(key);
    if (cached) return cached;
    const direction = order === 'desc' ? -1 : 1;
    const teams = this.teams;
    const byTitle = (a: Row, b: Row) =>
      collator.compare(teams[a.index].title, teams[b.index].title) ||
      (teams[a.index].ref < teams[b.index].ref ? -1 : 1);
    const primary = (a: Row, b: Row): number => {
      switch (sort) {
        case 'completion':
          if (a.ratio === undefined || b.ratio === undefined) {
            // Not reversed: nothing to do is never the lowest nor the highest.
            return (
              (a.ratio === undefined ? 1 : 0) - (b.ratio === undefined ? 1 : 0)
            );
          }
          return direction * (a.ratio - b.ratio);
        case 'title':
          return direction * byTitle(a, b);
        default:
          // A Group's own answers lead its department's teams either way.
          return (
            direction *
              (teams[a.index].departmentOrder -
                teams[b.index].departmentOrder) ||
            Number(teams[b.index].ownAnswers) -
              Number(teams[a.index].ownAnswers)
          );
      }
    };
    const rows = [...view.rows].sort((a, b) => primary(a, b) || byTitle(a, b));
    view.sorted.set(key, rows);
    return rows;
  }

  private teamOf(row: Row, columns: number[]): ChecklistMatrixTeam {
    const team = this.teams[row.index];
    const statuses: Record<string, ChecklistCellStatus> = {};
    for (const i of columns) statuses[this.columns[i].key] = team.cells[i];
    const result: ChecklistMatrixTeam = {
      ref: team.ref,
      title: team.title,
      statuses,
      done: row.done,
      applicable: row.applicable,
    };
    if (team.departmentRef) result.departmentRef = team.departmentRef;
    if (team.ownAnswers) result.isDepartment = true;
    if (row.ratio !== undefined) result.ratio = row.ratio;
    return result;
  }
}

/** Adds an entry, forgetting the oldest one when the map is full. */
function remember<T>(map: Map<string, T>, key: string, value: T, max: number) {
  if (map.size >= max) map.delete(map.keys().next().value!);
  map.set(key, value);
}

function emptyCounts(): ChecklistStatusCounts {
  const counts = {} as ChecklistStatusCounts;
  for (const status of CHECKLIST_CELL_STATUSES) counts[status] = 0;
  return counts;
}

/**
 * The departments (Groups with child Groups) parents first: depth first from
 * the top-level ones, siblings by title; departments only reachable through
 * a cycle come after, each once.
 */
function orderDepartments(groups: Map<string, MetricScope>): MetricScope[] {
  const byTitle = (a: MetricScope, b: MetricScope) =>
    collator.compare(a.title, b.title) || (a.ref < b.ref ? -1 : 1);
  const isDepartment = (group: MetricScope | undefined) =>
    Boolean(group?.childRefs?.length);
  const ordered: MetricScope[] = [];
  const seen = new Set<string>();
  const visit = (start: MetricScope) => {
    const stack = [start];
    while (stack.length > 0) {
      const group = stack.pop()!;
      if (seen.has(group.ref)) continue;
      seen.add(group.ref);
      ordered.push(group);
      const children = (group.childRefs ?? [])
        .map(ref => groups.get(ref))
        .filter((child): child is MetricScope => isDepartment(child))
        .sort(byTitle);
      // Reversed onto the stack, so that the first by title comes out first.
      for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]);
    }
  };
  const departments = [...groups.values()].filter(isDepartment).sort(byTitle);
  for (const department of departments) {
    if (!department.parentRef || !groups.has(department.parentRef)) {
      visit(department);
    }
  }
  for (const department of departments) visit(department);
  return ordered;
}

/**
 * The Groups that stand for the whole organisation rather than a part of it:
 * the top-level Group with child Groups when it is the only one (Groups
 * without parent nor children stand apart, in no hierarchy), then, while a
 * root's only child Group has children of its own, that child too. An
 * organisation modelled as "ACME > Engineering, Sales" has ACME as its root;
 * one with several top-level departments has none.
 */
export function rootsOf(groups: Map<string, MetricScope>): Set<string> {
  const roots = new Set<string>();
  const isDepartment = (group: MetricScope) => Boolean(group.childRefs?.length);
  let level = [...groups.values()].filter(
    group =>
      isDepartment(group) && !(group.parentRef && groups.has(group.parentRef)),
  );
  while (
    level.length === 1 &&
    isDepartment(level[0]) &&
    !roots.has(level[0].ref)
  ) {
    roots.add(level[0].ref);
    level = level[0].childRefs!.flatMap(ref => groups.get(ref) ?? []);
  }
  return roots;
}

/**
 * How many departments are above this one, following parents until a repeat;
 * the roots are not counted.
 */
function depthOf(
  ref: string,
  groups: Map<string, MetricScope>,
  roots: Set<string>,
): number {
  const seen = new Set([ref]);
  let depth = 0;
  let parent = groups.get(ref)?.parentRef;
  while (parent && groups.has(parent) && !seen.has(parent)) {
    seen.add(parent);
    if (!roots.has(parent)) depth += 1;
    parent = groups.get(parent)!.parentRef;
  }
  return depth;
}
