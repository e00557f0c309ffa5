import {
  AuthService,
  BackstageCredentials,
} from '@backstage/backend-plugin-api';
import { NotFoundError } from '@backstage/errors';
import {
  SbomOffenders,
  SbomVulnerabilities,
  ospoMetricsReadPermission,
  VULNERABILITY_SEVERITIES,
} from '@ospo-kit/plugin-ospo-common';
import { OspoAccess } from '../access/OspoAccess';
import { TeamDirectory } from '../access/TeamDirectory';
import { MetricsStore } from '../metrics/MetricsStore';
import { teamsBelow } from '../metrics/teamsBelow';
import { DatabaseSbomReports, SbomReportScope } from './DatabaseSbomReports';
import { SbomFindingRecord, SbomStore } from './SbomStore';

/**
 * An open finding of an entity the caller may see, with the entity's
 * owners: a row of a CSV export.
 *
 * @internal
 */
export type OwnedFinding<K extends SbomFindingRecord['kind']> = Extract<
  SbomFindingRecord,
  { kind: K }
> & { ownerRefs: string[] };

/** The entities a report covers, as the caller may see them. */
interface ResolvedScope {
  scope: SbomReportScope;
  /** The entities in scope with an SBOM, each with when it was scanned. */
  scanned: Array<[string, Date]>;
  owners?: Map<string, string[]>;
}

/**
 * The org-wide reports of the SBOM findings: the packages and licenses
 * behind license violations, the open vulnerabilities, and both as rows for
 * CSV. Read with `ospo.metrics.read`, like the metrics they detail; entities
 * the caller cannot see in the catalog are left out before anything is
 * counted, as for the metrics' findings.
 *
 * @internal
 */
export class SbomReportService {
  private constructor(
    private readonly store: SbomStore,
    private readonly reports: DatabaseSbomReports,
    private readonly metricsStore: MetricsStore,
    private readonly teams: TeamDirectory,
    private readonly access: OspoAccess,
    private readonly auth: AuthService,
  ) {}

  static create(options: {
    store: SbomStore;
    reports: DatabaseSbomReports;
    /** For the Group hierarchy of the last metrics run (`teamRef`). */
    metricsStore: MetricsStore;
    teams: TeamDirectory;
    access: OspoAccess;
    auth: AuthService;
  }): SbomReportService {
    return new SbomReportService(
      options.store,
      options.reports,
      options.metricsStore,
      options.teams,
      options.access,
      options.auth,
    );
  }

  /** Every report needs `ospo.metrics.read` (403 otherwise). */
  authorizeRead(credentials: BackstageCredentials): Promise<void> {
    return this.access.authorize(
      ospoMetricsReadPermission,
      credentials,
      'You may not read OSPO metrics',
    );
  }

  async getOffenders(
    query: { limit: number; teamRef?: string },
    credentials: BackstageCredentials,
  ): Promise<SbomOffenders> {
    const resolved = await this.resolveScope(query.teamRef, credentials);
    const figures = await this.reports.offenders(resolved.scope, query.limit);
    return {
      ...this.scannedFigures(query.teamRef, resolved),
      ...figures,
    };
  }

  async getVulnerabilities(
    query: { limit: number; teamRef?: string },
    credentials: BackstageCredentials,
  ): Promise<SbomVulnerabilities> {
    const resolved = await this.resolveScope(query.teamRef, credentials);
    const figures = await this.reports.vulnerabilities(
      resolved.scope,
      query.limit,
    );
    return {
      ...this.scannedFigures(query.teamRef, resolved),
      ...figures,
    };
  }

  /** Every open license violation in scope, by entity, package, version. */
  async listViolations(
    teamRef: string | undefined,
    credentials: BackstageCredentials,
  ): Promise<OwnedFinding<'license'>[]> {
    const rows = await this.ownedFindings('license', teamRef, credentials);
    return rows.sort(
      (a, b) =>
        compare(a.entityRef, b.entityRef) ||
        compare(a.package.name, b.package.name) ||
        compare(a.package.version ?? '', b.package.version ?? '') ||
        compare(a.license, b.license),
    );
  }

