import { VULNERABILITY_SEVERITIES } from '@ospo-kit/plugin-ospo-common';
import { Knex } from 'knex';
import { databaseNow, toIsoString } from '../database/timestamps';
import {
  DependencyLicenseClass,
  EntitySbom,
  SbomFinding,
  SbomFindingRecord,
  SbomScanSummary,
  SbomStore,
  VulnerabilitySeverity,
} from './SbomStore';

const SCANS = 'ospo_sbom_scans';
const LATEST = 'ospo_sbom_latest';
const FINDINGS = 'ospo_sbom_findings';

/** Refs per `IN (...)`: well under SQLite's bound-variable limit. */
const REF_CHUNK = 500;
/** Findings per insert: 15 columns each, well under the same limit. */
const INSERT_BATCH = 50;

const LICENSE_CLASSES: DependencyLicenseClass[] = [
  'allowed',
  'review',
  'denied',
  'unclassified',
  'unknown',
];

type Timestamp = Date | string | number;

type ScanRow = {
  id: number | string;
  entity_ref: string;
  scanned_at: Timestamp;
  uploaded_by: string;
  spec_version: string;
  tool: string | null;
  serial_number: string | null;
  component_count: number | string;
  license_allowed: number | string;
  license_review: number | string;
  license_denied: number | string;
  license_unclassified: number | string;
  license_unknown: number | string;
  vulnerability_critical: number | string;
  vulnerability_high: number | string;
  vulnerability_medium: number | string;
  vulnerability_low: number | string;
  vulnerability_unknown: number | string;
};

type LatestRow = {
  entity_ref: string;
  scan_id: number | string | null;
  scanned_at: Timestamp;
};

type FindingRow = {
  id: number | string;
  entity_ref: string;
  kind: SbomFinding['kind'];
  finding_key: string;
  package_name: string;
  package_version: string | null;
  package_purl: string | null;
  license: string | null;
  culprits: string | null;
  vulnerability_id: string | null;
  severity: VulnerabilitySeverity | null;
  fixed_version: string | null;
  url: string | null;
  first_seen_at: Timestamp;
  resolved_at: Timestamp | null;
};

/** What a finding's row holds of the finding itself: compared for changes. */
type FindingValues = Omit<
  FindingRow,
  'id' | 'entity_ref' | 'first_seen_at' | 'resolved_at'
>;

/**
 * Keeps SBOM scans and their findings in the plugin's database (SQLite or
 * PostgreSQL).
 *
 * @internal
 */
export class DatabaseSbomStore implements SbomStore {
  private constructor(private readonly db: Knex) {}

  /** Wraps an already migrated database. */
  static create(options: { database: Knex }): DatabaseSbomStore {
    return new DatabaseSbomStore(options.database);
  }

  async putScan(
    scan: Omit<SbomScanSummary, 'scannedAt'>,
    findings: SbomFinding[],
  ): Promise<SbomScanSummary> {
    const { entityRef } = scan;
    // One finding per key: the last one given wins.
    const incoming = new Map(findings.map(f => [f.key, toValues(f)]));

    return this.db.transaction(async tx => {
      // The entity's row first: on PostgreSQL, a second scan of the same
      // entity waits here until this one commits, then reads the findings
      // this one left (SQLite runs one transaction at a time anyway). The
      // time is read once the row is ours, so scans of an entity are dated
      // in the order they are stored.
      const now = databaseNow(tx);
      const [locked] = await tx<LatestRow>(LATEST)
        .insert({ entity_ref: entityRef, scan_id: null, scanned_at: now })
        .onConflict('entity_ref')
        .merge({ scanned_at: now })
        .returning('scanned_at');
      const scannedAt = new Date(toIsoString(locked.scanned_at));

      const [inserted] = await tx<ScanRow>(SCANS)
        .insert(toScanRow(scan, scannedAt))
        .returning('id');
      await tx<LatestRow>(LATEST)
        .where({ entity_ref: entityRef })
        .update({ scan_id: inserted.id, scanned_at: scannedAt });

      const open = await tx<FindingRow>(FINDINGS)
        .where({ entity_ref: entityRef })
        .whereNull('resolved_at');
      const openByKey = new Map(open.map(row => [row.finding_key, row]));

      const resolved = open
        .filter(row => !incoming.has(row.finding_key))
        .map(row => row.id);
      for (let i = 0; i < resolved.length; i += REF_CHUNK) {
        await tx<FindingRow>(FINDINGS)
          .whereIn('id', resolved.slice(i, i + REF_CHUNK))
          .update({ resolved_at: scannedAt });
      }

      const added: Array<Omit<FindingRow, 'id'>> = [];
      for (const [key, values] of incoming) {
        const current = openByKey.get(key);
        if (!current) {
          added.push({
            ...values,
            entity_ref: entityRef,
            first_seen_at: scannedAt,
            resolved_at: null,
          });
        } else if (changed(current, values)) {
          // The same problem, told differently: a fix became available, a
          // rating changed.
          await tx<FindingRow>(FINDINGS)
            .where({ id: current.id })
            .update(values);
        }
      }
      for (let i = 0; i < added.length; i += INSERT_BATCH) {
        await tx<FindingRow>(FINDINGS).insert(added.slice(i, i + INSERT_BATCH));
      }
      return { ...scan, scannedAt };
    });
  }

