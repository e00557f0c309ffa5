import { components, paths } from './schema/openapi.generated';
import { everyMember } from './schema/everyMember';

// The response bodies and queries of the SBOM reports, named as the OpenAPI
// spec (`plugins/ospo-backend/src/schema/openapi.yaml`) names them: the spec
// documents each field.

/**
 * The severity of a vulnerability, as CycloneDX ratings give it, normalised.
 *
 * @public
 */
export type VulnerabilitySeverity =
  components['schemas']['VulnerabilitySeverity'];

/**
 * Every severity, worst first.
 *
 * @public
 */
export const VULNERABILITY_SEVERITIES: readonly VulnerabilitySeverity[] =
  everyMember<VulnerabilitySeverity>()([
    'critical',
    'high',
    'medium',
    'low',
    'unknown',
  ]);

/**
 * A package, under one license expression, with open license violations.
 *
 * @public
 */
export type SbomPackageOffender = components['schemas']['SbomPackageOffender'];

/**
 * A license expression with open license violations.
 *
 * @public
 */
export type SbomLicenseOffender = components['schemas']['SbomLicenseOffender'];

/**
 * The packages and licenses behind the most open license violations.
 *
 * @public
 */
export type SbomOffenders = components['schemas']['SbomOffenders'];

/**
 * The open vulnerabilities of one severity.
 *
 * @public
 */
export type SbomSeverityCount = components['schemas']['SbomSeverityCount'];

/**
 * One open vulnerability across every entity it affects.
 *
 * @public
 */
export type SbomVulnerabilitySummary =
  components['schemas']['SbomVulnerabilitySummary'];

/**
 * The open vulnerabilities of the organisation (or a Group), by id.
 *
 * @public
 */
export type SbomVulnerabilities = components['schemas']['SbomVulnerabilities'];

/**
 * The query of the SBOM reports: how many groups each list holds, and the
 * Group (with the Groups below it) whose entities are counted.
 *
 * @public
 */
export type SbomReportQuery = NonNullable<
  paths['/sbom/offenders']['get']['parameters']['query']
>;
