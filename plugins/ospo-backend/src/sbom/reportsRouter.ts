import { HttpAuthService } from '@backstage/backend-plugin-api';
import { sendCsv } from '../http/csv';
import { parseGroupRef } from '../metrics/scopeRefs';
import { OspoApiRouter } from '../schema/openapi';
import { SbomReportService } from './SbomReportService';

/**
 * What the SBOM report routes need.
 *
 * @internal
 */
export interface SbomReportRoutesOptions {
  httpAuth: HttpAuthService;
  reports: SbomReportService;
}

/** `teamRef` as a normalised Group ref; the spec has checked its form. */
function teamRefOf(value: string | undefined): string | undefined {
  return value ? parseGroupRef(value) : undefined;
}

/**
 * The SBOM report routes of the REST API (`src/schema/openapi.yaml`): the
 * main offenders, the open vulnerabilities, and every open finding as CSV;
 * the router has validated each request.
 *
 * @internal
 */
export function addSbomReportRoutes(
  router: OspoApiRouter,
  options: SbomReportRoutesOptions,
): void {
  const { httpAuth, reports } = options;
  const reader = async (req: Parameters<HttpAuthService['credentials']>[0]) => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    await reports.authorizeRead(credentials);
    return credentials;
  };

  router.get('/sbom/offenders', async (req, res) => {
    const credentials = await reader(req);
    const { limit = 20 } = req.query;
    res.json(
      await reports.getOffenders(
        { limit, teamRef: teamRefOf(req.query.teamRef) },
        credentials,
      ),
    );
  });

  router.get('/sbom/vulnerabilities', async (req, res) => {
    const credentials = await reader(req);
    const { limit = 20 } = req.query;
    res.json(
      await reports.getVulnerabilities(
        { limit, teamRef: teamRefOf(req.query.teamRef) },
        credentials,
      ),
    );
  });

  router.get('/sbom/violations.csv', async (req, res) => {
    const credentials = await reader(req);
    const rows = await reports.listViolations(
      teamRefOf(req.query.teamRef),
      credentials,
    );
    sendCsv(res, 'ospo-sbom-license-violations.csv', [
      [
        'Entity ref',
        'Owner',
        'Package',
        'Version',
        'Package URL',
        'License',
        'Culprits',
        'First seen',
      ],
      ...rows.map(row => [
        row.entityRef,
        row.ownerRefs.join('; '),
        row.package.name,
        row.package.version,
        row.package.purl,
        row.license,
        row.culprits.join('; '),
        row.firstSeenAt.toISOString(),
      ]),
    ]);
  });

  router.get('/sbom/vulnerabilities.csv', async (req, res) => {
    const credentials = await reader(req);
    const rows = await reports.listVulnerabilityFindings(
      teamRefOf(req.query.teamRef),
      credentials,
    );
    sendCsv(res, 'ospo-sbom-vulnerabilities.csv', [
      [
        'Entity ref',
        'Owner',
        'Vulnerability',
        'Severity',
        'Package',
        'Version',
        'Fixed version',
        'First seen',
        'URL',
      ],
      ...rows.map(row => [
        row.entityRef,
        row.ownerRefs.join('; '),
        row.vulnerabilityId,
        row.severity,
        row.package.name,
        row.package.version,
        row.fixedVersion,
        row.firstSeenAt.toISOString(),
        row.url,
      ]),
    ]);
  });
}