  async getLatest(entityRefs: string[]): Promise<Map<string, EntitySbom>> {
    const result = new Map<string, EntitySbom>();
    const refs = [...new Set(entityRefs)];
    for (let i = 0; i < refs.length; i += REF_CHUNK) {
      const chunk = refs.slice(i, i + REF_CHUNK);
      const [scans, findings] = await Promise.all([
        this.db<ScanRow>(`${LATEST} as l`)
          .join(`${SCANS} as s`, 's.id', 'l.scan_id')
          .whereIn('l.entity_ref', chunk)
          .select('s.*'),
        this.db<FindingRow>(FINDINGS)
          .whereIn('entity_ref', chunk)
          .whereNull('resolved_at'),
      ]);
      for (const row of scans as ScanRow[]) {
        result.set(row.entity_ref, { summary: toSummary(row), findings: [] });
      }
      for (const row of findings) {
        const { entityRef, resolvedAt, ...finding } = toRecord(row);
        result.get(entityRef)?.findings.push(finding);
      }
    }
    for (const sbom of result.values()) sbom.findings.sort(worstFirst);
    return result;
  }

  async listScanTimes(): Promise<Map<string, Date>> {
    const rows = await this.db<LatestRow>(LATEST)
      .whereNotNull('scan_id')
      .select('entity_ref', 'scanned_at');
    return new Map(
      rows.map(row => [row.entity_ref, new Date(toIsoString(row.scanned_at))]),
    );
  }

  async listHistory(
    entityRef: string,
    options?: { limit?: number },
  ): Promise<SbomScanSummary[]> {
    const query = this.db<ScanRow>(SCANS)
      .where({ entity_ref: entityRef })
      // Ids grow in the order scans are stored.
      .orderBy('id', 'desc');
    if (options?.limit !== undefined) query.limit(options.limit);
    return (await query).map(toSummary);
  }

  async listFindings(options: {
    kind?: SbomFinding['kind'];
    resolvedSince?: Date;
    openOnly?: boolean;
  }): Promise<SbomFindingRecord[]> {
    const query = this.db<FindingRow>(FINDINGS);
    if (options.kind) query.where({ kind: options.kind });
    if (options.openOnly) {
      query.whereNull('resolved_at');
    } else if (options.resolvedSince) {
      const since = options.resolvedSince;
      query.where(q =>
        q.whereNull('resolved_at').orWhere('resolved_at', '>=', since),
      );
    }
    const rows = await query.orderBy('id');
    return rows.map(toRecord);
  }

  async deleteEntities(entityRefs: string[]): Promise<void> {
    const refs = [...new Set(entityRefs)];
    if (refs.length === 0) return;
    await this.db.transaction(async tx => {
      for (let i = 0; i < refs.length; i += REF_CHUNK) {
        const chunk = refs.slice(i, i + REF_CHUNK);
        await tx(LATEST).whereIn('entity_ref', chunk).delete();
        await tx(FINDINGS).whereIn('entity_ref', chunk).delete();
        await tx(SCANS).whereIn('entity_ref', chunk).delete();
      }
    });
  }
}

