import { ChecklistMatrixDepartment } from '@ospo-kit/plugin-ospo-common';

/**
 * The departments in tree order (each followed by its sub-departments) with
 * their depth in that tree, e.g. for a select that shows the hierarchy.
 */
export function departmentTree(
  departments: ChecklistMatrixDepartment[],
): Array<{ department: ChecklistMatrixDepartment; depth: number }> {
  const known = new Set(departments.map(d => d.ref));
  const childrenOf = new Map<string | undefined, ChecklistMatrixDepartment[]>();
  for (const department of departments) {
    const parent =
      department.parentRef && known.has(department.parentRef)
        ? department.parentRef
        : undefined;
    const list = childrenOf.get(parent) ?? [];
    list.push(department);
    childrenOf.set(parent, list);
  }
  const result: Array<{
    department: ChecklistMatrixDepartment;
    depth: number;
  }> = [];
  const visited = new Set<string>();
  const visit = (department: ChecklistMatrixDepartment, depth: number) => {
    if (visited.has(department.ref)) {
      return;
    }
    visited.add(department.ref);
    result.push({ department, depth });
    for (const child of childrenOf.get(department.ref) ?? []) {
      visit(child, depth + 1);
    }
  };
  for (const root of childrenOf.get(undefined) ?? []) {
    visit(root, 0);
  }
  // Whatever a cycle kept from the roots still gets listed.
  for (const department of departments) {
    visit(department, 0);
  }
  return result;
}
