import {
  AuthService,
  BackstageCredentials,
} from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { NotAllowedError, NotFoundError } from '@backstage/errors';
import {
  EntityChecklistStatus,
  EntityChecks,
  ospoChecklistReadPermission,
  ospoEntityChecksRefreshPermission,
  ospoMetricsRefreshPermission,
} from '@ospo-kit/plugin-ospo-common';
import { MetricEntityContext } from '@ospo-kit/plugin-ospo-node';
import { OspoAccess } from '../access/OspoAccess';
import { TeamDirectory } from '../access/TeamDirectory';
import { ChecklistService } from '../checklists/ChecklistService';
import { toEntityRef } from '../metrics/TeamHierarchy';
import { SbomFactsReader } from '../sbom/SbomFacts';
import { EntityCheckEvaluator } from './EntityCheckEvaluator';
import { EntityChecksStore, StoredEntityChecks } from './EntityChecksStore';
import { TooManyRequestsError } from './TooManyRequestsError';

/** Entities whose last refresh is remembered for the rate limit, at most. */
const MAX_RATE_ENTRIES = 10_000;

/**
 * What the {@link EntityStatusService} needs.
 *
 * @internal
 */
export interface EntityStatusServiceOptions {
  evaluator: EntityCheckEvaluator;
  store: EntityChecksStore;
  checklists: ChecklistService;
  teams: TeamDirectory;
  access: OspoAccess;
  auth: AuthService;
  /** When the next scheduled metrics run, which evaluates every entity, is due. */
  nextRunAt: () => Promise<Date | undefined>;
  /** How soon one entity may be evaluated again on request. */
  refreshIntervalMs: number;
  /** The latest SBOM scans, which the dependency checks read. */
  sbom?: SbomFactsReader;
  now?: () => number;
}

/**
 * What an entity page shows of the OSPO: the checklist status of the teams
 * owning the entity, and its checks (the latest stored verdicts, with
 * whether they may be out of date); and a fresh evaluation of one entity on
 * request.
 *
 * @internal
 */
export class EntityStatusService {
  /** When each entity was last refreshed, oldest first. */
  private readonly lastRefresh = new Map<string, number>();

  private constructor(
    private readonly options: EntityStatusServiceOptions & {
      now: () => number;
    },
  ) {}

  static create(options: EntityStatusServiceOptions): EntityStatusService {
    return new EntityStatusService({
      ...options,
      now: options.now ?? Date.now,
    });
  }

  /**
   * The status of an entity the caller may see: its owners, their
   * checklists and its checks. 404 when the entity is missing or hidden, or
   * the caller may not read checklists.
   */
  async getEntityStatus(
    ref: { kind: string; namespace: string; name: string },
    credentials: BackstageCredentials,
  ): Promise<EntityChecklistStatus> {
    const { access, teams, checklists } = this.options;
    const entityRef = stringifyEntityRef(ref);
    const found = (await access.isAllowed(
      ospoChecklistReadPermission,
      credentials,
    ))
      ? await teams.getOwnedEntity(entityRef, credentials)
      : undefined;
    if (!found) {
      throw new NotFoundError(`No entity ${entityRef} in the catalog`);
    }
    const owners = await teams.resolveOwners(found, credentials);
    const [teamChecklists, checks] = await Promise.all([
      checklists.getTeamChecklists(owners.teamRefs),
      this.checksOf(found, owners.teamRefs, credentials),
    ]);
    return {
      entityRef: stringifyEntityRef(found),
      ownerRefs: owners.ownerRefs,
      teams: teamChecklists,
      unresolvedOwners: owners.unresolved,
      checks,
    };
  }

  /**
   * The checks of an entity read with its owner fields and `metadata.etag`:
   * an etag other than the evaluated one means the entity changed since.
   */
  private async checksOf(
    entity: Entity,
    teamRefs: string[],
    credentials: BackstageCredentials,
  ): Promise<EntityChecks> {
    const [stored, nextRunAt, canRefresh] = await Promise.all([
      this.options.store.get(stringifyEntityRef(entity)),
      this.options.nextRunAt(),
      this.mayRefresh(teamRefs, credentials),
    ]);
    const etag = entity.metadata.etag;
    return view(stored, {
      changed: !stored || (etag !== undefined && stored.entityEtag !== etag),
      nextRunAt,
      canRefresh,
    });
  }

