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
 * The rules of checklist answers: who may read and change them, and how the
 * configured definitions join the stored answers.
 *
 * @internal
 */
export class ChecklistService {
  private constructor(
    private readonly definitions: ChecklistDefinition[],
    private readonly store: ChecklistStore,
    private readonly teams: TeamDirectory,
    private readonly access: OspoAccess,
  ) {}

  static create(options: {
    definitions: ChecklistDefinition[];
    store: ChecklistStore;
    teams: TeamDirectory;
    access: OspoAccess;
  }): ChecklistService {
    return new ChecklistService(
      options.definitions,
      options.store,
      options.teams,
      options.access,
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
    const teamRef = await this.readableTeam(team, credentials);
    if (!this.findItem(change.checklistId, change.itemId)) {
      throw new NotFoundError(
        `Checklist '${change.checklistId}' has no item '${change.itemId}'`,
      );
    }
    await this.access.authorize(
      { permission: ospoChecklistAnswerUpdatePermission, resourceRef: teamRef },
      credentials,
      `Only members of ${teamRef} and OSPO staff may change its answers`,
    );
    return this.store.setAnswer({
      teamRef,
      checklistId: change.checklistId,
      itemId: change.itemId,
      status: change.status,
      note,
      evidenceUrl: change.evidenceUrl || undefined,
      expectedVersion: change.expectedVersion,
      actorRef: credentials.principal.userEntityRef,
    });
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
   * are no longer defined stay stored but are neither shown nor counted.
   */
  async getTeamChecklists(teamRefs: string[]): Promise<TeamChecklists[]> {
    const answers = await this.store.getAnswers(teamRefs);
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
