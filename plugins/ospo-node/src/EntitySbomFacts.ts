import { VulnerabilitySeverity } from '@ospo-kit/plugin-ospo-common';

/**
 * The class of a dependency's license against the organisation's license
 * policy (`ospo.licenses`); `unknown` when the SBOM gives no license or one
 * that is not a valid SPDX expression.
 *
 * @public
 */
export type DependencyLicenseClass =
  | 'allowed'
  | 'review'
  | 'denied'
  | 'unclassified'
  | 'unknown';

/**
 * A package named in an SBOM.
 *
 * @public
 */
export interface SbomPackageRef {
  name: string;
  version?: string;
  /** The package URL, when the SBOM gave a valid one. */
  purl?: string;
}

/**
 * A problem open in an entity's latest SBOM scan: a dependency under a
 * license the policy denies, or a known vulnerability.
 *
 * @public
 */
export type EntitySbomFinding =
  | {
      kind: 'license';
      package: SbomPackageRef;
      /** The license expression as the SBOM gives it. */
      license: string;
      /** The licenses that make it denied. */
      culprits: string[];
      /** When a scan of the entity first had it. */
      firstSeenAt: Date;
    }
  | {
      kind: 'vulnerability';
      package: SbomPackageRef;
      /** e.g. `CVE-2021-23337` */
      vulnerabilityId: string;
      severity: VulnerabilitySeverity;
      /** The version that fixes it, when the SBOM says one exists. */
      fixedVersion?: string;
      /** The advisory, when the SBOM links one. */
      url?: string;
      firstSeenAt: Date;
    };

/**
 * What the latest SBOM scan uploaded for an entity says about the open
 * source inside it.
 *
 * @public
 */
export interface EntitySbomFacts {
  /** When the scan was stored. */
  scannedAt: Date;
  /** The dependencies (SBOM components) it lists. */
  componentCount: number;
  /** Dependencies by license class. */
  licenses: Record<DependencyLicenseClass, number>;
  /** Open vulnerabilities (one per id and package) by severity. */
  vulnerabilities: Record<VulnerabilitySeverity, number>;
  /** Open findings, worst first: denied licenses, then by severity. */
  findings: EntitySbomFinding[];
}