  /**
   * Evaluates one entity as the catalog holds it now and stores the
   * verdicts. Refused with 403 unless the caller may refresh for one of its
   * owning teams, and with 429 within the refresh interval of the last.
   */
  async refresh(
    ref: { kind: string; namespace: string; name: string },
    credentials: BackstageCredentials,
  ): Promise<EntityChecks> {
    const { evaluator, teams } = this.options;
    const entityRef = stringifyEntityRef(ref);
    const entity = evaluator.appliesTo(ref.kind)
      ? await teams.getEntity(entityRef, credentials)
      : undefined;
    if (!entity) {
      throw new NotFoundError(
        evaluator.appliesTo(ref.kind)
          ? `No entity ${entityRef} in the catalog`
          : `No OSPO checks apply to entities of kind ${ref.kind}`,
      );
    }
    const owners = await teams.resolveOwners(entity, credentials);
    if (!(await this.mayRefresh(owners.teamRefs, credentials))) {
      throw new NotAllowedError(
        owners.teamRefs.length
          ? `Only members of ${owners.teamRefs.join(
              ', ',
            )} and OSPO staff may have ${entityRef} checked again`
          : `${entityRef} has no owning team whose members may have it checked again; OSPO staff may`,
      );
    }
    this.takeRefreshSlot(stringifyEntityRef(entity));
    const stored = await this.evaluateAndStore(entity);
    return view(stored, {
      changed: false,
      nextRunAt: await this.options.nextRunAt(),
      canRefresh: true,
    });
  }

  /**
   * Evaluates one entity again on the plugin's own behalf, e.g. when a new
   * SBOM scan of it was stored: no permission and no rate limit. Does
   * nothing for an entity no check applies to or gone from the catalog.
   */
  async reevaluate(entityRef: string): Promise<void> {
    const { evaluator, teams, auth } = this.options;
    const kind = entityRef.slice(0, entityRef.indexOf(':'));
    if (!evaluator.appliesTo(kind)) return;
    const entity = await teams.getEntity(
      entityRef,
      await auth.getOwnServiceCredentials(),
    );
    if (entity) await this.evaluateAndStore(entity);
  }

  private async evaluateAndStore(entity: Entity): Promise<StoredEntityChecks> {
    const { evaluator, teams, store } = this.options;
    // The owner context as the run computes it: `spec.owner`, when it names
    // a Group that exists.
    const namespace = entity.metadata.namespace ?? 'default';
    const ownerRef = toEntityRef(entity.spec?.owner, namespace);
    const context: MetricEntityContext = {
      entityRef: stringifyEntityRef(entity),
    };
    if (ownerRef) context.ownerRef = ownerRef;
    if (
      ownerRef?.startsWith('group:') &&
      (await teams.teamExists(
        ownerRef,
        await this.options.auth.getOwnServiceCredentials(),
      ))
    ) {
      context.teamRef = ownerRef;
    }
    const sbom = (await this.options.sbom?.([context.entityRef]))?.get(
      context.entityRef,
    );
    if (sbom) context.sbom = sbom;
    const stored: StoredEntityChecks = {
      entityRef: context.entityRef,
      teamRef: context.teamRef,
      entityEtag: entity.metadata.etag,
      evaluatedAt: new Date(this.options.now()),
      evaluatedBy: 'refresh',
      results: evaluator.evaluate(entity, context),
    };
    await store.put([stored]);
    return stored;
  }

  private async mayRefresh(
    teamRefs: string[],
    credentials: BackstageCredentials,
  ): Promise<boolean> {
    if (!this.options.auth.isPrincipal(credentials, 'user')) return false;
    if (teamRefs.length === 0) {
      // No team to be a member of: those who may start a metrics run (OSPO
      // staff) may evaluate it, as a run would.
      return this.options.access.isAllowed(
        ospoMetricsRefreshPermission,
        credentials,
      );
    }
    return this.options.access.isAllowedForAnyTeam(
      ospoEntityChecksRefreshPermission,
      teamRefs,
      credentials,
    );
  }

  private takeRefreshSlot(entityRef: string) {
    const now = this.options.now();
    const interval = this.options.refreshIntervalMs;
    const last = this.lastRefresh.get(entityRef);
    if (last !== undefined && now - last < interval) {
      const seconds = Math.max(1, Math.ceil((last + interval - now) / 1000));
      throw new TooManyRequestsError(
        `${entityRef} was checked moments ago; try again in ${seconds} s`,
        seconds,
      );
    }
    this.lastRefresh.delete(entityRef);
    this.lastRefresh.set(entityRef, now);
    if (this.lastRefresh.size > MAX_RATE_ENTRIES) {
      const oldest = this.lastRefresh.keys().next().value;
      if (oldest !== undefined) this.lastRefresh.delete(oldest);
    }
  }
}

function view(
  stored: StoredEntityChecks | undefined,
  state: { changed: boolean; nextRunAt?: Date; canRefresh: boolean },
): EntityChecks {
  const results = stored?.results ?? [];
  const summary = { pass: 0, warn: 0, fail: 0, unknown: 0 };
  for (const result of results) summary[result.verdict] += 1;
  const checks: EntityChecks = {
    // Stored worst first: EntityCheckEvaluator sorts every evaluation.
    results,
    summary,
    changedSinceEvaluation: state.changed,
    canRefresh: state.canRefresh,
  };
  if (stored) {
    checks.evaluatedAt = stored.evaluatedAt.toISOString();
    checks.evaluatedBy = stored.evaluatedBy;
  }
  if (state.nextRunAt) checks.nextRunAt = state.nextRunAt.toISOString();
  return checks;
}
