import {
  BackstageCredentials,
  BackstageUserPrincipal,
} from '@backstage/backend-plugin-api';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { InputError, NotFoundError } from '@backstage/errors';
import {
  Campaign,
  CampaignBurnup,
  CampaignBurnupPoint,
  CampaignCounts,
  CampaignProgress,
  CampaignStatus,
  CampaignSummary,
  ChecklistDefinition,
  ChecklistItemStatus,
  CreateCampaignRequest,
  UpdateCampaignRequest,
  ospoCampaignManagePermission,
  ospoChecklistReadPermission,
} from '@ospo-kit/plugin-ospo-common';
import { OspoAccess } from '../access/OspoAccess';
import { TeamDirectory } from '../access/TeamDirectory';
import { ChecklistStore } from '../checklists/ChecklistStore';
import { MetricsStore } from '../metrics/MetricsStore';
import { CampaignStore } from './CampaignStore';
import { CampaignTeam, resolveCampaignTeams } from './CampaignTeams';
import { addDays, daysBetween, dayOf, isDay } from './campaignDates';

/** The burn-up covers at most a year of days. */
const MAX_BURNUP_DAYS = 366;
const COMPLETE: ReadonlySet<ChecklistItemStatus> = new Set([
  'done',
  'not-applicable',
]);

/**
 * A team's standing in a campaign, with the department it counts under.
 *
 * @internal
 */
export interface TeamStanding extends CampaignTeam {
  itemsDone: number;
  items: number;
  done: boolean;
  overdue: boolean;
}

/**
 * The rules of campaigns: who may start and change them, what makes one
 * valid, and how far its teams are, today and day by day.
 *
 * @internal
 */
export class CampaignService {
  private constructor(
    private readonly store: CampaignStore,
    private readonly definitions: ChecklistDefinition[],
    private readonly answers: Pick<ChecklistStore, 'getAnswers'>,
    private readonly metricsStore: Pick<
      MetricsStore,
      'getLatestSuccessfulRun' | 'getScopes'
    >,
    private readonly teams: Pick<TeamDirectory, 'teamExists'>,
    private readonly access: OspoAccess,
    private readonly clock: () => Promise<Date>,
  ) {}

  static create(options: {
    store: CampaignStore;
    definitions: ChecklistDefinition[];
    answers: Pick<ChecklistStore, 'getAnswers'>;
    metricsStore: Pick<MetricsStore, 'getLatestSuccessfulRun' | 'getScopes'>;
    teams: Pick<TeamDirectory, 'teamExists'>;
    access: OspoAccess;
    /** The time progress is judged at; the database's clock by default. */
    clock?: () => Promise<Date>;
  }): CampaignService {
    const { store } = options;
    return new CampaignService(
      store,
      options.definitions,
      options.answers,
      options.metricsStore,
      options.teams,
      options.access,
      options.clock ?? (() => store.now()),
    );
  }

  /** Today (UTC) by the service's clock: the database's unless set. */
  async today(): Promise<string> {
    return dayOf(await this.clock());
  }

  /** Campaigns with their totals; empty for a caller who may not read. */
  async list(
    query: { teamRef?: string; status?: CampaignStatus },
    credentials: BackstageCredentials,
  ): Promise<CampaignSummary[]> {
    if (
      !(await this.access.isAllowed(ospoChecklistReadPermission, credentials))
    ) {
      return [];
    }
    const teamRef = query.teamRef && normalizeGroupRef(query.teamRef);
    const today = await this.today();
    const summaries: CampaignSummary[] = [];
    for (const campaign of await this.store.list({ status: query.status })) {
      const standings = await this.standings(campaign, today);
      if (teamRef && !standings.some(s => s.teamRef === teamRef)) continue;
      const totals = countsOf(standings);
      summaries.push({
        campaign,
        totals,
        overdue: totals.teamsOverdue > 0,
      });
    }
    return summaries;
  }

  /** A campaign and its progress; a 404 for a caller who may not read. */
  async getProgress(
    id: string,
    credentials: BackstageCredentials,
  ): Promise<CampaignProgress> {
    const campaign = await this.readable(id, credentials);
    const today = await this.today();
    const { targets } = await resolveCampaignTeams(
      this.metricsStore,
      campaign.targetRefs,
    );
    const standings = await this.standings(campaign, today);
    return {
      campaign,
      today,
      totals: countsOf(standings),
      departments: targets.map(target => ({
        ref: target.ref,
        title: target.title,
        counts: countsOf(standings.filter(s => s.departmentRef === target.ref)),
      })),
      teams: standings.map(s => ({
        teamRef: s.teamRef,
        title: s.title,
        departmentRef: s.departmentRef,
        itemsDone: s.itemsDone,
        items: s.items,
        ratio: ratioOf(s.itemsDone, s.items),
        done: s.done,
        overdue: s.overdue,
      })),
      overdueTeams: standings.filter(s => s.overdue).map(s => s.teamRef),
    };
  }

