import {
  AnswerHistoryEntry,
  ChecklistAnswer,
  ChecklistDefinition,
  EntityChecklistStatus,
  TeamChecklists,
  UpdateAnswerRequest,
} from '../types';

/**
 * What the OSPO backend offers, as a typed interface. Implemented by
 * {@link OspoClient}; the frontend plugin exposes it through its API ref.
 *
 * @public
 */
export interface OspoApi {
  /** The checklists teams answer, as configured. */
  getChecklists(): Promise<ChecklistDefinition[]>;
  /** One team's answers and completion for every checklist. */
  getTeamChecklists(teamRef: string): Promise<TeamChecklists>;
  /**
   * Changes one answer. Rejected with a 409 `ResponseError` when
   * `expectedVersion` is not the stored version any more.
   */
  updateAnswer(options: {
    teamRef: string;
    checklistId: string;
    itemId: string;
    answer: UpdateAnswerRequest;
  }): Promise<ChecklistAnswer>;
  /** Every change of one answer, newest first. */
  getAnswerHistory(options: {
    teamRef: string;
    checklistId: string;
    itemId: string;
  }): Promise<AnswerHistoryEntry[]>;
  /** The checklist status of the team(s) owning an entity. */
  getEntityChecklistStatus(entityRef: string): Promise<EntityChecklistStatus>;
}
