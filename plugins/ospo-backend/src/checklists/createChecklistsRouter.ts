import {
  AuditorService,
  BackstageCredentials,
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { NotAllowedError, NotFoundError } from '@backstage/errors';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  EntityChecklistStatus,
  ospoChecklistAnswerUpdatePermission,
  ospoChecklistReadPermission,
} from '@ospo-kit/plugin-ospo-common';
import express from 'express';
import Router from 'express-promise-router';
import { ChecklistStore } from './ChecklistStore';
import { ChecklistService } from './ChecklistService';
import { TeamDirectory } from '../access/TeamDirectory';
import {
  entityPathSchema,
  itemPathSchema,
  parseInput,
  teamPathSchema,
  updateAnswerSchema,
} from '../http/validation';

/**
 * What the router needs; built by the plugin's `init`.
 *
 * @internal
 */
export interface ChecklistsRouterOptions {
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  auditor: AuditorService;
  checklists: ChecklistService;
  store: ChecklistStore;
  teams: TeamDirectory;
}

/**
 * The REST API described in `src/schema/openapi.yaml`. Errors are thrown as
 * `@backstage/errors` types and turned into responses by the root router.
 *
 * @internal
 */
export async function createChecklistsRouter(
  options: ChecklistsRouterOptions,
): Promise<express.Router> {
  const { httpAuth, permissions, auditor, checklists, store, teams } = options;
  const router = Router();
  router.use(express.json({ limit: '64kb' }));

  async function canRead(credentials: BackstageCredentials) {
    const [decision] = await permissions.authorize(
      [{ permission: ospoChecklistReadPermission }],
      { credentials },
    );
    return decision.result === AuthorizeResult.ALLOW;
  }

  // A denied read looks like a missing team: it tells nothing about it.
  async function readableTeam(
    params: unknown,
    credentials: BackstageCredentials,
  ) {
    const { namespace, name } = parseInput(teamPathSchema, params, 'path');
    const teamRef = stringifyEntityRef({ kind: 'group', namespace, name });
    if (
      !(await canRead(credentials)) ||
      !(await teams.teamExists(teamRef, credentials))
    ) {
      throw new NotFoundError(`No team ${teamRef} in the catalog`);
    }
    return teamRef;
  }

  router.get('/checklists', async (req, res) => {
    await httpAuth.credentials(req, { allow: ['user', 'service'] });
    res.json({ items: checklists.getDefinitions() });
  });

  router.get('/teams/:namespace/:name/checklists', async (req, res) => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const teamRef = await readableTeam(req.params, credentials);
    const [team] = await checklists.getTeamChecklists([teamRef]);
    res.json(team);
  });

  router.put(
    '/teams/:namespace/:name/checklists/:checklistId/items/:itemId',
    async (req, res) => {
      const credentials = await httpAuth.credentials(req, { allow: ['user'] });
      const path = parseInput(itemPathSchema, req.params, 'path');
      const body = parseInput(updateAnswerSchema, req.body, 'answer');

      // Created before the checks so that refused attempts (unknown team,
      // denied permission, stale version) are audited too, not only successes.
      const auditorEvent = await auditor.createEvent({
        eventId: 'checklist-answer-update',
        severityLevel: 'medium',
        request: req,
        meta: {
          teamRef: stringifyEntityRef({
            kind: 'group',
            namespace: path.namespace,
            name: path.name,
          }),
          checklistId: path.checklistId,
          itemId: path.itemId,
          status: body.status,
          expectedVersion: body.expectedVersion,
        },
      });
      try {
        const teamRef = await readableTeam(path, credentials);
        if (!checklists.findItem(path.checklistId, path.itemId)) {
          throw new NotFoundError(
            `Checklist '${path.checklistId}' has no item '${path.itemId}'`,
          );
        }
        const [decision] = await permissions.authorize(
          [
            {
              permission: ospoChecklistAnswerUpdatePermission,
              resourceRef: teamRef,
            },
          ],
          { credentials },
        );
        if (decision.result !== AuthorizeResult.ALLOW) {
          throw new NotAllowedError(
            `Only members of ${teamRef} and OSPO staff may change its answers`,
          );
        }

        const answer = await store.setAnswer({
          teamRef,
          checklistId: path.checklistId,
          itemId: path.itemId,
          status: body.status,
          note: body.note,
          evidenceUrl: body.evidenceUrl,
          expectedVersion: body.expectedVersion,
          actorRef: credentials.principal.userEntityRef,
        });
        await auditorEvent.success({ meta: { version: answer.version } });
        res.json(answer);
      } catch (error) {
        await auditorEvent.fail({ error: error as Error });
        throw error;
      }
    },
  );

  router.get(
    '/teams/:namespace/:name/checklists/:checklistId/items/:itemId/history',
    async (req, res) => {
      const credentials = await httpAuth.credentials(req, {
        allow: ['user', 'service'],
      });
      const path = parseInput(itemPathSchema, req.params, 'path');
      const teamRef = await readableTeam(path, credentials);
      const items = await store.getHistory({
        teamRef,
        checklistId: path.checklistId,
        itemId: path.itemId,
      });
      res.json({ items });
    },
  );

  router.get(
    '/entities/:kind/:namespace/:name/checklist-status',
    async (req, res) => {
      const credentials = await httpAuth.credentials(req, {
        allow: ['user', 'service'],
      });
      const { kind, namespace, name } = parseInput(
        entityPathSchema,
        req.params,
        'path',
      );
      const entityRef = stringifyEntityRef({ kind, namespace, name });
      const entity = (await canRead(credentials))
        ? await teams.getEntity(entityRef, credentials)
        : undefined;
      if (!entity) {
        throw new NotFoundError(`No entity ${entityRef} in the catalog`);
      }
      const owners = await teams.resolveOwners(entity, credentials);
      const status: EntityChecklistStatus = {
        entityRef: stringifyEntityRef(entity),
        ownerRefs: owners.ownerRefs,
        teams: await checklists.getTeamChecklists(owners.teamRefs),
        unresolvedOwners: owners.unresolved,
      };
      res.json(status);
    },
  );

  return router;
}
