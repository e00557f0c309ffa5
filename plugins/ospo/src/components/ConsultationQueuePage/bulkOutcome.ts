import { BulkConsultationResult } from '@ospo-kit/plugin-ospo-common';

/** A request a bulk change left as it was, and why. */
export interface BulkFailure {
  id: string;
  /** The request's summary, or its id when the queue did not show it. */
  summary: string;
  reason: string;
}

/** What a bulk change did, in words for the queue. */
export interface BulkOutcome {
  severity: 'success' | 'warning' | 'error';
  /** e.g. "3 changed, 1 could not:" */
  title: string;
  failures: BulkFailure[];
}

/** The reason the server gave, or its status when it gave none. */
function reason(item: BulkConsultationResult['items'][number]): string {
  if (item.error) {
    return item.error;
  }
  return item.status ? `HTTP ${item.status}` : 'no reason given';
}

/**
 * Words for the result of a bulk change: how many changed, and which could
 * not change and why, named by their summaries.
 */
export function describeBulkOutcome(
  result: BulkConsultationResult,
  summaries: ReadonlyMap<string, string>,
): BulkOutcome {
  const failures = result.items
    .filter(item => !item.ok)
    .map(item => ({
      id: item.id,
      summary: summaries.get(item.id) ?? item.id,
      reason: reason(item),
    }));
  if (failures.length === 0) {
    return {
      severity: 'success',
      title: `${result.changed} changed`,
      failures,
    };
  }
  return {
    severity: result.changed > 0 ? 'warning' : 'error',
    title: `${result.changed > 0 ? result.changed : 'None'} changed, ${
      failures.length
    } could not:`,
    failures,
  };
}
