import { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import { RELATION_HAS_MEMBER } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { NotificationService } from '@backstage/plugin-notifications-node';
import { Campaign } from '@ospo-kit/plugin-ospo-common';
import { CampaignService, TeamStanding } from './CampaignService';
import { CampaignStore } from './CampaignStore';
import { ReminderStep, dayOf, reminderStepOn } from './campaignDates';

/**
 * What one reminder run did.
 *
 * @internal
 */
export interface ReminderRunResult {
  /** The day of the run (UTC, database time). */
  today: string;
  /** Reminders sent, one per person and campaign step. */
  sent: number;
  /** Reminders held back by the daily cap, for a later run. */
  capped: number;
  /** Whether the OSPO's Group was sent a summary. */
  summarised: boolean;
}

const STEP_TEXT: Record<ReminderStep, (c: Campaign) => string> = {
  started: c => `The campaign has started; it runs until ${c.targetDate}.`,
  halfway: c => `The campaign is halfway; it ends on ${c.targetDate}.`,
  'week-left': c =>
    `A week or less is left: the campaign ends on ${c.targetDate}.`,
  overdue: c =>
    `The campaign ended on ${c.targetDate}, and your team is not done.`,
};

/**
 * Reminds the members of the teams that are not done with an active
 * campaign when it reaches a step (started, halfway, a week left, overdue),
 * through the notifications backend, and sends the OSPO's Group a summary
 * of each run that reminded anyone. Judged by the database's clock. A
 * reminder is recorded before it is sent, keyed by campaign, step and
 * person, so nobody is reminded twice of the same step; and nobody gets more
 * than the daily cap, over every campaign.
 *
 * @internal
 */
export class CampaignReminders {
  private constructor(
    private readonly campaigns: CampaignService,
    private readonly store: CampaignStore,
    private readonly catalog: CatalogService,
    private readonly auth: AuthService,
    private readonly notifications: NotificationService,
    private readonly logger: LoggerService,
    private readonly officeGroupRef: string,
    private readonly dailyCapPerUser: number,
    private readonly clock: () => Promise<Date>,
  ) {}

  static create(options: {
    campaigns: CampaignService;
    store: CampaignStore;
    catalog: CatalogService;
    auth: AuthService;
    notifications: NotificationService;
    logger: LoggerService;
    officeGroupRef: string;
    dailyCapPerUser: number;
    /** The time of a run; the database's clock by default. */
    clock?: () => Promise<Date>;
  }): CampaignReminders {
    const { store } = options;
    return new CampaignReminders(
      options.campaigns,
      store,
      options.catalog,
      options.auth,
      options.notifications,
      options.logger,
      options.officeGroupRef,
      options.dailyCapPerUser,
      options.clock ?? (() => store.now()),
    );
  }

  async run(): Promise<ReminderRunResult> {
    const now = await this.clock();
    const today = dayOf(now);
    const result: ReminderRunResult = {
      today,
      sent: 0,
      capped: 0,
      summarised: false,
    };
    const summary: string[] = [];
    const sentToday = new Map<string, number>();
    for (const campaign of await this.campaigns.listActive()) {
      const step = reminderStepOn(campaign, today);
      if (!step) continue;
      const standings = await this.campaigns.standings(campaign, today);
      const lagging = standings.filter(s => !s.done);
      if (lagging.length === 0) continue;
      const teamsByUser = await this.membersOf(lagging);
      const reminded = await this.store.listRemindedUsers(campaign.id, step);
      const users = [...teamsByUser.keys()]
        .filter(user => !reminded.has(user))
        .sort();
      for (const [user, count] of await this.store.countRemindersOn(
        users.filter(u => !sentToday.has(u)),
        today,
      )) {
        sentToday.set(user, count);
      }
      let sent = 0;
      let capped = 0;
      for (const userRef of users) {
        if ((sentToday.get(userRef) ?? 0) >= this.dailyCapPerUser) {
          capped += 1;
          continue;
        }
        const teamRefs = teamsByUser.get(userRef)!;
        const recorded = await this.store.recordReminder({
          campaignId: campaign.id,
          step,
          userRef,
          teamRefs,
          sentOn: today,
          sentAt: now,
        });
        if (!recorded) continue;
        sentToday.set(userRef, (sentToday.get(userRef) ?? 0) + 1);
        sent += 1;
        await this.send({
          to: userRef,
          title: `OSPO campaign: ${campaign.title}`,
          description: `${STEP_TEXT[step](
            campaign,
          )} Not done yet: ${teamRefs.join(', ')}.`,
          link: `/ospo/campaigns/${campaign.id}`,
          topic: `ospo-campaign-${campaign.id}`,
          severity: step === 'overdue' ? 'high' : 'normal',
        });
      }
      result.sent += sent;
      result.capped += capped;
      if (sent > 0 || capped > 0) {
        const overdue = lagging.filter(s => s.overdue).length;
        summary.push(
          `${campaign.title} (${step}): ${
            standings.length - lagging.length
          } of ${standings.length} teams done` +
            `${overdue ? `, ${overdue} overdue` : ''}; ${sent} reminded` +
            `${capped ? `, ${capped} held back by the daily cap` : ''}.`,
        );
      }
    }
    if (summary.length > 0) {
      await this.send({
        to: this.officeGroupRef,
        title: `OSPO campaign reminders of ${today}: ${result.sent} sent`,
        description: summary.join('\n'),
        link: '/ospo/campaigns',
        topic: 'ospo-campaign-reminders',
        severity: 'low',
      });
      result.summarised = true;
    }
    this.logger.info(
      `Campaign reminders of ${today}: ${result.sent} sent, ${result.capped} held back by the daily cap`,
    );
    return result;
  }

  /** The Users who are members of each team, with their teams. */
  private async membersOf(
    teams: TeamStanding[],
  ): Promise<Map<string, string[]>> {
    const credentials = await this.auth.getOwnServiceCredentials();
    const { items } = await this.catalog.getEntitiesByRefs(
      {
        entityRefs: teams.map(t => t.teamRef),
        fields: ['kind', 'metadata.name', 'metadata.namespace', 'relations'],
      },
      { credentials },
    );
    const teamsByUser = new Map<string, string[]>();
    teams.forEach((team, i) => {
      for (const relation of items[i]?.relations ?? []) {
        if (
          relation.type !== RELATION_HAS_MEMBER ||
          !relation.targetRef.startsWith('user:')
        ) {
          continue;
        }
        const list = teamsByUser.get(relation.targetRef) ?? [];
        if (!list.includes(team.teamRef)) list.push(team.teamRef);
        teamsByUser.set(relation.targetRef, list);
      }
    });
    return teamsByUser;
  }

  private async send(message: {
    to: string;
    title: string;
    description: string;
    link: string;
    topic: string;
    severity: 'low' | 'normal' | 'high';
  }): Promise<void> {
    // Best effort, as every notification of the plugin: a portal without
    // the notifications backend still runs campaigns. The reminder stays
    // recorded, so a failure does not turn into a storm of retries.
    try {
      await this.notifications.send({
        recipients: { type: 'entity', entityRef: message.to },
        payload: {
          title: message.title,
          description: message.description,
          link: message.link,
          topic: message.topic,
          severity: message.severity,
        },
      });
    } catch (error) {
      this.logger.warn(
        `Could not send a campaign notification to ${message.to}: ${error}`,
      );
    }
  }
}
