/**
 * The state of one checklist item for one team.
 *
 * @public
 */
export type ChecklistItemStatus =
  | 'not-started'
  | 'in-progress'
  | 'done'
  | 'not-applicable';

/**
 * Every {@link ChecklistItemStatus}, in the order a form offers them.
 *
 * @public
 */
export const CHECKLIST_ITEM_STATUSES: readonly ChecklistItemStatus[] = [
  'not-started',
  'in-progress',
  'done',
  'not-applicable',
];

/**
 * One item of a checklist, as defined in config.
 *
 * @public
 */
export interface ChecklistItemDefinition {
  id: string;
  title: string;
  description: string;
  /** Where to read more about doing this item well. */
  guidanceUrl?: string;
}

/**
 * A checklist that teams answer, such as the OSMM "Creating an OSPO" activity.
 *
 * @public
 */
export interface ChecklistDefinition {
  id: string;
  title: string;
  description?: string;
  /** The Open Source Maturity Model level the checklist belongs to, if any. */
  osmmLevel?: number;
  items: ChecklistItemDefinition[];
}

/**
 * A team's current answer to one checklist item.
 *
 * @public
 */
export interface ChecklistAnswer {
  teamRef: string;
  checklistId: string;
  itemId: string;
  status: ChecklistItemStatus;
  note?: string;
  evidenceUrl?: string;
  /** Entity ref of the user who gave this answer. */
  answeredBy: string;
  /** ISO 8601 timestamp. */
  answeredAt: string;
  /** Increases by one with every change; a write names the version it read. */
  version: number;
}

/**
 * Completion figures of one checklist for one team. Items marked
 * not-applicable are left out of `applicable`, answers to items no longer
 * defined are not counted at all.
 *
 * @public
 */
export interface ChecklistCompletion {
  total: number;
  applicable: number;
  done: number;
  inProgress: number;
  notStarted: number;
  notApplicable: number;
  /** Items nobody has answered yet (counted as not started too). */
  unanswered: number;
  /** done / applicable, between 0 and 1; 1 when nothing is applicable. */
  ratio: number;
}

/**
 * One checklist with a team's current answers and completion.
 *
 * @public
 */
export interface TeamChecklist {
  checklist: ChecklistDefinition;
  /** Current answers to the items that are defined, in item order. */
  answers: ChecklistAnswer[];
  completion: ChecklistCompletion;
}

/**
 * All checklists of one team.
 *
 * @public
 */
export interface TeamChecklists {
  teamRef: string;
  checklists: TeamChecklist[];
}

/**
 * One recorded change of an answer.
 *
 * @public
 */
export interface AnswerHistoryEntry {
  teamRef: string;
  checklistId: string;
  itemId: string;
  /** Absent for the first answer. */
  fromStatus?: ChecklistItemStatus;
  toStatus: ChecklistItemStatus;
  note?: string;
  evidenceUrl?: string;
  changedBy: string;
  changedAt: string;
  /** The answer's version after this change. */
  version: number;
}

/**
 * The body of an answer update.
 *
 * @public
 */
export interface UpdateAnswerRequest {
  status: ChecklistItemStatus;
  note?: string;
  evidenceUrl?: string;
  /** The version the editor read: 0 when there was no answer yet. */
  expectedVersion: number;
}

/**
 * Why an entity's owner has no checklist status.
 *
 * @public
 */
export type UnresolvedOwnerReason = 'not-a-group' | 'not-found';

/**
 * The checklist status of the team(s) owning a catalog entity.
 *
 * @public
 */
export interface EntityChecklistStatus {
  entityRef: string;
  /** The entity's owners, from its ownedBy relations. Empty when it has none. */
  ownerRefs: string[];
  /** Checklists of the owners that are Groups in the catalog. */
  teams: TeamChecklists[];
  /** Owners that have no checklists, and why. */
  unresolvedOwners: Array<{ ref: string; reason: UnresolvedOwnerReason }>;
}
