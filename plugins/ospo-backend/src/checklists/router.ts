import { AuditorService, HttpAuthService } from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { audited } from '../access/audited';
import { OspoApiRouter } from '../schema/openapi';
import { ChecklistService } from './ChecklistService';

/**
 * What the checklist routes need.
 *
 * @internal
 */
export interface ChecklistRoutesOptions {
  httpAuth: HttpAuthService;
  auditor: AuditorService;
  checklists: ChecklistService;
}

/**
 * The checklist and answer routes of the REST API
 * (`src/schema/openapi.yaml`); the router has validated each request.
 *
 * @internal
 */
export function addChecklistRoutes(
  router: OspoApiRouter,
  options: ChecklistRoutesOptions,
): void {
  const { httpAuth, auditor, checklists } = options;

  router.get('/checklists', async (req, res) => {
    await httpAuth.credentials(req, { allow: ['user', 'service'] });
    res.json({ items: checklists.getDefinitions() });
  });

  router.get('/teams/:namespace/:name/checklists', async (req, res) => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const teamRef = await checklists.readableTeam(req.params, credentials);
    const [team] = await checklists.getTeamChecklists([teamRef]);
    res.json(team);
  });

  router.put(
    '/teams/:namespace/:name/checklists/:checklistId/items/:itemId',
    async (req, res) => {
      const credentials = await httpAuth.credentials(req, { allow: ['user'] });
      const { namespace, name, checklistId, itemId } = req.params;
      const answer = await audited(
        auditor,
        {
          eventId: 'checklist-answer-update',
          request: req,
          meta: {
            teamRef: stringifyEntityRef({ kind: 'group', namespace, name }),
            checklistId,
            itemId,
            status: req.body.status,
            expectedVersion: req.body.expectedVersion,
          },
        },
        () =>
          checklists.updateAnswer(
            { namespace, name },
            { ...req.body, checklistId, itemId },
            credentials,
          ),
        stored => ({ version: stored.version }),
      );
      res.json(answer);
    },
  );

  router.post(
    '/teams/:namespace/:name/checklists/:checklistId/items/:itemId/reattest',
    async (req, res) => {
      const credentials = await httpAuth.credentials(req, { allow: ['user'] });
      const { namespace, name, checklistId, itemId } = req.params;
      const { expectedVersion } = req.body;
      const answer = await audited(
        auditor,
        {
          eventId: 'checklist-answer-reattest',
          request: req,
          meta: {
            teamRef: stringifyEntityRef({ kind: 'group', namespace, name }),
            checklistId,
            itemId,
            expectedVersion,
          },
        },
        () =>
          checklists.reattestAnswer(
            { namespace, name },
            { checklistId, itemId, expectedVersion },
            credentials,
          ),
        stored => ({ version: stored.version }),
      );
      res.json(answer);
    },
  );

  router.get(
    '/teams/:namespace/:name/checklists/:checklistId/items/:itemId/history',
    async (req, res) => {
      const credentials = await httpAuth.credentials(req, {
        allow: ['user', 'service'],
      });
      const { namespace, name, checklistId, itemId } = req.params;
      const items = await checklists.getHistory(
        { namespace, name },
        { checklistId, itemId },
        credentials,
      );
      res.json({ items });
    },
  );
}
