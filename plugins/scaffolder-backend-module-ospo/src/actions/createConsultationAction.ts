import { AuthService, DiscoveryService } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { callOspo, createUserOspoClient } from './userOspoClient';

/** The id the dry run outputs in place of a request it did not create. */
const DRY_RUN_ID = 'dry-run';

const examples = [
  {
    description: 'File a consultation before publishing a component',
    example: `steps:
  - id: consult
    name: Consult the OSPO
    action: ospo:consultation:create
    input:
      entityRef: \${{ parameters.component }}
      topic: publish
      summary: Publish \${{ parameters.component }} as open source
      details: Intended license \${{ parameters.license }}
      urgency: normal
output:
  links:
    - title: Your request to the OSPO
      url: \${{ steps.consult.output.url }}`,
  },
];

/**
 * Creates the `ospo:consultation:create` action: files a consultation
 * request about a catalog entity as the user who runs the template. A dry
 * run creates nothing; it checks that the entity and the topic exist.
 *
 * @public
 */
export function createOspoConsultationCreateAction(options: {
  auth: AuthService;
  discovery: DiscoveryService;
  /** The frontend's base URL (`app.baseUrl`), for the link to the request. */
  appBaseUrl: string;
}) {
  const { auth, discovery } = options;
  const queueUrl = `${options.appBaseUrl.replace(
    /\/+$/,
    '',
  )}/ospo/consultations`;

  return createTemplateAction({
    id: 'ospo:consultation:create',
    description:
      'Files a consultation request with the Open Source Program Office about a catalog entity, as the user running the template. The user must be allowed to file requests about the entity.',
    examples,
    supportsDryRun: true,
    schema: {
      input: {
        entityRef: z =>
          z
            .string()
            .min(1)
            .describe(
              'Entity ref of the entity the request is about, e.g. component:default/petstore',
            ),
        topic: z =>
          z
            .string()
            .min(1)
            .describe(
              "Id of one of the OSPO's consultation topics (ospo.office.topics), e.g. publish",
            ),
        summary: z =>
          z
            .string()
            .trim()
            .min(1)
            .describe('One line saying what the OSPO is asked about'),
        details: z =>
          z.string().optional().describe('Anything else the OSPO should know'),
        urgency: z =>
          z
            .enum(['low', 'normal', 'high', 'critical'])
            .default('normal')
            .describe('How soon an answer is needed; normal by default'),
      },
      output: {
        id: z =>
          z
            .string()
            .describe(
              'Id of the request; "dry-run" in a dry run, which creates none',
            ),
        url: z =>
          z
            .string()
            .describe(
              "Link to the request in the OSPO's consultation queue; the queue itself in a dry run",
            ),
        status: z =>
          z.string().describe('Status of the request, "open" once filed'),
      },
    },
    async handler(ctx) {
      const { entityRef, topic, summary, details, urgency } = ctx.input;
      const client = createUserOspoClient({
        auth,
        discovery,
        credentials: await ctx.getInitiatorCredentials(),
      });

      if (ctx.isDryRun) {
        const office = await callOspo('read the OSPO office', () =>
          client.getOffice(),
        );
        if (!office.topics.some(t => t.id === topic)) {
          const known = office.topics.map(t => t.id).join(', ');
          throw new InputError(
            `Unknown consultation topic "${topic}"; the OSPO's topics are: ${known}`,
          );
        }
        await callOspo(`read the OSPO status of ${entityRef}`, () =>
          client.getEntityChecklistStatus(entityRef),
        );
        ctx.logger.info(
          `Dry run: would file a "${topic}" consultation about ${entityRef}`,
        );
        ctx.output('id', DRY_RUN_ID);
        ctx.output('url', queueUrl);
        ctx.output('status', 'open');
        return;
      }

      const consultation = await callOspo(
        `file a consultation about ${entityRef}`,
        () =>
          client.createConsultation(entityRef, {
            topic,
            summary,
            details,
            // The Scaffolder validates input against the JSON schema without
            // filling in defaults, so an omitted urgency arrives undefined.
            urgency: urgency ?? 'normal',
          }),
      );
      const url = `${queueUrl}/${encodeURIComponent(consultation.id)}`;
      ctx.logger.info(`Filed consultation ${consultation.id}: ${url}`);
      ctx.output('id', consultation.id);
      ctx.output('url', url);
      ctx.output('status', consultation.status);
    },
  });
}