  /** Every open vulnerability finding in scope, by entity, severity, id. */
  async listVulnerabilityFindings(
    teamRef: string | undefined,
    credentials: BackstageCredentials,
  ): Promise<OwnedFinding<'vulnerability'>[]> {
    const rows = await this.ownedFindings(
      'vulnerability',
      teamRef,
      credentials,
    );
    return rows.sort(
      (a, b) =>
        compare(a.entityRef, b.entityRef) ||
        VULNERABILITY_SEVERITIES.indexOf(a.severity) -
          VULNERABILITY_SEVERITIES.indexOf(b.severity) ||
        compare(a.vulnerabilityId, b.vulnerabilityId) ||
        compare(a.package.name, b.package.name) ||
        compare(a.package.version ?? '', b.package.version ?? ''),
    );
  }

  private async ownedFindings<K extends SbomFindingRecord['kind']>(
    kind: K,
    teamRef: string | undefined,
    credentials: BackstageCredentials,
  ): Promise<OwnedFinding<K>[]> {
    const { owners } = await this.resolveScope(teamRef, credentials, {
      withOwners: true,
    });
    const findings = await this.store.listFindings({ kind, openOnly: true });
    const rows: OwnedFinding<K>[] = [];
    for (const finding of findings) {
      const ownerRefs = owners!.get(finding.entityRef);
      if (finding.kind === kind && ownerRefs) {
        rows.push({ ...(finding as OwnedFinding<K>), ownerRefs });
      }
    }
    return rows;
  }

  private scannedFigures(
    teamRef: string | undefined,
    resolved: ResolvedScope,
  ): {
    teamRef?: string;
    scannedEntityCount: number;
    lastScannedAt?: string;
  } {
    let last: Date | undefined;
    for (const [, scannedAt] of resolved.scanned) {
      if (!last || scannedAt > last) last = scannedAt;
    }
    return {
      ...(teamRef && { teamRef }),
      scannedEntityCount: resolved.scanned.length,
      ...(last && { lastScannedAt: last.toISOString() }),
    };
  }

  /**
   * The entities with an SBOM that the caller can see, within `teamRef`
   * when given (a Group the caller cannot see is a 404). Owners are read
   * from the catalog only when they are needed: to scope by Group, or for
   * the CSV exports.
   */
  private async resolveScope(
    teamRef: string | undefined,
    credentials: BackstageCredentials,
    options: { withOwners?: boolean } = {},
  ): Promise<ResolvedScope> {
    // A user sees the catalog as the catalog shows it to them. A service (a
    // CI job, another plugin) sees it with the plugin's own credentials: an
    // external access token restricted to this plugin would be refused by
    // the catalog, as for uploads.
    const catalogCredentials = this.auth.isPrincipal(credentials, 'user')
      ? credentials
      : await this.auth.getOwnServiceCredentials();
    if (
      teamRef &&
      !(await this.teams.teamExists(teamRef, catalogCredentials))
    ) {
      throw new NotFoundError(`No team ${teamRef} in the catalog`);
    }
    const scanTimes = await this.store.listScanTimes();
    const candidates = [...scanTimes.keys()];

    let visible: string[];
    let owners: Map<string, string[]> | undefined;
    if (teamRef || options.withOwners) {
      owners = await this.teams.visibleOwners(candidates, catalogCredentials);
      if (teamRef) {
        const teams = new Set(await teamsBelow(this.metricsStore, teamRef));
        for (const [ref, refs] of owners) {
          if (!refs.some(owner => teams.has(owner))) owners.delete(ref);
        }
      }
      visible = [...owners.keys()];
    } else {
      visible = await this.teams.visibleEntityRefs(
        candidates,
        catalogCredentials,
      );
    }

    return {
      // Every entity with an SBOM is in scope: no list to filter by.
      scope:
        visible.length === candidates.length ? {} : { entityRefs: visible },
      scanned: visible.map(ref => [ref, scanTimes.get(ref)!]),
      owners,
    };
  }
}

function compare(a: string, b: string): number {
  if (a < b) return -1;
  return a > b ? 1 : 0;
}
