import {
  ChecklistMatrix,
  ChecklistMatrixDepartment,
  ChecklistMatrixTeam,
} from '@ospo-kit/plugin-ospo-common';

/**
 * What a team's row is called: its title, or "<title> (own answers)" for a
 * Group that is a department too, whose roll-up is another row.
 */
export function teamRowTitle(team: ChecklistMatrixTeam): string {
  return team.isDepartment ? `${team.title} (own answers)` : team.title;
}

/** A row of the heat map: a department's roll-up, or a team. */
export type HeatMapRow =
  | { kind: 'department'; department: ChecklistMatrixDepartment; depth: number }
  | {
      kind: 'team';
      team: ChecklistMatrixTeam;
      depth: number;
      /** The team's department, named under the team when not grouped. */
      department?: ChecklistMatrixDepartment;
    };

/**
 * The rows of one page of the heat map.
 *
 * Grouped, the page's teams come under their departments along the
 * hierarchy: each department that has a team of this page at or below it
 * gets a roll-up row (over all its filtered teams, not only this page's),
 * followed by its own teams and then its sub-departments, indented by depth.
 * A Group that is both a team and a department shows once: as its roll-up,
 * with its own answers as the first row inside it. Teams without a known
 * department come last. Within a department the teams keep the server's
 * order.
 *
 * Not grouped (ranked by completion), the teams keep the server's order, each
 * with its department to name.
 */
export function heatMapRows(
  matrix: Pick<ChecklistMatrix, 'departments' | 'teams'>,
  grouped: boolean,
): HeatMapRow[] {
  const byRef = new Map<string, ChecklistMatrixDepartment>();
  for (const department of matrix.departments) {
    byRef.set(department.ref, department);
  }
  if (!grouped) {
    return matrix.teams.map(team => ({
      kind: 'team',
      team,
      depth: 0,
      department: team.departmentRef
        ? byRef.get(team.departmentRef)
        : undefined,
    }));
  }

  const teamsOf = new Map<string, ChecklistMatrixTeam[]>();
  const loose: ChecklistMatrixTeam[] = [];
  const shown = new Set<string>();
  for (const team of matrix.teams) {
    const own = team.isDepartment ? byRef.get(team.ref) : undefined;
    const department =
      own ?? (team.departmentRef ? byRef.get(team.departmentRef) : undefined);
    if (!department) {
      loose.push(team);
      continue;
    }
    const list = teamsOf.get(department.ref) ?? [];
    if (own) {
      list.unshift(team);
    } else {
      list.push(team);
    }
    teamsOf.set(department.ref, list);
    // The department and every ancestor get a row. The set also stops a
    // cycle in bad data from looping forever.
    for (
      let d: ChecklistMatrixDepartment | undefined = department;
      d && !shown.has(d.ref);
      d = d.parentRef ? byRef.get(d.parentRef) : undefined
    ) {
      shown.add(d.ref);
    }
  }

  const childrenOf = new Map<string | undefined, ChecklistMatrixDepartment[]>();
  for (const department of matrix.departments) {
    if (!shown.has(department.ref)) {
      continue;
    }
    // A parent left out of the list (e.g. above a filtered department)
    // makes this one a root.
    const parent =
      department.parentRef && byRef.has(department.parentRef)
        ? department.parentRef
        : undefined;
    const list = childrenOf.get(parent) ?? [];
    list.push(department);
    childrenOf.set(parent, list);
  }

  const rows: HeatMapRow[] = [];
  const visited = new Set<string>();
  const visit = (department: ChecklistMatrixDepartment, depth: number) => {
    if (visited.has(department.ref)) {
      return;
    }
    visited.add(department.ref);
    rows.push({ kind: 'department', department, depth });
    for (const team of teamsOf.get(department.ref) ?? []) {
      rows.push({ kind: 'team', team, depth: depth + 1 });
    }
    for (const child of childrenOf.get(department.ref) ?? []) {
      visit(child, depth + 1);
    }
  };
  for (const root of childrenOf.get(undefined) ?? []) {
    visit(root, 0);
  }
  // Departments in a cycle have no root above them: show them at the top
  // rather than lose their teams.
  for (const department of matrix.departments) {
    if (shown.has(department.ref)) {
      visit(department, 0);
    }
  }
  for (const team of loose) {
    rows.push({ kind: 'team', team, depth: 0 });
  }
  return rows;
}