  /** Starts a campaign; OSPO staff only. */
  async create(
    request: CreateCampaignRequest,
    credentials: BackstageCredentials<BackstageUserPrincipal>,
  ): Promise<Campaign> {
    await this.access.authorize(
      ospoCampaignManagePermission,
      credentials,
      'Only OSPO staff may start campaigns',
    );
    const title = request.title.trim();
    if (!title) {
      throw new InputError('Invalid campaign: title is required');
    }
    const checklist = this.definitions.find(c => c.id === request.checklistId);
    if (!checklist) {
      throw new InputError(
        `Invalid campaign: checklistId '${request.checklistId}' is not a configured checklist`,
      );
    }
    let itemIds: string[] | undefined;
    if (request.itemIds) {
      itemIds = [...new Set(request.itemIds)];
      const unknown = itemIds.filter(
        id => !checklist.items.some(item => item.id === id),
      );
      if (unknown.length > 0) {
        throw new InputError(
          `Invalid campaign: itemIds ${unknown
            .map(id => `'${id}'`)
            .join(', ')} are not items of checklist '${checklist.id}'`,
        );
      }
    }
    checkDates(request.startDate, request.targetDate);
    const targetRefs = await this.groupRefs(request.targetRefs, credentials);
    return this.store.create({
      title,
      goal: request.goal?.trim() || undefined,
      checklistId: checklist.id,
      itemIds,
      targetRefs,
      startDate: request.startDate,
      targetDate: request.targetDate,
      createdBy: credentials.principal.userEntityRef,
    });
  }

  /** Changes, closes or cancels a campaign; OSPO staff only. */
  async update(
    id: string,
    change: UpdateCampaignRequest,
    credentials: BackstageCredentials<BackstageUserPrincipal>,
  ): Promise<Campaign> {
    const campaign = await this.readable(id, credentials);
    await this.access.authorize(
      ospoCampaignManagePermission,
      credentials,
      'Only OSPO staff may change campaigns',
    );
    const title = change.title?.trim();
    if (change.title !== undefined && !title) {
      throw new InputError('Invalid campaign: title must not be empty');
    }
    if (change.targetDate !== undefined) {
      checkDates(campaign.startDate, change.targetDate);
    }
    const updated = await this.store.update(id, {
      title,
      goal: change.goal?.trim(),
      targetDate: change.targetDate,
      status: change.status,
    });
    if (!updated) throw new NotFoundError(`No campaign ${id}`);
    return updated;
  }

  /**
   * The campaign's completion per day, replayed from the history of
   * answers: each day's figures are the answers as they stood at its end.
   */
  async getBurnup(
    id: string,
    credentials: BackstageCredentials,
  ): Promise<CampaignBurnup> {
    const campaign = await this.readable(id, credentials);
    const today = await this.today();
    const teams = await this.teamsOf(campaign);
    const itemIds = this.itemIdsOf(campaign);
    const lastDay = today > campaign.targetDate ? today : campaign.targetDate;
    const endDay =
      daysBetween(campaign.startDate, lastDay) >= MAX_BURNUP_DAYS
        ? addDays(campaign.startDate, MAX_BURNUP_DAYS - 1)
        : lastDay;
    // Days still to come have no figures yet.
    const finalDay = endDay < today ? endDay : today;
    const points: CampaignBurnupPoint[] = [];
    if (today >= campaign.startDate) {
      const changes = await this.store.listAnswerChanges(
        teams.map(t => t.teamRef),
        campaign.checklistId,
        dayStart(addDays(finalDay, 1)),
      );
      const items = new Set(itemIds);
      const status = new Map<string, ChecklistItemStatus>();
      let next = 0;
      for (
        let day = campaign.startDate;
        day <= finalDay;
        day = addDays(day, 1)
      ) {
        const end = dayStart(addDays(day, 1)).getTime();
        while (
          next < changes.length &&
          changes[next].changedAt.getTime() < end
        ) {
          const change = changes[next++];
          if (items.has(change.itemId)) {
            status.set(
              `${change.teamRef}\u0000${change.itemId}`,
              change.toStatus,
            );
          }
        }
        const standings = teams.map(team =>
          itemIds.filter(item =>
            COMPLETE.has(status.get(`${team.teamRef}\u0000${item}`)!),
          ),
        );
        const itemsDone = standings.reduce((sum, done) => sum + done.length, 0);
        const total = teams.length * itemIds.length;
        points.push({
          date: day,
          itemsDone,
          items: total,
          ratio: ratioOf(itemsDone, total),
          teamsDone: standings.filter(done => done.length === itemIds.length)
            .length,
        });
      }
    }
    return {
      startDate: campaign.startDate,
      targetDate: campaign.targetDate,
      teams: teams.length,
      points,
    };
  }

