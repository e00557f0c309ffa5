import { VULNERABILITY_SEVERITIES } from '@ospo-kit/plugin-ospo-common';
import { Knex } from 'knex';
import { toIsoString } from '../database/timestamps';
import { whereInList } from '../database/whereInList';
import { VulnerabilitySeverity } from './SbomStore';

const FINDINGS = 'ospo_sbom_findings';

/** Entity refs and packages listed per vulnerability (`maxItems` in the spec). */
const FIRST_FEW = 5;

/** A severity as a number that sorts and compares in SQL: critical is 4. */
const SEVERITY_RANK = `CASE severity ${VULNERABILITY_SEVERITIES.slice(0, -1)
  .map((s, i) => `WHEN '${s}' THEN ${VULNERABILITY_SEVERITIES.length - 1 - i}`)
  .join(' ')} ELSE 0 END`;
const MAX_SEVERITY_RANK = `MAX(${SEVERITY_RANK}) AS severity_rank`;

function severityOfRank(rank: number | string): VulnerabilitySeverity {
  return (
    VULNERABILITY_SEVERITIES[
      VULNERABILITY_SEVERITIES.length - 1 - Number(rank)
    ] ?? 'unknown'
  );
}

type Timestamp = Date | string | number;
/** What a count comes back as: a number, or on PostgreSQL a string. */
type Count = number | string;

type PackageGroupRow = {
  package_name: string;
  license: string | null;
  culprits: string | null;
  entities: Count;
  violations: Count;
};
type LicenseGroupRow = {
  license: string | null;
  entities: Count;
  violations: Count;
  packages: Count;
};
type SeverityGroupRow = {
  severity_rank: Count;
  vulnerabilities: Count;
  entities: Count;
};
type VulnerabilityGroupRow = {
  vulnerability_id: string;
  severity_rank: Count;
  entities: Count;
  first_seen_at: Timestamp;
  url: string | null;
};
type FindingRow = {
  vulnerability_id: string;
  entity_ref: string;
  package_name: string;
  fixed_version: string | null;
  first_seen_at: Timestamp;
};

/** The rows of a query, as the columns it selects. */
function rowsOf<T>(query: Knex.QueryBuilder): Promise<T[]> {
  return query.then(rows => rows as T[]);
}

/**
 * The entities a report counts: all of them, or only these refs.
 *
 * @internal
 */
export type SbomReportScope = { entityRefs?: string[] };

/** @internal */
export interface PackageOffenderRow {
  name: string;
  license: string;
  culprits: string[];
  entityCount: number;
  violationCount: number;
}

/** @internal */
export interface LicenseOffenderRow {
  license: string;
  entityCount: number;
  violationCount: number;
  packageCount: number;
}

/** @internal */
export interface OffenderFigures {
  violationCount: number;
  affectedEntityCount: number;
  packageCount: number;
  licenseCount: number;
  packages: PackageOffenderRow[];
  licenses: LicenseOffenderRow[];
}

/** @internal */
export interface VulnerabilityRow {
  vulnerabilityId: string;
  severity: VulnerabilitySeverity;
  entityCount: number;
  entityRefs: string[];
  packages: Array<{ name: string; fixedVersion?: string }>;
  url?: string;
  firstSeenAt: string;
}

/** @internal */
export interface VulnerabilityFigures {
  totalCount: number;
  affectedEntityCount: number;
  bySeverity: Record<
    VulnerabilitySeverity,
    { vulnerabilityCount: number; entityCount: number }
  >;
  oldestCritical?: {
    vulnerabilityId: string;
    entityRef: string;
    packageName: string;
    firstSeenAt: string;
  };
  items: VulnerabilityRow[];
}

/**
 * The org-wide figures of the SBOM findings, grouped and counted in SQL over
 * the open findings (SQLite and PostgreSQL), so that a report reads a few
 * rows per group rather than every finding. Reads the tables that
 * `DatabaseSbomStore` writes; it never writes.
 *
 * @internal
 */
export class DatabaseSbomReports {
  private constructor(private readonly db: Knex) {}

  /** Reads an already migrated database. */
  static create(options: { database: Knex }): DatabaseSbomReports {
    return new DatabaseSbomReports(options.database);
  }

