import { components, paths } from './schema/openapi.generated';
import { everyMember } from './schema/everyMember';

// The request and response bodies of the office and consultation routes,
// named as the OpenAPI spec (`plugins/ospo-backend/src/schema/openapi.yaml`)
// names them: the spec documents each field.

/**
 * Where a consultation request stands. `open`, `in-progress` are active;
 * `resolved`, `declined` and `withdrawn` are closed until reopened.
 *
 * @public
 */
export type ConsultationStatus = components['schemas']['ConsultationStatus'];

/**
 * Every {@link ConsultationStatus}, active ones first.
 *
 * @public
 */
export const CONSULTATION_STATUSES: readonly ConsultationStatus[] =
  everyMember<ConsultationStatus>()([
    'open',
    'in-progress',
    'resolved',
    'declined',
    'withdrawn',
  ]);

/**
 * How soon the requester needs an answer.
 *
 * @public
 */
export type ConsultationUrgency = components['schemas']['ConsultationUrgency'];

/**
 * Every {@link ConsultationUrgency}, least urgent first.
 *
 * @public
 */
export const CONSULTATION_URGENCIES: readonly ConsultationUrgency[] =
  everyMember<ConsultationUrgency>()(['low', 'normal', 'high', 'critical']);

/**
 * A change of status, and who may make it:
 * - `start`: open → in-progress (OSPO staff)
 * - `resolve`, `decline`: open or in-progress → resolved / declined, with a
 *   note (OSPO staff)
 * - `reopen`: resolved, declined or withdrawn → open (OSPO staff)
 * - `withdraw`: open or in-progress → withdrawn (the requester)
 *
 * @public
 */
export type ConsultationAction = components['schemas']['ConsultationAction'];

/**
 * Something the OSPO helps with, offered when filing a request.
 *
 * @public
 */
export type ConsultationTopic = components['schemas']['ConsultationTopic'];

/**
 * A way to reach the OSPO, such as a chat channel or mailing list.
 *
 * @public
 */
export type OspoContact = components['schemas']['OspoContact'];

/**
 * Who the OSPO is, how to reach it and what it helps with (`ospo.office`).
 *
 * @public
 */
export type OspoOffice = components['schemas']['OspoOffice'];

/**
 * A request for the OSPO's advice about one catalog entity.
 *
 * @public
 */
export type Consultation = components['schemas']['Consultation'];

/**
 * One entry of a consultation's thread.
 *
 * @public
 */
export type ConsultationEvent = components['schemas']['ConsultationEvent'];

/**
 * A consultation with its whole thread, oldest first.
 *
 * @public
 */
export type ConsultationWithEvents =
  components['schemas']['ConsultationWithEvents'];

/**
 * The body of a new request. The entity comes from the route and the
 * requester from the caller's identity, never from the body.
 *
 * @public
 */
export type CreateConsultationRequest =
  components['schemas']['CreateConsultationRequest'];

/**
 * The body of a status change: the action to take and the note that goes
 * with it, required to resolve or decline.
 *
 * @public
 */
export type ConsultationTransitionRequest =
  components['schemas']['TransitionRequest'];

/**
 * The requester's rating of the OSPO's answer: a whole score from 1 (poor) to
 * 5 (excellent), an optional comment, and when it was given.
 *
 * @public
 */
export type ConsultationRating = components['schemas']['ConsultationRating'];

/**
 * The body of a rating, which only the requester of a resolved or declined
 * request may give, once.
 *
 * @public
 */
export type RateConsultationRequest =
  components['schemas']['RateConsultationRequest'];

/**
 * Filters and paging of the consultation list.
 *
 * @public
 */
export type ConsultationQuery = NonNullable<
  paths['/consultations']['get']['parameters']['query']
>;

/**
 * One page of consultations.
 *
 * @public
 */
export type ConsultationPage = components['schemas']['ConsultationPage'];

/**
 * A member of the OSPO's Group, who requests can be assigned to.
 *
 * @public
 */
export type OfficeStaffMember = components['schemas']['OfficeStaffMember'];

/**
 * The OSPO's staff, by display name: the only valid assignees.
 *
 * @public
 */
export type OfficeStaff = components['schemas']['OfficeStaff'];

/**
 * One change for several requests: an assignment (`assigneeRef`) or a status
 * action (`action`, with `note` where it needs one), never both.
 *
 * @public
 */
export type BulkConsultationRequest =
  components['schemas']['BulkConsultationRequest'];

/**
 * What a bulk change did to each request, in the order of its ids.
 *
 * @public
 */
export type BulkConsultationResult =
  components['schemas']['BulkConsultationResult'];
