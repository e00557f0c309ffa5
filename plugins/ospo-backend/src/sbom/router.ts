import { AuditorService, HttpAuthService } from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { audited } from '../access/audited';
import { RawBodyOperation } from '../http/createApiRouter';
import { readRawBody } from '../http/readRawBody';
import { UnsupportedMediaTypeError } from '../http/UnsupportedMediaTypeError';
import { OspoApiRouter } from '../schema/openapi';
import { SbomService } from './SbomService';

/** The media types an SBOM is taken as, parameters aside. */
const SBOM_MEDIA_TYPES = ['application/vnd.cyclonedx+json', 'application/json'];

/**
 * The upload, whose body the API router leaves for the route to read.
 *
 * @internal
 */
export const SBOM_UPLOAD: RawBodyOperation = {
  path: '/entities/{kind}/{namespace}/{name}/sbom',
  method: 'post',
};

/**
 * What the SBOM routes need.
 *
 * @internal
 */
export interface SbomRoutesOptions {
  httpAuth: HttpAuthService;
  auditor: AuditorService;
  sbom: SbomService;
}

/**
 * An entity's SBOM: uploaded by CI (or a team member), and its latest scan
 * (`src/schema/openapi.yaml`).
 *
 * @internal
 */
export function addSbomRoutes(
  router: OspoApiRouter,
  options: SbomRoutesOptions,
): void {
  const { httpAuth, auditor, sbom } = options;

  router.post('/entities/:kind/:namespace/:name/sbom', async (req, res) => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const result = await audited(
      auditor,
      {
        eventId: 'sbom-upload',
        severityLevel: 'medium',
        request: req,
        meta: { entityRef: stringifyEntityRef(req.params) },
      },
      async () => {
        const mediaType = (req.headers['content-type'] ?? '')
          .split(';')[0]
          .trim()
          .toLocaleLowerCase('en-US');
        if (!SBOM_MEDIA_TYPES.includes(mediaType)) {
          throw new UnsupportedMediaTypeError(
            `Send the SBOM as CycloneDX JSON, with Content-Type ${SBOM_MEDIA_TYPES.join(
              ' or ',
            )}${mediaType ? `, not ${mediaType}` : ''}`,
          );
        }
        return sbom.upload(req.params, credentials, limit =>
          readRawBody(req, { limit, limitSetting: 'ospo.sbom.maxSize' }),
        );
      },
      ({ summary, openFindings }) => ({
        componentCount: summary.componentCount,
        licenses: summary.licenses,
        vulnerabilities: summary.vulnerabilities,
        openFindings,
      }),
    );
    res.status(201).json(result);
  });

  router.get('/entities/:kind/:namespace/:name/sbom', async (req, res) => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    res.json(
      await sbom.getLatest(req.params, credentials, { limit: req.query.limit }),
    );
  });
}
