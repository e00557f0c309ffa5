import { AuditorService } from '@backstage/backend-plugin-api';
import { JsonObject } from '@backstage/types';
import { Request } from 'express';

/** What an audited operation records. */
export interface AuditedOperation {
  eventId: string;
  request: Request<any, any, any, any, any>;
  severityLevel?: 'low' | 'medium' | 'high' | 'critical';
  /** Recorded with the event; undefined values are left out. */
  meta?: Record<string, string | number | undefined>;
}

/**
 * Runs `work` inside an auditor event: created before it, so that refused
 * attempts (not found, not allowed, conflicts) are recorded as well as
 * successes, and closed with the outcome.
 *
 * @internal
 */
export async function audited<T>(
  auditor: AuditorService,
  operation: AuditedOperation,
  work: () => Promise<T>,
  successMeta?: (result: T) => JsonObject,
): Promise<T> {
  const event = await auditor.createEvent({
    eventId: operation.eventId,
    severityLevel: operation.severityLevel ?? 'medium',
    request: operation.request,
    meta: Object.fromEntries(
      Object.entries(operation.meta ?? {}).filter(([, v]) => v !== undefined),
    ) as JsonObject,
  });
  try {
    const result = await work();
    await event.success(
      successMeta ? { meta: successMeta(result) } : undefined,
    );
    return result;
  } catch (error) {
    await event.fail({ error: error as Error });
    throw error;
  }
}
