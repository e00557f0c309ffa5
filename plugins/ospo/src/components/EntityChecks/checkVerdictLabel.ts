import { EntityCheckVerdict } from '@ospo-kit/plugin-ospo-common';

const LABELS: Record<EntityCheckVerdict, string> = {
  fail: 'Fail',
  warn: 'Warning',
  unknown: 'Unknown',
  pass: 'Pass',
};

/**
 * The word people read for a verdict; the ids stay in the API.
 */
export function checkVerdictLabel(verdict: EntityCheckVerdict) {
  return LABELS[verdict] ?? verdict;
}
