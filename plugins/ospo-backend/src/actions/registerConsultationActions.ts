import {
  AuthService,
  BackstageCredentials,
  BackstageUserPrincipal,
} from '@backstage/backend-plugin-api';
import { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { InputError, NotAllowedError } from '@backstage/errors';
import {
  CONSULTATION_STATUSES,
  CONSULTATION_URGENCIES,
  ConsultationQuery,
} from '@ospo-kit/plugin-ospo-common';
import { ConsultationService } from '../consultations/ConsultationService';
import { parseActionEntityRef } from './parseRefs';
import { outputSchemas } from './schemas';

const STATUSES = CONSULTATION_STATUSES as [string, ...string[]];
const URGENCIES = CONSULTATION_URGENCIES as [string, ...string[]];

/**
 * The consultation actions: list, read and file requests for the OSPO's
 * advice, through the {@link ConsultationService} the REST routes use.
 */
export function registerConsultationActions(
  actionsRegistry: ActionsRegistryService,
  options: { auth: AuthService; consultations: ConsultationService },
): void {
  const { auth, consultations } = options;
  const asUser = (
    credentials: BackstageCredentials,
    what: string,
  ): BackstageCredentials<BackstageUserPrincipal> => {
    if (!auth.isPrincipal(credentials, 'user')) {
      throw new NotAllowedError(`Only users may ${what}`);
    }
    return credentials;
  };

  actionsRegistry.register({
    name: 'list-consultation-requests',
    title: 'List OSPO consultation requests',
    description: [
      'Lists consultation requests: questions filed with the open source program office (OSPO) about a catalog entity,',
      'e.g. whether a dependency license is acceptable or whether a component may be published as open source.',
      'Returns one page of requests (id, entity, requester, topic, summary, urgency, status, assignee, dates), newest first by default,',
      'with totalCount. Only requests the caller may see are listed. Filter by entityRef (e.g. component:default/checkout),',
      "status, topic, requesterRef or assigneeRef (user refs such as user:default/jane), or mine=true for the caller's own requests.",
      'Use get-consultation-request with an id for the whole thread of one request.',
    ].join(' '),
    attributes: { readOnly: true, destructive: false, idempotent: true },
    schema: {
      input: z =>
        z.object({
          entityRef: z
            .string()
            .optional()
            .describe(
              'Only requests about this entity, e.g. component:default/checkout',
            ),
          status: z
            .array(z.enum(STATUSES))
            .optional()
            .describe('Only requests in one of these states'),
          topic: z
            .string()
            .optional()
            .describe('Only requests about this topic id'),
          requesterRef: z
            .string()
            .optional()
            .describe(
              'Only requests filed by this user, e.g. user:default/jane',
            ),
          assigneeRef: z
            .string()
            .optional()
            .describe(
              'Only requests assigned to this user, or "none" for unassigned ones',
            ),
          mine: z
            .boolean()
            .optional()
            .describe("Only the caller's own requests"),
          orderBy: z
            .enum(['createdAt', 'updatedAt', 'urgency', 'status'])
            .optional(),
          order: z.enum(['asc', 'desc']).optional(),
          limit: z
            .number()
            .int()
            .min(1)
            .max(200)
            .optional()
            .describe('Page size, 50 when not given'),
          offset: z.number().int().min(0).optional(),
        }),
      output: z =>
        z.object({
          items: z.array(outputSchemas.consultation(z)),
          totalCount: z
            .number()
            .describe('How many requests match, over all pages'),
          limit: z.number(),
          offset: z.number(),
        }),
    },
    action: async ({ input, credentials }) => {
      const { mine, ...filters } = input;
      const query: ConsultationQuery = {
        ...filters,
        status: filters.status as ConsultationQuery['status'],
      };
      if (filters.entityRef !== undefined) {
        query.entityRef = stringifyEntityRef(
          parseActionEntityRef(filters.entityRef),
        );
      }
      if (filters.requesterRef !== undefined) {
        query.requesterRef = stringifyEntityRef(
          parseActionEntityRef(filters.requesterRef, 'requesterRef'),
        );
      }
      if (filters.assigneeRef !== undefined && filters.assigneeRef !== 'none') {
        query.assigneeRef = stringifyEntityRef(
          parseActionEntityRef(filters.assigneeRef, 'assigneeRef'),
        );
      }
      if (mine) {
        const user = asUser(credentials, 'ask for their own requests');
        if (
          query.requesterRef !== undefined &&
          query.requesterRef !== user.principal.userEntityRef
        ) {
          throw new InputError('Give either mine or requesterRef, not both');
        }
        query.requesterRef = user.principal.userEntityRef;
      }
      return { output: await consultations.list(query, credentials) };
    },
  });

  actionsRegistry.register({
    name: 'get-consultation-request',
    title: 'Get one OSPO consultation request',
    description: [
      'Returns one consultation request filed with the open source program office (OSPO), by its id',
      '(as returned by list-consultation-requests or create-consultation-request), with its whole thread:',
      'its filing, comments, status changes and assignments, oldest first.',
      'Fails as not found when there is no such request or the caller may not see it.',
    ].join(' '),
    attributes: { readOnly: true, destructive: false, idempotent: true },
    schema: {
      input: z =>
        z.object({
          id: z
            .string()
            .uuid()
            .describe(
              'The id of the request, a UUID such as 3f2c9a0e-5b7d-4c1e-9f00-6a1b2c3d4e5f',
            ),
        }),
      output: z =>
        outputSchemas.consultation(z).extend({
          events: z
            .array(
              z
                .object({
                  type: z.string(),
                  actorRef: z.string(),
                  createdAt: z.string(),
                  body: z.string().optional(),
                })
                .passthrough(),
            )
            .describe('The thread, oldest first'),
        }),
    },
    action: async ({ input, credentials }) => ({
      output: await consultations.get(input.id, credentials),
    }),
  });

  const topics = consultations
    .getOffice()
    .topics.map(t => `${t.id} (${t.title})`)
    .join(', ');
  actionsRegistry.register({
    name: 'create-consultation-request',
    title: 'File an OSPO consultation request',
    description: [
      'Files a consultation request with the open source program office (OSPO) about one catalog entity, as the calling user,',
      "and notifies the OSPO. Use it when the user wants the OSPO's advice or approval, e.g. to use a dependency under a",
      'new license, to publish a component as open source or to contribute to an outside project; confirm the summary with the',
      `user first. topic is one of: ${topics}.`,
      'Returns the request as filed, with its id and status open.',
      'Fails when the entity does not exist or the caller may not file requests.',
    ].join(' '),
    attributes: { readOnly: false, destructive: false, idempotent: false },
    schema: {
      input: z =>
        z.object({
          entityRef: z
            .string()
            .min(1)
            .describe(
              'The entity the request is about, e.g. component:default/checkout',
            ),
          topic: z.string().min(1).describe(`One of: ${topics}`),
          summary: z
            .string()
            .min(1)
            .max(200)
            .describe('The question in one line'),
          details: z
            .string()
            .max(5000)
            .optional()
            .describe('Anything else the OSPO should know'),
          urgency: z
            .enum(URGENCIES)
            .optional()
            .describe('How urgent; normal when not given'),
        }),
      output: z => outputSchemas.consultation(z),
    },
    action: async ({ input, credentials }) => {
      const user = asUser(credentials, 'file consultation requests');
      const entity = parseActionEntityRef(input.entityRef);
      const consultation = await consultations.create(
        entity,
        {
          topic: input.topic,
          summary: input.summary,
          details: input.details,
          urgency: input.urgency as (typeof CONSULTATION_URGENCIES)[number],
        },
        { credentials: user },
      );
      return { output: consultation };
    },
  });
}
