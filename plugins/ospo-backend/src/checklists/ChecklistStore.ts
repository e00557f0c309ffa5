import {
  AnswerHistoryEntry,
  ChecklistAnswer,
  ChecklistItemStatus,
} from '@ospo-kit/plugin-ospo-common';

/**
 * Identifies one team's answer to one checklist item.
 *
 * @public
 */
export interface AnswerKey {
  teamRef: string;
  checklistId: string;
  itemId: string;
}

/**
 * What the dashboard and the reminders read of an answer: its status, and
 * when and in which version it was given, which tell when it expires.
 *
 * @public
 */
export type AnswerStatus = Pick<
  ChecklistAnswer,
  'teamRef' | 'checklistId' | 'itemId' | 'status' | 'answeredAt' | 'version'
>;

/**
 * A change of one answer, made by `actorRef`.
 *
 * @public
 */
export interface SetAnswerOptions extends AnswerKey {
  status: ChecklistItemStatus;
  note?: string;
  evidenceUrl?: string;
  /** The version the writer read: 0 when it saw no answer. */
  expectedVersion: number;
  actorRef: string;
}

/**
 * A re-attestation of a done answer, by `actorRef`.
 *
 * @public
 */
export interface ReattestAnswerOptions extends AnswerKey {
  /** The version of the done answer the caller read. */
  expectedVersion: number;
  actorRef: string;
}

/**
 * Where checklist answers and their history are kept.
 *
 * @public
 */
export interface ChecklistStore {
  /** Current answers of the given teams, to every item (defined or not). */
  getAnswers(teamRefs: string[]): Promise<ChecklistAnswer[]>;
  /** The status of every current answer of every team, in one query. */
  listAnswerStatuses(): Promise<AnswerStatus[]>;
  /**
   * A value that changes whenever an answer is written, by this instance of
   * the backend or another (one row, read by its key): cheap enough to ask on
   * every read of a cache.
   */
  getAnswersVersion(): Promise<string>;
  /**
   * Writes a new answer and records the change in the history, atomically.
   * Throws a `ConflictError` when the stored version is not `expectedVersion`.
   */
  setAnswer(options: SetAnswerOptions): Promise<ChecklistAnswer>;
  /**
   * Gives a done answer again as it is, now, by `actorRef`: a new version
   * and a history row marked re-attested, atomically. Throws a
   * `ConflictError` when there is no done answer at `expectedVersion`.
   */
  reattest(options: ReattestAnswerOptions): Promise<ChecklistAnswer>;
  /** Every change of one answer, newest first. */
  getHistory(key: AnswerKey): Promise<AnswerHistoryEntry[]>;
}
