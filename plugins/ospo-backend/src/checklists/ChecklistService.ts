import {
  BackstageCredentials,
  BackstageUserPrincipal,
} from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { InputError, NotFoundError } from '@backstage/errors';
import {
  AnswerHistoryEntry,
  ChecklistAnswer,
  ChecklistDefinition,
  ChecklistItemStatus,
  TeamChecklists,
  computeChecklistCompletion,
  ospoChecklistAnswerUpdatePermission,
  ospoChecklistReadPermission,
} from '@ospo-kit/plugin-ospo-common';
import { OspoAccess } from '../access/OspoAccess';
import { TeamDirectory } from '../access/TeamDirectory';
import { Clock } from '../database/Clock';
import { ValidityRules, validityRulesOf, withExpiry } from './answerExpiry';
import { ChecklistStore } from './ChecklistStore';

/**
 * A team as the routes address it: its Group's namespace and name.
 *
 * @internal
 */
export interface TeamName {
  namespace: string;
  name: string;
}

/**
 * A team's answer to one item as an editor sends it: empty strings and nulls
 * mean "none".
 *
 * @internal
 */
export interface AnswerChange {
  checklistId: string;
  itemId: string;
  status: ChecklistItemStatus;
  note?: string | null;
  evidenceUrl?: string | null;
  expectedVersion: number;
}

/**
 * The rules of checklist answers: who may read and change them, how the
 * configured definitions join the stored answers, and which done answers
 * have expired by the `clock` (the database's).
 *
 * @internal
 */
export class ChecklistService {
  private readonly validity: ValidityRules;

  private constructor(
    private readonly definitions: ChecklistDefinition[],
    private readonly store: ChecklistStore,
    private readonly teams: TeamDirectory,
    private readonly access: OspoAccess,
    private readonly clock: Clock,
  ) {
    this.validity = validityRulesOf(definitions);
  }

  static create(options: {
    definitions: ChecklistDefinition[];
    store: ChecklistStore;
    teams: TeamDirectory;
    access: OspoAccess;
    clock: Clock;
  }): ChecklistService {
    return new ChecklistService(
      options.definitions,
      options.store,
      options.teams,
      options.access,
      options.clock,
    );
  }

  getDefinitions(): ChecklistDefinition[] {
    return this.definitions;
  }

  findItem(checklistId: string, itemId: string) {
    const checklist = this.definitions.find(c => c.id === checklistId);
    const item = checklist?.items.find(i => i.id === itemId);
    return checklist && item ? { checklist, item } : undefined;
  }

  /**
   * The team's ref, when the caller may read checklists and see the team. A
   * denied read looks like a missing team: it tells nothing about it.
   */
  async readableTeam(
    team: TeamName,
    credentials: BackstageCredentials,
  ): Promise<string> {
    const teamRef = stringifyEntityRef({ kind: 'group', ...team });
    if (
      !(await this.access.isAllowed(
        ospoChecklistReadPermission,
        credentials,
      )) ||
      !(await this.teams.teamExists(teamRef, credentials))
    ) {
      throw new NotFoundError(`No team ${teamRef} in the catalog`);
    }
    return teamRef;
  }

  /**
   * The team's ref when the caller may change its answer to a defined item:
   * team (404), item (404), permission (403), in the order the API
   * documents.
   */
  private async editableItem(
    team: TeamName,
    item: { checklistId: string; itemId: string },
    credentials: BackstageCredentials<BackstageUserPrincipal>,
  ): Promise<string> {
    const teamRef = await this.readableTeam(team, credentials);
    if (!this.findItem(item.checklistId, item.itemId)) {
      throw new NotFoundError(
        `Checklist '${item.checklistId}' has no item '${item.itemId}'`,
      );
    }
    await this.access.authorize(
      { permission: ospoChecklistAnswerUpdatePermission, resourceRef: teamRef },
      credentials,
      `Only members of ${teamRef} and OSPO staff may change its answers`,
    );
    return teamRef;
  }

  /**
   * Changes a team's answer. The checks go in the order the API documents:
   * team (404), item (404), permission (403), then the store's version (409).
   */
  async updateAnswer(
    team: TeamName,
    change: AnswerChange,
    credentials: BackstageCredentials<BackstageUserPrincipal>,
  ): Promise<ChecklistAnswer> {
    const note = change.note || undefined;
    // A rule the schema cannot express: not-applicable needs a justification.
    if (change.status === 'not-applicable' && !note?.trim()) {
      throw new InputError(
        'Invalid answer: note a justification is required when the status is not-applicable',
      );
    }
    const teamRef = await this.editableItem(team, change, credentials);
    const answer = await this.store.setAnswer({
      teamRef,
      checklistId: change.checklistId,
      itemId: change.itemId,
      status: change.status,
      note,
      evidenceUrl: change.evidenceUrl || undefined,
      expectedVersion: change.expectedVersion,
      actorRef: credentials.principal.userEntityRef,
    });
    return this.withExpiry(answer);
  }

  /**
   * Re-attests a team's done answer as it is, from `expectedVersion`. The
   * checks go in the order the API documents: team (404), item (404),
   * permission (403), then a done answer at that version (409).
   */
  async reattestAnswer(
    team: TeamName,
    item: { checklistId: string; itemId: string; expectedVersion: number },
    credentials: BackstageCredentials<BackstageUserPrincipal>,
  ): Promise<ChecklistAnswer> {
    const teamRef = await this.editableItem(team, item, credentials);
    const answer = await this.store.reattest({
      teamRef,
      checklistId: item.checklistId,
      itemId: item.itemId,
      expectedVersion: item.expectedVersion,
      actorRef: credentials.principal.userEntityRef,
    });
    return this.withExpiry(answer);
  }

  /** A written answer with its expiry, by the database's time now. */
  private async withExpiry(answer: ChecklistAnswer): Promise<ChecklistAnswer> {
    return withExpiry(this.validity, answer, await this.clock.now());
  }

  /** Every change of a team's answer to one item, newest first. */
  async getHistory(
    team: TeamName,
    item: { checklistId: string; itemId: string },
    credentials: BackstageCredentials,
  ): Promise<AnswerHistoryEntry[]> {
    const teamRef = await this.readableTeam(team, credentials);
    return this.store.getHistory({ ...item, teamRef });
  }

  /**
   * The checklists of several teams, read in one query. Answers to items that
   * are no longer defined stay stored but are neither shown nor counted. A
   * done answer past its expiry, by the database's time read once for all
   * teams, is flagged `expired` and counted as not done.
   */
  async getTeamChecklists(teamRefs: string[]): Promise<TeamChecklists[]> {
    const [stored, now] = await Promise.all([
      this.store.getAnswers(teamRefs),
      this.clock.now(),
    ]);
    const answers = stored.map(a => withExpiry(this.validity, a, now));
    const byTeam = new Map<string, ChecklistAnswer[]>();
    for (const answer of answers) {
      const list = byTeam.get(answer.teamRef) ?? [];
      list.push(answer);
      byTeam.set(answer.teamRef, list);
    }
    return teamRefs.map(teamRef => {
      const teamAnswers = byTeam.get(teamRef) ?? [];
      return {
        teamRef,
        checklists: this.definitions.map(checklist => {
          const current = checklist.items.flatMap(item => {
            const answer = teamAnswers.find(
              a => a.checklistId === checklist.id && a.itemId === item.id,
            );
            return answer ? [answer] : [];
          });
          return {
            checklist,
            answers: current,
            completion: computeChecklistCompletion(checklist, current),
          };
        }),
      };
    });
  }
}
