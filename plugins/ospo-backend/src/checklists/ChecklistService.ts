import {
  ChecklistAnswer,
  ChecklistDefinition,
  TeamChecklists,
  computeChecklistCompletion,
} from '@ospo-kit/plugin-ospo-common';
import { ChecklistStore } from './ChecklistStore';

/**
 * Joins the configured checklist definitions with the stored answers.
 *
 * @public
 */
export class ChecklistService {
  private constructor(
    private readonly definitions: ChecklistDefinition[],
    private readonly store: ChecklistStore,
  ) {}

  static create(options: {
    definitions: ChecklistDefinition[];
    store: ChecklistStore;
  }): ChecklistService {
    return new ChecklistService(options.definitions, options.store);
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
