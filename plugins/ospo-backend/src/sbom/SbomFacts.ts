import { EntitySbomFacts } from '@ospo-kit/plugin-ospo-node';
import { EntitySbom, SbomStore } from './SbomStore';

const DAY_MS = 24 * 60 * 60 * 1000;

/** Open findings handed to metrics and checks per entity: enough to name them. */
const FINDINGS_PER_ENTITY = 20;

/**
 * The latest SBOM scans of entities, as metrics and checks read them.
 *
 * @internal
 */
export type SbomFactsReader = (
  entityRefs: string[],
) => Promise<Map<string, EntitySbomFacts>>;

/** What metrics and checks see of one entity's latest scan. */
export function toEntitySbomFacts(sbom: EntitySbom): EntitySbomFacts {
  const { summary } = sbom;
  return {
    scannedAt: summary.scannedAt,
    componentCount: summary.componentCount,
    licenses: { ...summary.licenses },
    vulnerabilities: { ...summary.vulnerabilities },
    findings: sbom.findings.slice(0, FINDINGS_PER_ENTITY).map(finding =>
      finding.kind === 'license'
        ? {
            kind: 'license' as const,
            package: finding.package,
            license: finding.license,
            culprits: finding.culprits,
            firstSeenAt: finding.firstSeenAt,
          }
        : {
            kind: 'vulnerability' as const,
            package: finding.package,
            vulnerabilityId: finding.vulnerabilityId,
            severity: finding.severity,
            fixedVersion: finding.fixedVersion,
            url: finding.url,
            firstSeenAt: finding.firstSeenAt,
          },
    ),
  };
}

/**
 * Reads the latest scans of a page of entities in one go.
 *
 * @internal
 */
export function createSbomFactsReader(store: SbomStore): SbomFactsReader {
  return async entityRefs => {
    const latest = await store.getLatest(entityRefs);
    const facts = new Map<string, EntitySbomFacts>();
    for (const [ref, sbom] of latest) facts.set(ref, toEntitySbomFacts(sbom));
    return facts;
  };
}

/** How many whole days old a scan is at `now`. */
export function scanAgeInDays(sbom: EntitySbomFacts, now: Date): number {
  return Math.floor((now.getTime() - sbom.scannedAt.getTime()) / DAY_MS);
}
