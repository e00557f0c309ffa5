import {
  AuthService,
  BackstageCredentials,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { NotAllowedError, NotFoundError } from '@backstage/errors';
import {
  ospoMetricsRefreshPermission,
  ospoSbomUploadPermission,
} from '@ospo-kit/plugin-ospo-common';
import { OspoAccess } from '../access/OspoAccess';
import { TeamDirectory } from '../access/TeamDirectory';
import { components } from '../schema/openapi/generated/apis';
import { SbomConfig } from './readSbomConfig';
import { SbomParser } from './SbomParser';
import { SbomFinding, SbomScanSummary, SbomStore } from './SbomStore';

type Schemas = components['schemas'];

/** Scans listed with the latest one. */
const HISTORY_LENGTH = 20;
/** Open findings listed when the caller does not say. */
const DEFAULT_FINDINGS_LIMIT = 100;

/** An entity as the routes name it. */
export interface EntityName {
  kind: string;
  namespace: string;
  name: string;
}

/**
 * What the {@link SbomService} needs.
 *
 * @internal
 */
export interface SbomServiceOptions {
  store: SbomStore;
  teams: TeamDirectory;
  access: OspoAccess;
  auth: AuthService;
  /** Reads bodies; `SbomWorkerParser` off the event loop. */
  parser: SbomParser;
  config: SbomConfig;
  logger: LoggerService;
  /**
   * Called once a scan is stored, e.g. to evaluate the entity's checks
   * again. A failure is logged; the upload has succeeded all the same.
   */
  onScanStored?: (entityRef: string) => Promise<void>;
}

/**
 * Takes entities' SBOMs: who may upload one, reading and checking it, and
 * storing it as the entity's latest scan; and serves the latest scan.
 *
 * @internal
 */
export class SbomService {
  private constructor(private readonly options: SbomServiceOptions) {}

  static create(options: SbomServiceOptions): SbomService {
    return new SbomService(options);
  }

  /**
   * Stores an SBOM of the entity. The caller is checked before the body is
   * read (`readBody`, up to the configured size): the entity must be in the
   * catalog for them (404), and a user needs `ospo.sbom.upload` for one of
   * its owning teams (403); services may always upload.
   */
  async upload(
    ref: EntityName,
    credentials: BackstageCredentials,
    readBody: (maxBytes: number) => Promise<Buffer>,
  ): Promise<Schemas['SbomUploadResult']> {
    const { store, config, parser } = this.options;
    const entity = await this.requireEntity(ref, credentials);
    const entityRef = stringifyEntityRef(entity);
    await this.authorizeUpload(entity, entityRef, credentials);

    const body = await readBody(config.maxSizeBytes);
    const { findings, ...figures } = await parser.parse(body, {
      maxComponents: config.maxComponents,
    });
    const summary = await store.putScan(
      { entityRef, uploadedBy: uploaderOf(credentials), ...figures },
      findings,
    );
    await this.notifyStored(entityRef);
    return { summary: summaryView(summary), openFindings: findings.length };
  }

  /**
   * The entity's latest scan with its open findings (worst first, up to
   * `limit`) and recent scans; 404 when the caller cannot see the entity or
   * it was never scanned.
   */
  async getLatest(
    ref: EntityName,
    credentials: BackstageCredentials,
    options: { limit?: number } = {},
  ): Promise<Schemas['EntitySbom']> {
    const { store } = this.options;
    const entityRef = stringifyEntityRef(
      await this.requireEntity(ref, credentials),
    );
    const [latest, history] = await Promise.all([
      store.getLatest([entityRef]).then(found => found.get(entityRef)),
      store.listHistory(entityRef, { limit: HISTORY_LENGTH }),
    ]);
    if (!latest) {
      throw new NotFoundError(`No SBOM has been uploaded for ${entityRef}`);
    }
    const limit = options.limit ?? DEFAULT_FINDINGS_LIMIT;
    return {
      summary: summaryView(latest.summary),
      // Stored worst first.
      findings: latest.findings.slice(0, limit).map(findingView),
      findingsTotal: latest.findings.length,
      history: history.map(summaryView),
    };
  }

  private async requireEntity(
    ref: EntityName,
    credentials: BackstageCredentials,
  ): Promise<Entity> {
    const { auth, teams } = this.options;
    const entityRef = stringifyEntityRef(ref);
    // A user's with their credentials: what the catalog hides from them is
    // missing. A service's (a CI job) with the plugin's own: its external
    // access token may be restricted to this plugin, and the catalog would
    // refuse it.
    const entity = await teams.getOwnedEntity(
      entityRef,
      auth.isPrincipal(credentials, 'user')
        ? credentials
        : await auth.getOwnServiceCredentials(),
    );
    if (!entity) {
      throw new NotFoundError(`No entity ${entityRef} in the catalog`);
    }
    return entity;
  }

  private async authorizeUpload(
    entity: Entity,
    entityRef: string,
    credentials: BackstageCredentials,
  ) {
    const { auth, access, teams } = this.options;
    // A CI job's token (external access) is a service's.
    if (auth.isPrincipal(credentials, 'service')) return;
    const { teamRefs } = await teams.resolveOwners(entity, credentials);
    const allowed = teamRefs.length
      ? await access.isAllowedForAnyTeam(
          ospoSbomUploadPermission,
          teamRefs,
          credentials,
        )
      : // No team to be a member of: those who may start a metrics run
        // (OSPO staff) may, as for having its checks evaluated again.
        auth.isPrincipal(credentials, 'user') &&
        (await access.isAllowed(ospoMetricsRefreshPermission, credentials));
    if (!allowed) {
      throw new NotAllowedError(
        teamRefs.length
          ? `Only members of ${teamRefs.join(
              ', ',
            )}, OSPO staff and backend services may upload the SBOM of ${entityRef}`
          : `${entityRef} has no owning team whose members may upload its SBOM; OSPO staff and backend services may`,
      );
    }
  }

  private async notifyStored(entityRef: string) {
    const { onScanStored, logger } = this.options;
    if (!onScanStored) return;
    try {
      await onScanStored(entityRef);
    } catch (error) {
      logger.warn(
        `The SBOM of ${entityRef} was stored, but what follows a stored scan failed`,
        error as Error,
      );
    }
  }
}

function uploaderOf(credentials: BackstageCredentials): string {
  const principal = credentials.principal as {
    type: string;
    userEntityRef?: string;
    subject?: string;
  };
  return principal.userEntityRef ?? principal.subject ?? principal.type;
}

function summaryView(summary: SbomScanSummary): Schemas['SbomScanSummary'] {
  return { ...summary, scannedAt: summary.scannedAt.toISOString() };
}

function findingView(
  finding: SbomFinding & { firstSeenAt: Date },
): Schemas['SbomFinding'] {
  return { ...finding, firstSeenAt: finding.firstSeenAt.toISOString() };
}