  /**
   * The packages (by name and license expression) and the licenses behind
   * the most open license violations, the first `limit` of each, by
   * entities affected, then violations, largest first.
   */
  async offenders(
    scope: SbomReportScope,
    limit: number,
  ): Promise<OffenderFigures> {
    const open = () => this.open('license', scope);
    const [totals, packageCount, licenseCount, packages, licenses] =
      await Promise.all([
        open()
          .count({ violations: '*' })
          .countDistinct({ entities: 'entity_ref' })
          .first() as Promise<
          { violations: Count; entities: Count } | undefined
        >,
        this.countGroups(open().select('package_name', 'license'), [
          'package_name',
          'license',
        ]),
        this.countGroups(open().select('license'), ['license']),
        rowsOf<PackageGroupRow>(
          open()
            .select('package_name', 'license')
            .countDistinct({ entities: 'entity_ref' })
            .count({ violations: '*' })
            .max({ culprits: 'culprits' })
            .groupBy('package_name', 'license')
            .orderBy([
              { column: 'entities', order: 'desc' },
              { column: 'violations', order: 'desc' },
              { column: 'package_name', order: 'asc' },
              { column: 'license', order: 'asc' },
            ])
            .limit(limit),
        ),
        rowsOf<LicenseGroupRow>(
          open()
            .select('license')
            .countDistinct({ entities: 'entity_ref' })
            .count({ violations: '*' })
            .countDistinct({ packages: 'package_name' })
            .groupBy('license')
            .orderBy([
              { column: 'entities', order: 'desc' },
              { column: 'violations', order: 'desc' },
              { column: 'license', order: 'asc' },
            ])
            .limit(limit),
        ),
      ]);
    return {
      violationCount: Number(totals?.violations ?? 0),
      affectedEntityCount: Number(totals?.entities ?? 0),
      packageCount,
      licenseCount,
      packages: packages.map(row => ({
        name: row.package_name,
        license: row.license ?? '',
        culprits: parseCulprits(row.culprits),
        entityCount: Number(row.entities),
        violationCount: Number(row.violations),
      })),
      licenses: licenses.map(row => ({
        license: row.license ?? '',
        entityCount: Number(row.entities),
        violationCount: Number(row.violations),
        packageCount: Number(row.packages),
      })),
    };
  }

  /**
   * The open vulnerabilities by id, the first `limit` by highest severity,
   * then entities affected (largest first), then age (oldest first); with
   * the counts by severity and the critical one open longest.
   */
  async vulnerabilities(
    scope: SbomReportScope,
    limit: number,
  ): Promise<VulnerabilityFigures> {
    const open = () => this.open('vulnerability', scope);
    // Each finding with the highest severity of its id, by a window rather
    // than a join of the findings with their ids' severities: PostgreSQL
    // planned that join as a nested loop when its statistics were stale (on
    // freshly stored findings: minutes instead of a quarter second).
    const ranked = () =>
      open().select(
        'vulnerability_id',
        'entity_ref',
        this.db.raw(
          `MAX(${SEVERITY_RANK}) OVER (PARTITION BY vulnerability_id) AS severity_rank`,
        ),
      );

    const [affected, severityRows, oldestCritical, top] = await Promise.all([
      open().countDistinct({ entities: 'entity_ref' }).first(),
      rowsOf<SeverityGroupRow>(
        this.db
          .from(ranked().as('ranked'))
          .select('severity_rank')
          .countDistinct({ vulnerabilities: 'vulnerability_id' })
          .countDistinct({ entities: 'entity_ref' })
          .groupBy('severity_rank'),
      ),
      open()
        .where('severity', 'critical')
        .select(
          'vulnerability_id',
          'entity_ref',
          'package_name',
          'first_seen_at',
        )
        .orderBy([
          { column: 'first_seen_at', order: 'asc' },
          { column: 'entity_ref', order: 'asc' },
          { column: 'vulnerability_id', order: 'asc' },
        ])
        .first() as Promise<FindingRow | undefined>,
      rowsOf<VulnerabilityGroupRow>(
        open()
          .select('vulnerability_id')
          .select(this.db.raw(MAX_SEVERITY_RANK))
          .countDistinct({ entities: 'entity_ref' })
          .min({ first_seen_at: 'first_seen_at' })
          .max({ url: 'url' })
          .groupBy('vulnerability_id')
          .orderBy([
            { column: 'severity_rank', order: 'desc' },
            { column: 'entities', order: 'desc' },
            { column: 'first_seen_at', order: 'asc' },
            { column: 'vulnerability_id', order: 'asc' },
          ])
          .limit(limit),
      ),
    ]);

    const ids = top.map(row => row.vulnerability_id);
    const [entityRows, packageRows] = ids.length
      ? await Promise.all([
          this.firstFew(
            open()
              .whereIn('vulnerability_id', ids)
              .distinct('vulnerability_id', 'entity_ref'),
            'entity_ref',
          ),
          this.firstFew(
            open()
              .whereIn('vulnerability_id', ids)
              .select('vulnerability_id', 'package_name')
              .max({ fixed_version: 'fixed_version' })
              .groupBy('vulnerability_id', 'package_name'),
            'package_name',
          ),
        ])
      : [[], []];

    const bySeverity = Object.fromEntries(
      VULNERABILITY_SEVERITIES.map(s => [
        s,
        { vulnerabilityCount: 0, entityCount: 0 },
      ]),
    ) as VulnerabilityFigures['bySeverity'];
    let totalCount = 0;
    for (const row of severityRows) {
      const severity = severityOfRank(row.severity_rank);
      bySeverity[severity] = {
        vulnerabilityCount: Number(row.vulnerabilities),
        entityCount: Number(row.entities),
      };
      totalCount += Number(row.vulnerabilities);
    }

    const items = top.map(row => {
      const item: VulnerabilityRow = {
        vulnerabilityId: row.vulnerability_id,
        severity: severityOfRank(row.severity_rank),
        entityCount: Number(row.entities),
        entityRefs: entityRows
          .filter(r => r.vulnerability_id === row.vulnerability_id)
          .map(r => r.entity_ref),
        packages: packageRows
          .filter(r => r.vulnerability_id === row.vulnerability_id)
          .map(r =>
            r.fixed_version
              ? { name: r.package_name, fixedVersion: r.fixed_version }
              : { name: r.package_name },
          ),
        firstSeenAt: toIsoString(row.first_seen_at),
      };
      if (row.url) item.url = row.url;
      return item;
    });

    const figures: VulnerabilityFigures = {
      totalCount,
      affectedEntityCount: Number(affected?.entities ?? 0),
      bySeverity,
      items,
    };
    if (oldestCritical) {
      figures.oldestCritical = {
        vulnerabilityId: oldestCritical.vulnerability_id,
        entityRef: oldestCritical.entity_ref,
        packageName: oldestCritical.package_name,
        firstSeenAt: toIsoString(oldestCritical.first_seen_at),
      };
    }
    return figures;
  }

