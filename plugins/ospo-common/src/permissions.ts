import { createPermission } from '@backstage/plugin-permission-common';

/**
 * The resource type of OSPO permissions that concern one team (a Group).
 * The resource ref is the team's entity ref.
 *
 * @public
 */
export const OSPO_TEAM_RESOURCE_TYPE = 'ospo-team';

/**
 * Read the checklist answers and their history.
 *
 * @public
 */
export const ospoChecklistReadPermission = createPermission({
  name: 'ospo.checklist.read',
  attributes: { action: 'read' },
});

/**
 * Change a team's checklist answers. Conditional on the team, so a policy can
 * allow team members to edit their own team's answers only.
 *
 * @public
 */
export const ospoChecklistAnswerUpdatePermission = createPermission({
  name: 'ospo.checklist.answer.update',
  attributes: { action: 'update' },
  resourceType: OSPO_TEAM_RESOURCE_TYPE,
});

/**
 * File a consultation request about an entity the caller can see.
 *
 * @public
 */
export const ospoConsultationCreatePermission = createPermission({
  name: 'ospo.consultation.create',
  attributes: { action: 'create' },
});

/**
 * Read consultation requests (of entities the caller can see).
 *
 * @public
 */
export const ospoConsultationReadPermission = createPermission({
  name: 'ospo.consultation.read',
  attributes: { action: 'read' },
});

/**
 * Work the OSPO's queue: assign requests, change their status, resolve or
 * decline them. Meant for OSPO staff.
 *
 * @public
 */
export const ospoConsultationManagePermission = createPermission({
  name: 'ospo.consultation.manage',
  attributes: { action: 'update' },
});

/**
 * Start, change, close and cancel campaigns. Meant for OSPO staff; reading
 * campaigns needs `ospo.checklist.read`.
 *
 * @public
 */
export const ospoCampaignManagePermission = createPermission({
  name: 'ospo.campaign.manage',
  attributes: { action: 'update' },
});

/**
 * Read the metrics, their definitions, history and findings.
 *
 * @public
 */
export const ospoMetricsReadPermission = createPermission({
  name: 'ospo.metrics.read',
  attributes: { action: 'read' },
});

/**
 * Start a metrics run now rather than at the next schedule. Meant for OSPO staff.
 *
 * @public
 */
export const ospoMetricsRefreshPermission = createPermission({
  name: 'ospo.metrics.refresh',
  attributes: { action: 'update' },
});

/**
 * Evaluate the OSPO checks of one entity now rather than at the next run.
 * Conditional on the team, like answering the checklist: the default policy
 * allows the members of a team owning the entity, and OSPO staff.
 *
 * @public
 */
export const ospoEntityChecksRefreshPermission = createPermission({
  name: 'ospo.entity.checks.refresh',
  attributes: { action: 'update' },
  resourceType: OSPO_TEAM_RESOURCE_TYPE,
});

/**
 * Upload an entity's SBOM (a CycloneDX document), which replaces its latest
 * scan. Conditional on the team, like answering the checklist: the default
 * policy allows the members of a team owning the entity, and OSPO staff.
 * Backend services (a CI uploader with an external access token) need no
 * permission.
 *
 * @public
 */
export const ospoSbomUploadPermission = createPermission({
  name: 'ospo.sbom.upload',
  attributes: { action: 'create' },
  resourceType: OSPO_TEAM_RESOURCE_TYPE,
});

/**
 * Every permission of the OSPO plugin.
 *
 * @public
 */
export const ospoPermissions = [
  ospoChecklistReadPermission,
  ospoChecklistAnswerUpdatePermission,
  ospoConsultationCreatePermission,
  ospoConsultationReadPermission,
  ospoConsultationManagePermission,
  ospoCampaignManagePermission,
  ospoMetricsReadPermission,
  ospoMetricsRefreshPermission,
  ospoEntityChecksRefreshPermission,
  ospoSbomUploadPermission,
];
