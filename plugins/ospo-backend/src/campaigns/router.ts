import { AuditorService, HttpAuthService } from '@backstage/backend-plugin-api';
import { audited } from '../access/audited';
import { sendCsv } from '../http/csv';
import { OspoApiRouter } from '../schema/openapi';
import { CampaignService } from './CampaignService';

/**
 * What the campaign routes need.
 *
 * @internal
 */
export interface CampaignRoutesOptions {
  httpAuth: HttpAuthService;
  auditor: AuditorService;
  campaigns: CampaignService;
}

/**
 * The campaign routes of the REST API (`src/schema/openapi.yaml`); the
 * router has validated each request.
 *
 * @internal
 */
export function addCampaignRoutes(
  router: OspoApiRouter,
  options: CampaignRoutesOptions,
): void {
  const { httpAuth, auditor, campaigns } = options;
  const anyone = (req: Parameters<HttpAuthService['credentials']>[0]) =>
    httpAuth.credentials(req, { allow: ['user', 'service'] });

  router.get('/campaigns', async (req, res) => {
    const credentials = await anyone(req);
    const items = await campaigns.list(req.query, credentials);
    res.json({ items });
  });

  router.post('/campaigns', async (req, res) => {
    const credentials = await httpAuth.credentials(req, { allow: ['user'] });
    const campaign = await audited(
      auditor,
      {
        eventId: 'campaign-create',
        request: req,
        meta: {
          title: req.body.title,
          checklistId: req.body.checklistId,
          targetRefs: req.body.targetRefs.join(','),
          startDate: req.body.startDate,
          targetDate: req.body.targetDate,
        },
      },
      () => campaigns.create(req.body, credentials),
      created => ({ campaignId: created.id }),
    );
    res.status(201).json(campaign);
  });

  router.get('/campaigns/:campaignId', async (req, res) => {
    const credentials = await anyone(req);
    res.json(await campaigns.getProgress(req.params.campaignId, credentials));
  });

  router.patch('/campaigns/:campaignId', async (req, res) => {
    const credentials = await httpAuth.credentials(req, { allow: ['user'] });
    const { campaignId } = req.params;
    const campaign = await audited(
      auditor,
      {
        eventId: 'campaign-update',
        request: req,
        meta: {
          campaignId,
          title: req.body.title,
          targetDate: req.body.targetDate,
          status: req.body.status,
        },
      },
      () => campaigns.update(campaignId, req.body, credentials),
      updated => ({ status: updated.status }),
    );
    res.json(campaign);
  });

  router.get('/campaigns/:campaignId/burnup', async (req, res) => {
    const credentials = await anyone(req);
    res.json(await campaigns.getBurnup(req.params.campaignId, credentials));
  });

  router.get('/campaigns/:campaignId/progress.csv', async (req, res) => {
    const credentials = await anyone(req);
    const progress = await campaigns.getProgress(
      req.params.campaignId,
      credentials,
    );
    const department = new Map(progress.departments.map(d => [d.ref, d.title]));
    sendCsv(res, 'ospo-campaign.csv', [
      [
        'Department',
        'Team ref',
        'Team',
        'Done',
        'Items',
        'Completion %',
        'State',
      ],
      ...progress.teams.map(team => [
        department.get(team.departmentRef) ?? team.departmentRef,
        team.teamRef,
        team.title,
        team.itemsDone,
        team.items,
        Math.round(team.ratio * 1000) / 10,
        stateOf(team),
      ]),
    ]);
  });
}

/** A team's state in the CSV: done, overdue, or still open. */
function stateOf(team: { done: boolean; overdue: boolean }): string {
  if (team.done) return 'done';
  return team.overdue ? 'overdue' : 'open';
}
