/**
 * The contract between SBOM ingestion (writes) and the metrics, checks and
 * dashboard (reads). See `migrations/20261130000000_sbom.js` for the tables.
 */

import { VulnerabilitySeverity } from '@ospo-kit/plugin-ospo-common';
import { DependencyLicenseClass } from '@ospo-kit/plugin-ospo-node';

export type { DependencyLicenseClass, VulnerabilitySeverity };

/** One package of an SBOM, as the findings name it. */
export interface SbomPackage {
  name: string;
  version?: string;
  /** Left out when the SBOM's purl was missing or not a valid package URL. */
  purl?: string;
}

/**
 * A problem one scan found in one entity: a dependency under a denied
 * license, or an open vulnerability in a dependency. The same problem in the
 * next scan is the same finding (same `key`); a problem that is gone from a
 * scan is resolved then.
 */
export type SbomFinding =
  | {
      kind: 'license';
      /** `license:<purl or name@version>:<license expression>` */
      key: string;
      package: SbomPackage;
      /** The expression as the SBOM gives it, e.g. `GPL-3.0-only`. */
      license: string;
      /** The licenses that decide the class, e.g. `['GPL-3.0-only']`. */
      culprits: string[];
    }
  | {
      kind: 'vulnerability';
      /** `vulnerability:<id>:<purl or name@version>` */
      key: string;
      package: SbomPackage;
      /** e.g. `CVE-2021-23337` or `GHSA-...` */
      vulnerabilityId: string;
      severity: VulnerabilitySeverity;
      /** The version that fixes it, when the SBOM says one exists. */
      fixedVersion?: string;
      /** The advisory, when the SBOM links one. */
      url?: string;
    };

/** What one scan of one entity found, in counts: kept for every scan. */
export interface SbomScanSummary {
  entityRef: string;
  /** Set by the store: when the scan was stored (database time). */
  scannedAt: Date;
  /** `user:default/jo` or the service subject that uploaded it. */
  uploadedBy: string;
  /** CycloneDX `specVersion`, e.g. `1.6`. */
  specVersion: string;
  /** The tool that produced it, e.g. `cyclonedx-npm 1.19.3`, when said. */
  tool?: string;
  /** CycloneDX `serialNumber`, when given. */
  serialNumber?: string;
  /** Components (dependencies) in the SBOM, nested ones included. */
  componentCount: number;
  /** Components by license class. */
  licenses: Record<DependencyLicenseClass, number>;
  /** Open vulnerabilities (one per id and package) by severity. */
  vulnerabilities: Record<VulnerabilitySeverity, number>;
}

/** The latest scan of one entity, with its open findings. */
export interface EntitySbom {
  summary: SbomScanSummary;
  /** The open findings, worst first (denied licenses, then by severity). */
  findings: Array<SbomFinding & { firstSeenAt: Date }>;
}

/** A finding over its life, for time-to-fix and exposure figures. */
export type SbomFindingRecord = SbomFinding & {
  entityRef: string;
  firstSeenAt: Date;
  /** When a scan of the entity no longer had it; absent while open. */
  resolvedAt?: Date;
};

/**
 * Where SBOM scans and their findings are kept.
 */
export interface SbomStore {
  /**
   * Stores a scan as the entity's latest, in one transaction: the summary is
   * added to its history, findings not in the previous scan open, findings
   * of the previous scan missing from this one are resolved. Two scans of
   * the same entity are stored one after the other; scans of different
   * entities do not wait for each other. Returns the summary with
   * `scannedAt` as stored.
   */
  putScan(
    scan: Omit<SbomScanSummary, 'scannedAt'>,
    findings: SbomFinding[],
  ): Promise<SbomScanSummary>;

  /** The latest scan of each entity with its open findings. */
  getLatest(entityRefs: string[]): Promise<Map<string, EntitySbom>>;

  /** When each entity was last scanned; entities never scanned are absent. */
  listScanTimes(): Promise<Map<string, Date>>;

  /** The summaries of an entity's scans, newest first. */
  listHistory(
    entityRef: string,
    options?: { limit?: number },
  ): Promise<SbomScanSummary[]>;

  /**
   * Findings open now, and findings resolved since `resolvedSince`, of the
   * given kind, across all entities.
   */
  listFindings(options: {
    kind?: SbomFinding['kind'];
    resolvedSince?: Date;
    openOnly?: boolean;
  }): Promise<SbomFindingRecord[]>;

  /** Deletes the scans and findings of entities gone from the catalog. */
  deleteEntities(entityRefs: string[]): Promise<void>;
}
