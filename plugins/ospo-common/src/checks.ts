import { components } from './schema/openapi.generated';
import { everyMember } from './schema/everyMember';

/**
 * What an OSPO check found on an entity: `unknown` when it could not tell,
 * never counted as a pass.
 *
 * @public
 */
export type EntityCheckVerdict = components['schemas']['EntityCheckVerdict'];

/**
 * Every {@link EntityCheckVerdict}, worst first: the order verdicts are
 * listed in.
 *
 * @public
 */
export const ENTITY_CHECK_VERDICTS: readonly EntityCheckVerdict[] =
  everyMember<EntityCheckVerdict>()(['fail', 'warn', 'unknown', 'pass']);

/**
 * The verdict of one OSPO check on one entity, with how to fix it.
 *
 * @public
 */
export type EntityCheckResult = components['schemas']['EntityCheckResult'];

/**
 * An entity's OSPO checks as last evaluated, and whether they may be out of
 * date.
 *
 * @public
 */
export type EntityChecks = components['schemas']['EntityChecks'];
