import { configApiRef, useApi } from '@backstage/core-plugin-api';

/** Half the applicable items done, unless the app configures another target. */
export const DEFAULT_CHECKLIST_TARGET = 0.5;

/**
 * The share of applicable checklist items a team should have done
 * (`ospo.dashboard.checklistTarget`, from 0 to 1): the dashboard lists the
 * teams below it as needing attention. Another value falls back to the
 * default.
 */
export function useChecklistTarget(): number {
  const config = useApi(configApiRef);
  const target = config.getOptionalNumber('ospo.dashboard.checklistTarget');
  return target !== undefined && target > 0 && target <= 1
    ? target
    : DEFAULT_CHECKLIST_TARGET;
}
