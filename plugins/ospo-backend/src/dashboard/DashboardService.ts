import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { NotFoundError } from '@backstage/errors';
import {
  ChecklistMatrixQuery,
  ConsultationSummary,
  ospoChecklistReadPermission,
  ospoConsultationReadPermission,
} from '@ospo-kit/plugin-ospo-common';
import { OspoAccess } from '../access/OspoAccess';
import { TeamDirectory } from '../access/TeamDirectory';
import { JsonBody } from '../caching/JsonBody';
import {
  ConsultationStore,
  QueuedConsultation,
} from '../consultations/ConsultationStore';
import { isFirstResponseOverdue } from '../consultations/firstResponseDue';
import {
  ChecklistAggregate,
  ChecklistMatrixFilter,
} from './ChecklistAggregate';
import { ChecklistMatrixService } from './ChecklistMatrixService';

/**
 * Entities asked of the catalog at first while looking for the oldest
 * request the caller can see, doubling each time none is: usually the first
 * few are visible, and the catalog checks each one it is asked about.
 */
const FIRST_VISIBILITY_BATCH = 5;
const HOUR_MS = 60 * 60 * 1000;
/** Heat-map pages kept as JSON per aggregate; the oldest go first. */
const MAX_PAGES = 256;

/** A page of the heat map as the route asks for it. */
export type ChecklistMatrixPageQuery = ChecklistMatrixFilter &
  Required<Pick<ChecklistMatrixQuery, 'sort' | 'order' | 'limit' | 'offset'>>;

/**
 * The aggregates of the OSPO's dashboard: the checklist heat map and the
 * consultation queue in figures.
 *
 * @internal
 */
export class DashboardService {
  // An aggregate never changes, so neither does a page of it: each is
  // serialised once, and dropped with its aggregate.
  private readonly pages = new WeakMap<
    ChecklistAggregate,
    Map<string, JsonBody>
  >();

  private constructor(
    private readonly matrix: ChecklistMatrixService,
    private readonly consultations: ConsultationStore,
    private readonly teams: TeamDirectory,
    private readonly access: OspoAccess,
    private readonly responseTargetHours: number,
  ) {}

  /** `responseTargetHours` is the office's, for the overdue requests. */
  static create(options: {
    matrix: ChecklistMatrixService;
    consultations: ConsultationStore;
    teams: TeamDirectory;
    access: OspoAccess;
    responseTargetHours: number;
  }): DashboardService {
    return new DashboardService(
      options.matrix,
      options.consultations,
      options.teams,
      options.access,
      options.responseTargetHours,
    );
  }

  /**
   * The heat map's aggregate, once the filters are known to it: a department
   * the latest run did not see and an unconfigured checklist are 404s. The
   * catalog is not asked: the heat map is the run's hierarchy, the same for
   * every reader, and shows every department unfiltered anyway.
   */
  async getChecklistAggregate(
    filter: ChecklistMatrixFilter,
    credentials: BackstageCredentials,
  ): Promise<ChecklistAggregate> {
    await this.access.authorize(
      ospoChecklistReadPermission,
      credentials,
      'You may not read OSPO checklists',
    );
    const aggregate = await this.matrix.getAggregate();
    if (filter.checklistId && !aggregate.hasChecklist(filter.checklistId)) {
      throw new NotFoundError(`No checklist '${filter.checklistId}'`);
    }
    if (filter.department && !aggregate.hasGroup(filter.department)) {
      throw new NotFoundError(`No department ${filter.department}`);
    }
    return aggregate;
  }

  /** A page of the heat map, as a body kept for the next reader. */
  async getChecklistMatrixBody(
    query: ChecklistMatrixPageQuery,
    credentials: BackstageCredentials,
  ): Promise<JsonBody> {
    const aggregate = await this.getChecklistAggregate(query, credentials);
    let pages = this.pages.get(aggregate);
    if (!pages) {
      pages = new Map();
      this.pages.set(aggregate, pages);
    }
    const key = JSON.stringify([
      query.department ?? '',
      query.checklistId ?? '',
      query.status ?? '',
      query.sort,
      query.order,
      query.limit,
      query.offset,
    ]);
    let body = pages.get(key);
    if (!body) {
      body = new JsonBody(JSON.stringify(aggregate.matrix(query)));
      if (pages.size >= MAX_PAGES) pages.delete(pages.keys().next().value!);
      pages.set(key, body);
    }
    return body;
  }

  /**
   * The queue in figures, overdue requests included, with the oldest request
   * the caller can see.
   */
  async getConsultationSummary(
    credentials: BackstageCredentials,
    now = Date.now(),
  ): Promise<ConsultationSummary> {
    await this.access.authorize(
      ospoConsultationReadPermission,
      credentials,
      'You may not read consultation requests',
    );
    const queue = await this.consultations.listQueue();
    const summary: ConsultationSummary = {
      open: queue.filter(c => c.status === 'open').length,
      inProgress: queue.filter(c => c.status === 'in-progress').length,
      overdue: queue.filter(c =>
        isFirstResponseOverdue(c, this.responseTargetHours, now),
      ).length,
    };
    const median = medianOf(
      queue.map(c => (now - Date.parse(c.createdAt)) / HOUR_MS),
    );
    if (median !== undefined) summary.medianAgeHours = median;
    const oldest = await this.oldestVisible(queue, credentials);
    if (oldest) {
      summary.oldest = {
        id: oldest.id,
        summary: oldest.summary,
        entityRef: oldest.entityRef,
        status: oldest.status,
        createdAt: oldest.createdAt,
      };
    }
    return summary;
  }

  /**
   * The oldest request whose entity the caller can see; the catalog is asked
   * about the entities oldest first, a growing batch at a time, until one is
   * visible.
   */
  private async oldestVisible(
    queue: QueuedConsultation[],
    credentials: BackstageCredentials,
  ): Promise<QueuedConsultation | undefined> {
    const entityRefs = [...new Set(queue.map(c => c.entityRef))];
    let batch = FIRST_VISIBILITY_BATCH;
    for (let i = 0; i < entityRefs.length; i += batch, batch *= 2) {
      const visible = new Set(
        await this.teams.visibleEntityRefs(
          entityRefs.slice(i, i + batch),
          credentials,
        ),
      );
      const found = queue.find(c => visible.has(c.entityRef));
      if (found) return found;
    }
    return undefined;
  }
}

/** The median, undefined for no values. */
function medianOf(values: number[]): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? sorted[middle]
    : (sorted[middle - 1] + sorted[middle]) / 2;
}
