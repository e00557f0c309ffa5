import {
  billing,
  brand,
  checkout,
  commerce,
  engineering,
  makeMatrixTeam,
  marketing,
  platform,
} from '../../__testUtils__/dashboardFixtures';
import { departmentTree } from './departmentTree';
import { HeatMapRow, heatMapRows, teamRowTitle } from './heatMapRows';

/** A row as "<depth>:<d|t>:<title>", to compare layouts at a glance. */
function layout(rows: HeatMapRow[]) {
  return rows.map(row =>
    row.kind === 'department'
      ? `${row.depth}:d:${row.department.title}`
      : `${row.depth}:t:${teamRowTitle(row.team)}${
          row.department ? ` (${row.department.title})` : ''
        }`,
  );
}

const departments = [engineering, marketing, commerce];

describe('heatMapRows', () => {
  it("puts each department's teams, then its sub-departments, under it", () => {
    expect(
      layout(
        heatMapRows(
          { departments, teams: [checkout, platform, brand, billing] },
          true,
        ),
      ),
    ).toEqual([
      '0:d:Engineering',
      '1:t:Platform',
      '1:d:Commerce',
      '2:t:Checkout',
      '2:t:Billing',
      '0:d:Marketing',
      '1:t:Brand',
    ]);
  });

  it("shows only the departments above this page's teams", () => {
    expect(
      layout(heatMapRows({ departments, teams: [billing] }, true)),
    ).toEqual(['0:d:Engineering', '1:d:Commerce', '2:t:Billing']);
  });

  it('starts from a department whose parent is not listed, e.g. a filtered one', () => {
    expect(
      layout(
        heatMapRows(
          { departments: [commerce], teams: [checkout, billing] },
          true,
        ),
      ),
    ).toEqual(['0:d:Commerce', '1:t:Checkout', '1:t:Billing']);
  });

  it('puts teams without a known department last, at the top level', () => {
    const loner = makeMatrixTeam('group:default/loner', 'Loner', undefined, {});
    const orphan = makeMatrixTeam(
      'group:default/orphan',
      'Orphan',
      'group:default/gone',
      {},
    );
    expect(
      layout(heatMapRows({ departments, teams: [loner, brand, orphan] }, true)),
    ).toEqual(['0:d:Marketing', '1:t:Brand', '0:t:Loner', '0:t:Orphan']);
  });

  it("puts a Group's own answers first inside its roll-up, not in its parent's", () => {
    const own = {
      ...makeMatrixTeam(commerce.ref, 'Commerce', engineering.ref, {}),
      isDepartment: true as const,
    };
    // Even listed after its teams, it comes first.
    expect(
      layout(
        heatMapRows(
          { departments, teams: [platform, checkout, own, billing] },
          true,
        ),
      ),
    ).toEqual([
      '0:d:Engineering',
      '1:t:Platform',
      '1:d:Commerce',
      '2:t:Commerce (own answers)',
      '2:t:Checkout',
      '2:t:Billing',
    ]);
    // A root's own answers: its roll-up is the total, so at the top level.
    const root = {
      ...makeMatrixTeam('group:default/acme', 'ACME', undefined, {}),
      isDepartment: true as const,
    };
    expect(
      layout(heatMapRows({ departments, teams: [root, brand] }, true)),
    ).toEqual(['0:d:Marketing', '1:t:Brand', '0:t:ACME (own answers)']);
    // Ranked, it is named for what it is, with its parent.
    expect(layout(heatMapRows({ departments, teams: [own] }, false))).toEqual([
      '0:t:Commerce (own answers) (Engineering)',
    ]);
  });

  it('does not lose the teams of departments in a cycle', () => {
    const a = { ...engineering, parentRef: marketing.ref };
    const b = { ...marketing, parentRef: engineering.ref };
    expect(
      layout(
        heatMapRows({ departments: [a, b], teams: [platform, brand] }, true),
      ),
    ).toEqual([
      '0:d:Engineering',
      '1:t:Platform',
      '1:d:Marketing',
      '2:t:Brand',
    ]);
  });

  it("keeps the server's order when not grouped, naming each team's department", () => {
    expect(
      layout(heatMapRows({ departments, teams: [brand, checkout] }, false)),
    ).toEqual(['0:t:Brand (Marketing)', '0:t:Checkout (Commerce)']);
  });
});

describe('departmentTree', () => {
  it('lists each department before its sub-departments, with its depth', () => {
    expect(
      departmentTree(departments).map(
        ({ department, depth }) => `${depth}:${department.title}`,
      ),
    ).toEqual(['0:Engineering', '1:Commerce', '0:Marketing']);
  });
});
