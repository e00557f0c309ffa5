import {
  AuditorService,
  BackstageCredentials,
  BackstageUserPrincipal,
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { InputError, NotAllowedError, NotFoundError } from '@backstage/errors';
import {
  AuthorizeResult,
  BasicPermission,
} from '@backstage/plugin-permission-common';
import {
  Consultation,
  OspoOffice,
  ospoConsultationCreatePermission,
  ospoConsultationManagePermission,
  ospoConsultationReadPermission,
} from '@ospo-kit/plugin-ospo-common';
import express from 'express';
import Router from 'express-promise-router';
import { ConsultationStore } from './ConsultationStore';
import { CONSULTATION_ACTIONS } from './consultationActions';
import { ConsultationNotifier } from './ConsultationNotifier';
import {
  assignSchema,
  commentSchema,
  consultationIdSchema,
  createConsultationSchema,
  listQuerySchema,
  transitionSchema,
} from './consultationValidation';
import { TeamDirectory } from '../access/TeamDirectory';
import { entityPathSchema, parseInput } from '../http/validation';

/**
 * What the consultation routes need.
 *
 * @internal
 */
export interface ConsultationsRouterOptions {
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  auditor: AuditorService;
  store: ConsultationStore;
  teams: TeamDirectory;
  office: OspoOffice;
  notifier: ConsultationNotifier;
}

/**
 * The office and consultation routes of the REST API
 * (`src/schema/openapi.yaml`).
 *
 * @internal
 */
export async function createConsultationsRouter(
  options: ConsultationsRouterOptions,
): Promise<express.Router> {
  const { httpAuth, permissions, auditor, store, teams, office, notifier } =
    options;
  const router = Router();
  router.use(express.json({ limit: '64kb' }));

  async function allowed(
    permission: BasicPermission,
    credentials: BackstageCredentials,
  ) {
    const [decision] = await permissions.authorize([{ permission }], {
      credentials,
    });
    return decision.result === AuthorizeResult.ALLOW;
  }

  // A request is only as visible as its entity: a caller who cannot see the
  // entity in the catalog (or may not read requests) is told it does not exist.
  async function readable(params: unknown, credentials: BackstageCredentials) {
    const { id } = parseInput(consultationIdSchema, params, 'path');
    const consultation = (await allowed(
      ospoConsultationReadPermission,
      credentials,
    ))
      ? await store.get(id)
      : undefined;
    if (
      !consultation ||
      !(await teams.getEntity(consultation.entityRef, credentials))
    ) {
      throw new NotFoundError(`No consultation request ${id}`);
    }
    return consultation;
  }

  async function audited<T>(
    req: express.Request,
    eventId: string,
    meta: Record<string, string | undefined>,
    work: () => Promise<T>,
  ): Promise<T> {
    const event = await auditor.createEvent({
      eventId,
      severityLevel: 'medium',
      request: req,
      meta: Object.fromEntries(
        Object.entries(meta).filter(([, v]) => v !== undefined),
      ) as Record<string, string>,
    });
    try {
      const result = await work();
      await event.success();
      return result;
    } catch (error) {
      await event.fail({ error: error as Error });
      throw error;
    }
  }

  router.get('/office', async (req, res) => {
    await httpAuth.credentials(req, { allow: ['user', 'service'] });
    res.json(office);
  });

  router.post(
    '/entities/:kind/:namespace/:name/consultations',
    async (req, res) => {
      const credentials = await httpAuth.credentials(req, { allow: ['user'] });
      const path = parseInput(entityPathSchema, req.params, 'path');
      const body = parseInput(createConsultationSchema, req.body, 'request');
      if (!office.topics.some(t => t.id === body.topic)) {
        throw new InputError(
          `Invalid request: topic must be one of ${office.topics
            .map(t => t.id)
            .join(', ')}`,
        );
      }
      const entity = await teams.getEntity(
        stringifyEntityRef({ ...path }),
        credentials,
      );
      if (!entity) {
        throw new NotFoundError(
          `No entity ${stringifyEntityRef({ ...path })} in the catalog`,
        );
      }
      const entityRef = stringifyEntityRef(entity);
      const consultation = await audited(
        req,
        'consultation-create',
        { entityRef, topic: body.topic },
        async () => {
          if (!(await allowed(ospoConsultationCreatePermission, credentials))) {
            throw new NotAllowedError('You may not file consultation requests');
          }
          return store.create({
            entityRef,
            requesterRef: credentials.principal.userEntityRef,
            topic: body.topic,
            summary: body.summary,
            details: body.details?.trim() || undefined,
            urgency: body.urgency,
          });
        },
      );
      await notifier.requestFiled(consultation);
      res.status(201).json(consultation);
    },
  );

  router.get('/consultations', async (req, res) => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const query = parseInput(listQuerySchema, req.query, 'query');
    if (!(await allowed(ospoConsultationReadPermission, credentials))) {
      res.json({
        items: [],
        totalCount: 0,
        limit: query.limit,
        offset: query.offset,
      });
      return;
    }
    // Leave out requests about entities the caller cannot see, before paging:
    // filtering a page afterwards would leave holes in it and a totalCount
    // that counts hidden requests.
    const { orderBy, order, limit, offset, ...filter } = query;
    const refs = await store.listEntityRefs(filter);
    const visible = new Set(await teams.visibleEntityRefs(refs, credentials));
    const page = await store.list({
      ...query,
      excludeEntityRefs: refs.filter(ref => !visible.has(ref)),
    });
    res.json({ ...page, limit, offset });
  });

  router.get('/consultations/:id', async (req, res) => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    res.json(await readable(req.params, credentials));
  });

  router.post('/consultations/:id/transitions', async (req, res) => {
    const credentials = await httpAuth.credentials(req, { allow: ['user'] });
    const current = await readable(req.params, credentials);
    const body = parseInput(transitionSchema, req.body, 'transition');
    const action = CONSULTATION_ACTIONS[body.action];
    const actorRef = credentials.principal.userEntityRef;
    const isStaff = await allowed(
      ospoConsultationManagePermission,
      credentials,
    );

    const updated = await audited(
      req,
      'consultation-transition',
      { id: current.id, action: body.action, fromStatus: current.status },
      async () => {
        if (action.by === 'staff' && !isStaff) {
          throw new NotAllowedError(
            `Only OSPO staff may ${body.action} a request`,
          );
        }
        if (action.by === 'requester' && current.requesterRef !== actorRef) {
          throw new NotAllowedError(
            'Only the requester may withdraw a request',
          );
        }
        return store.transition({
          id: current.id,
          from: action.from,
          to: action.to,
          actorRef,
          note: body.note?.trim() || undefined,
          setsResolution: action.setsResolution,
          // Withdrawing is the requester's act, even when they are OSPO
          // staff: it is no response of the OSPO.
          byStaff: isStaff && action.by === 'staff',
        });
      },
    );
    await notifier.statusChanged(updated, actorRef);
    res.json(updated);
  });

  router.put('/consultations/:id/assignee', async (req, res) => {
    const credentials = await httpAuth.credentials(req, { allow: ['user'] });
    const current = await readable(req.params, credentials);
    const body = parseInput(assignSchema, req.body, 'assignment');
    const updated: Consultation = await audited(
      req,
      'consultation-assign',
      { id: current.id, assigneeRef: body.assigneeRef ?? undefined },
      async () => {
        if (!(await allowed(ospoConsultationManagePermission, credentials))) {
          throw new NotAllowedError('Only OSPO staff may assign requests');
        }
        return store.assign({
          id: current.id,
          assigneeRef: body.assigneeRef ?? undefined,
          actorRef: credentials.principal.userEntityRef,
        });
      },
    );
    res.json(updated);
  });

  router.post('/consultations/:id/comments', async (req, res) => {
    const credentials = await httpAuth.credentials(req, { allow: ['user'] });
    const current = await readable(req.params, credentials);
    const body = parseInput(commentSchema, req.body, 'comment');
    const actorRef = (credentials.principal as BackstageUserPrincipal)
      .userEntityRef;
    const isStaff = await allowed(
      ospoConsultationManagePermission,
      credentials,
    );
    const event = await audited(
      req,
      'consultation-comment',
      { id: current.id },
      async () => {
        if (!isStaff && current.requesterRef !== actorRef) {
          throw new NotAllowedError(
            'Only the requester and OSPO staff may comment on a request',
          );
        }
        return store.comment({
          id: current.id,
          actorRef,
          body: body.body,
          byStaff: isStaff,
        });
      },
    );
    if (isStaff) {
      await notifier.staffCommented(current, actorRef, body.body);
    }
    res.status(201).json(event);
  });

  return router;
}
