import { components, paths } from './schema/openapi.generated';
import { everyMember } from './schema/everyMember';

// The bodies and queries of the campaign routes, named as the OpenAPI spec
// (`plugins/ospo-backend/src/schema/openapi.yaml`) names them: the spec
// documents each field.

/**
 * Whether a campaign is running (`active`, sending reminders) or was closed
 * or cancelled.
 *
 * @public
 */
export type CampaignStatus = components['schemas']['CampaignStatus'];

/**
 * Every {@link CampaignStatus}, the running one first.
 *
 * @public
 */
export const CAMPAIGN_STATUSES: readonly CampaignStatus[] =
  everyMember<CampaignStatus>()(['active', 'closed', 'cancelled']);

/**
 * What the OSPO asks departments and teams to complete, and by when.
 *
 * @public
 */
export type Campaign = components['schemas']['Campaign'];

/**
 * How far a set of teams is with a campaign.
 *
 * @public
 */
export type CampaignCounts = components['schemas']['CampaignCounts'];

/**
 * A campaign with its totals, as lists show it.
 *
 * @public
 */
export type CampaignSummary = components['schemas']['CampaignSummary'];

/**
 * A list of campaigns.
 *
 * @public
 */
export type CampaignList = components['schemas']['CampaignList'];

/**
 * The progress of one of a campaign's target Groups.
 *
 * @public
 */
export type CampaignDepartmentProgress =
  components['schemas']['CampaignDepartmentProgress'];

/**
 * The progress of one team of a campaign.
 *
 * @public
 */
export type CampaignTeamProgress =
  components['schemas']['CampaignTeamProgress'];

/**
 * A campaign with its progress per department and team today.
 *
 * @public
 */
export type CampaignProgress = components['schemas']['CampaignProgress'];

/**
 * A campaign's completion on one day.
 *
 * @public
 */
export type CampaignBurnupPoint = components['schemas']['CampaignBurnupPoint'];

/**
 * A campaign's completion day by day, from the history of answers.
 *
 * @public
 */
export type CampaignBurnup = components['schemas']['CampaignBurnup'];

/**
 * The body that starts a campaign.
 *
 * @public
 */
export type CreateCampaignRequest =
  components['schemas']['CreateCampaignRequest'];

/**
 * The body that changes a campaign.
 *
 * @public
 */
export type UpdateCampaignRequest =
  components['schemas']['UpdateCampaignRequest'];

/**
 * The filters of the campaign list.
 *
 * @public
 */
export type CampaignQuery = NonNullable<
  paths['/campaigns']['get']['parameters']['query']
>;
