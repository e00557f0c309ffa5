import { AuditorService, HttpAuthService } from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { audited } from '../access/audited';
import { OspoApiRouter } from '../schema/openapi';
import { EntityStatusService } from './EntityStatusService';
import { TooManyRequestsError } from './TooManyRequestsError';

/**
 * What the entity routes need.
 *
 * @internal
 */
export interface EntityRoutesOptions {
  httpAuth: HttpAuthService;
  auditor: AuditorService;
  entities: EntityStatusService;
}

/**
 * The routes of an entity page: the entity's OSPO status, and a fresh
 * evaluation of its checks (`src/schema/openapi.yaml`).
 *
 * @internal
 */
export function addEntityRoutes(
  router: OspoApiRouter,
  options: EntityRoutesOptions,
): void {
  const { httpAuth, auditor, entities } = options;

  router.get(
    '/entities/:kind/:namespace/:name/checklist-status',
    async (req, res) => {
      const credentials = await httpAuth.credentials(req, {
        allow: ['user', 'service'],
      });
      res.json(await entities.getEntityStatus(req.params, credentials));
    },
  );

  router.post(
    '/entities/:kind/:namespace/:name/checks/refresh',
    async (req, res) => {
      const credentials = await httpAuth.credentials(req, { allow: ['user'] });
      try {
        const checks = await audited(
          auditor,
          {
            eventId: 'entity-checks-refresh',
            severityLevel: 'low',
            request: req,
            meta: { entityRef: stringifyEntityRef(req.params) },
          },
          () => entities.refresh(req.params, credentials),
          result => ({ fail: result.summary.fail, warn: result.summary.warn }),
        );
        res.json(checks);
      } catch (error) {
        if (error instanceof TooManyRequestsError) {
          res.setHeader('Retry-After', String(error.retryAfterSeconds));
        }
        throw error;
      }
    },
  );
}
