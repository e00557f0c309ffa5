import {
  AuditorService,
  BackstageCredentials,
} from '@backstage/backend-plugin-api';
import { JsonObject } from '@backstage/types';
import { Request } from 'express';

/** What an audited operation records. */
export interface AuditedOperation {
  eventId: string;
  /** The HTTP request of the change: the auditor takes the actor from it. */
  request?: Request<any, any, any, any, any>;
  /**
   * Who acts, recorded as `actorRef` when there is no request of theirs (an
   * action invoked through the actions registry): without a request the
   * auditor would name this plugin as the actor.
   */
  credentials?: BackstageCredentials;
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
      Object.entries({
        ...operation.meta,
        actorRef: operation.request
          ? undefined
          : principalRef(operation.credentials),
      }).filter(([, v]) => v !== undefined),
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

function principalRef(
  credentials: BackstageCredentials | undefined,
): string | undefined {
  const principal = credentials?.principal as
    | { type: string; userEntityRef?: string; subject?: string }
    | undefined;
  if (principal?.type === 'user') return principal.userEntityRef;
  if (principal?.type === 'service') return principal.subject;
  return undefined;
}