function toScanRow(
  scan: Omit<SbomScanSummary, 'scannedAt'>,
  scannedAt: Date,
): Omit<ScanRow, 'id'> {
  return {
    entity_ref: scan.entityRef,
    scanned_at: scannedAt,
    uploaded_by: scan.uploadedBy,
    spec_version: scan.specVersion,
    tool: scan.tool ?? null,
    serial_number: scan.serialNumber ?? null,
    component_count: scan.componentCount,
    license_allowed: scan.licenses.allowed,
    license_review: scan.licenses.review,
    license_denied: scan.licenses.denied,
    license_unclassified: scan.licenses.unclassified,
    license_unknown: scan.licenses.unknown,
    vulnerability_critical: scan.vulnerabilities.critical,
    vulnerability_high: scan.vulnerabilities.high,
    vulnerability_medium: scan.vulnerabilities.medium,
    vulnerability_low: scan.vulnerabilities.low,
    vulnerability_unknown: scan.vulnerabilities.unknown,
  };
}

function toSummary(row: ScanRow): SbomScanSummary {
  const licenses = Object.fromEntries(
    LICENSE_CLASSES.map(cls => [
      cls,
      Number(row[`license_${cls}` as keyof ScanRow]),
    ]),
  ) as Record<DependencyLicenseClass, number>;
  const vulnerabilities = Object.fromEntries(
    VULNERABILITY_SEVERITIES.map(severity => [
      severity,
      Number(row[`vulnerability_${severity}` as keyof ScanRow]),
    ]),
  ) as Record<VulnerabilitySeverity, number>;
  const summary: SbomScanSummary = {
    entityRef: row.entity_ref,
    scannedAt: new Date(toIsoString(row.scanned_at)),
    uploadedBy: row.uploaded_by,
    specVersion: row.spec_version,
    componentCount: Number(row.component_count),
    licenses,
    vulnerabilities,
  };
  if (row.tool !== null) summary.tool = row.tool;
  if (row.serial_number !== null) summary.serialNumber = row.serial_number;
  return summary;
}

function toValues(finding: SbomFinding): FindingValues {
  const common = {
    kind: finding.kind,
    finding_key: finding.key,
    package_name: finding.package.name,
    package_version: finding.package.version ?? null,
    package_purl: finding.package.purl ?? null,
  };
  if (finding.kind === 'license') {
    return {
      ...common,
      license: finding.license,
      culprits: JSON.stringify(finding.culprits),
      vulnerability_id: null,
      severity: null,
      fixed_version: null,
      url: null,
    };
  }
  return {
    ...common,
    license: null,
    culprits: null,
    vulnerability_id: finding.vulnerabilityId,
    severity: finding.severity,
    fixed_version: finding.fixedVersion ?? null,
    url: finding.url ?? null,
  };
}

function changed(row: FindingRow, values: FindingValues): boolean {
  return (Object.keys(values) as Array<keyof FindingValues>).some(
    column => (row[column] ?? null) !== values[column],
  );
}

function toRecord(row: FindingRow): SbomFindingRecord {
  const pkg: SbomFindingRecord['package'] = { name: row.package_name };
  if (row.package_version !== null) pkg.version = row.package_version;
  if (row.package_purl !== null) pkg.purl = row.package_purl;
  const life = {
    entityRef: row.entity_ref,
    firstSeenAt: new Date(toIsoString(row.first_seen_at)),
    ...(row.resolved_at !== null
      ? { resolvedAt: new Date(toIsoString(row.resolved_at)) }
      : {}),
  };
  if (row.kind === 'license') {
    return {
      kind: 'license',
      key: row.finding_key,
      package: pkg,
      license: row.license ?? '',
      culprits: row.culprits ? JSON.parse(row.culprits) : [],
      ...life,
    };
  }
  return {
    kind: 'vulnerability',
    key: row.finding_key,
    package: pkg,
    vulnerabilityId: row.vulnerability_id ?? '',
    severity: row.severity ?? 'unknown',
    ...(row.fixed_version !== null ? { fixedVersion: row.fixed_version } : {}),
    ...(row.url !== null ? { url: row.url } : {}),
    ...life,
  };
}

/** Denied licenses first, then vulnerabilities by severity; then by key. */
function worstFirst(a: SbomFinding, b: SbomFinding): number {
  if (rankOf(a) !== rankOf(b)) return rankOf(a) - rankOf(b);
  if (a.key === b.key) return 0;
  return a.key < b.key ? -1 : 1;
}

function rankOf(finding: SbomFinding): number {
  return finding.kind === 'license'
    ? -1
    : VULNERABILITY_SEVERITIES.indexOf(finding.severity);
}