  /** The open findings of a kind, of the scope's entities. */
  private open(kind: 'license' | 'vulnerability', scope: SbomReportScope) {
    const query = this.db(FINDINGS)
      .where(`${FINDINGS}.kind`, kind)
      .whereNull(`${FINDINGS}.resolved_at`);
    return this.inScope(query, scope);
  }

  /** Keeps the rows of the scope's entities (see {@link whereInList}). */
  private inScope(query: Knex.QueryBuilder, scope: SbomReportScope) {
    const refs = scope.entityRefs;
    if (!refs) return query;
    return whereInList(this.db, query, `${FINDINGS}.entity_ref`, refs);
  }

  /** How many groups a query has when grouped by the given columns. */
  private async countGroups(
    query: Knex.QueryBuilder,
    columns: string[],
  ): Promise<number> {
    const row = await this.db
      .from(query.groupBy(columns).as('groups'))
      .count({ count: '*' })
      .first();
    return Number(row?.count ?? 0);
  }

  /**
   * The first few rows of each vulnerability id by `orderColumn`, with a
   * window function (SQLite 3.25 and later, PostgreSQL).
   */
  private async firstFew(
    query: Knex.QueryBuilder,
    orderColumn: string,
  ): Promise<FindingRow[]> {
    const numbered = this.db
      .from(query.as('rows'))
      .select(
        '*',
        this.db.raw(
          'ROW_NUMBER() OVER (PARTITION BY vulnerability_id ORDER BY ??) AS rn',
          [orderColumn],
        ),
      );
    return rowsOf<FindingRow>(
      this.db
        .from(numbered.as('numbered'))
        .where('rn', '<=', FIRST_FEW)
        .orderBy(['vulnerability_id', orderColumn]),
    );
  }
}

/** A PostgreSQL array literal of texts: `{"a","b"}`, quoted and escaped. */
function parseCulprits(value: unknown): string[] {
  if (typeof value !== 'string') return [];
  try {
    const parsed = JSON.parse(value);
    return Array.isArray(parsed)
      ? parsed.filter(c => typeof c === 'string')
      : [];
  } catch {
    return [];
  }
}
