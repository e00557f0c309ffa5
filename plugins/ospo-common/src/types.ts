import { components } from './schema/openapi.generated';
import { everyMember } from './schema/everyMember';

// The request and response bodies of the checklist routes, named as the
// OpenAPI spec (`plugins/ospo-backend/src/schema/openapi.yaml`) names them:
// the spec documents each field.

/**
 * The state of one checklist item for one team.
 *
 * @public
 */
export type ChecklistItemStatus = components['schemas']['ChecklistItemStatus'];

/**
 * Every {@link ChecklistItemStatus}, in the order a form offers them.
 *
 * @public
 */
export const CHECKLIST_ITEM_STATUSES: readonly ChecklistItemStatus[] =
  everyMember<ChecklistItemStatus>()([
    'not-started',
    'in-progress',
    'done',
    'not-applicable',
  ]);

/**
 * One item of a checklist, as defined in config.
 *
 * @public
 */
export type ChecklistItemDefinition =
  components['schemas']['ChecklistItemDefinition'];

/**
 * A checklist that teams answer, such as the OSMM "Creating an OSPO" activity.
 *
 * @public
 */
export type ChecklistDefinition = components['schemas']['ChecklistDefinition'];

/**
 * A team's current answer to one checklist item; its `version` grows by one
 * with every change, and a change names the version it was made from.
 *
 * @public
 */
export type ChecklistAnswer = components['schemas']['ChecklistAnswer'];

/**
 * Completion figures of one checklist for one team. Items marked
 * not-applicable are left out of `applicable`, answers to items no longer
 * defined are not counted at all.
 *
 * @public
 */
export type ChecklistCompletion = components['schemas']['ChecklistCompletion'];

/**
 * One checklist with a team's current answers and completion.
 *
 * @public
 */
export type TeamChecklist = components['schemas']['TeamChecklist'];

/**
 * All checklists of one team.
 *
 * @public
 */
export type TeamChecklists = components['schemas']['TeamChecklists'];

/**
 * One recorded change of an answer.
 *
 * @public
 */
export type AnswerHistoryEntry = components['schemas']['AnswerHistoryEntry'];

/**
 * The body of an answer update; `expectedVersion` is the version the editor
 * read, 0 when there was no answer yet.
 *
 * @public
 */
export type UpdateAnswerRequest = components['schemas']['UpdateAnswerRequest'];

/**
 * The body of a re-attestation: the version of the `done` answer read.
 *
 * @public
 */
export type ReattestAnswerRequest =
  components['schemas']['ReattestAnswerRequest'];

/**
 * Why an entity's owner has no checklist status.
 *
 * @public
 */
export type UnresolvedOwnerReason =
  components['schemas']['UnresolvedOwner']['reason'];

/**
 * The checklist status of the team(s) owning a catalog entity.
 *
 * @public
 */
export type EntityChecklistStatus =
  components['schemas']['EntityChecklistStatus'];