  /** Active campaigns, for the reminder task (no caller, no checks). */
  async listActive(): Promise<Campaign[]> {
    return this.store.list({ status: 'active' });
  }

  /**
   * Every team of the campaign and how far it is on `today`, from the
   * current answers.
   */
  async standings(campaign: Campaign, today: string): Promise<TeamStanding[]> {
    const teams = await this.teamsOf(campaign);
    const itemIds = this.itemIdsOf(campaign);
    const answers = await this.answers.getAnswers(teams.map(t => t.teamRef));
    const complete = new Set(
      answers
        .filter(a => a.checklistId === campaign.checklistId)
        .filter(a => COMPLETE.has(a.status))
        .map(a => `${a.teamRef}\u0000${a.itemId}`),
    );
    return teams.map(team => {
      const itemsDone = itemIds.filter(item =>
        complete.has(`${team.teamRef}\u0000${item}`),
      ).length;
      const done = itemsDone === itemIds.length;
      return {
        ...team,
        itemsDone,
        items: itemIds.length,
        done,
        overdue: !done && today > campaign.targetDate,
      };
    });
  }

  /** The campaign, or a 404 when it is missing or the caller may not read. */
  private async readable(
    id: string,
    credentials: BackstageCredentials,
  ): Promise<Campaign> {
    const campaign =
      (await this.access.isAllowed(ospoChecklistReadPermission, credentials)) &&
      (await this.store.get(id.toLocaleLowerCase('en-US')));
    if (!campaign) throw new NotFoundError(`No campaign ${id}`);
    return campaign;
  }

  private async teamsOf(campaign: Campaign): Promise<CampaignTeam[]> {
    return (await resolveCampaignTeams(this.metricsStore, campaign.targetRefs))
      .teams;
  }

  /** The campaign's items that the checklist still defines. */
  private itemIdsOf(campaign: Campaign): string[] {
    const checklist = this.definitions.find(c => c.id === campaign.checklistId);
    const defined = checklist?.items.map(item => item.id) ?? [];
    return campaign.itemIds
      ? defined.filter(id => campaign.itemIds!.includes(id))
      : defined;
  }

  /** Full, lower-case Group refs, each one a Group the caller can see. */
  private async groupRefs(
    refs: string[],
    credentials: BackstageCredentials,
  ): Promise<string[]> {
    const result: string[] = [];
    for (const raw of refs) {
      const ref = normalizeGroupRef(raw);
      if (!ref) {
        throw new InputError(
          `Invalid campaign: targetRefs '${raw}' is not a Group ref`,
        );
      }
      if (!(await this.teams.teamExists(ref, credentials))) {
        throw new InputError(
          `Invalid campaign: targetRefs '${raw}' is not a Group in the catalog`,
        );
      }
      if (!result.includes(ref)) result.push(ref);
    }
    return result;
  }
}

/** `group:<namespace>/<name>` in lower case, or undefined for other kinds. */
function normalizeGroupRef(raw: string): string | undefined {
  try {
    const ref = parseEntityRef(raw, {
      defaultKind: 'group',
      defaultNamespace: 'default',
    });
    return ref.kind.toLocaleLowerCase('en-US') === 'group'
      ? stringifyEntityRef(ref).toLocaleLowerCase('en-US')
      : undefined;
  } catch {
    return undefined;
  }
}

function checkDates(startDate: string, targetDate: string): void {
  if (!isDay(startDate)) {
    throw new InputError(
      `Invalid campaign: startDate '${startDate}' is not a day`,
    );
  }
  if (!isDay(targetDate)) {
    throw new InputError(
      `Invalid campaign: targetDate '${targetDate}' is not a day`,
    );
  }
  if (targetDate <= startDate) {
    throw new InputError(
      `Invalid campaign: targetDate ${targetDate} must come after startDate ${startDate}`,
    );
  }
}

function dayStart(day: string): Date {
  return new Date(`${day}T00:00:00Z`);
}

function ratioOf(done: number, total: number): number {
  return total === 0 ? 1 : done / total;
}

function countsOf(standings: TeamStanding[]): CampaignCounts {
  const items = standings.reduce((sum, s) => sum + s.items, 0);
  const itemsDone = standings.reduce((sum, s) => sum + s.itemsDone, 0);
  return {
    teams: standings.length,
    teamsDone: standings.filter(s => s.done).length,
    teamsOverdue: standings.filter(s => s.overdue).length,
    items,
    itemsDone,
    ratio: ratioOf(itemsDone, items),
  };
}
