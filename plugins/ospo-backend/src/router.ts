import { AuditorService, HttpAuthService } from '@backstage/backend-plugin-api';
import express from 'express';
import { addCampaignRoutes } from './campaigns/router';
import { CampaignService } from './campaigns/CampaignService';
import { addChecklistRoutes } from './checklists/router';
import { ChecklistService } from './checklists/ChecklistService';
import { addConsultationRoutes } from './consultations/router';
import { ConsultationService } from './consultations/ConsultationService';
import { addEntityRoutes } from './entities/router';
import { EntityStatusService } from './entities/EntityStatusService';
import { addDashboardRoutes } from './dashboard/router';
import { DashboardService } from './dashboard/DashboardService';
import { addMetricsRoutes } from './metrics/router';
import { MetricsService } from './metrics/MetricsService';
import { createApiRouter } from './http/createApiRouter';
import { addSbomReportRoutes } from './sbom/reportsRouter';
import { SbomReportService } from './sbom/SbomReportService';
import { SBOM_UPLOAD, addSbomRoutes } from './sbom/router';
import { SbomService } from './sbom/SbomService';

/** Largest JSON body the API takes; answers and comments are small. */
const BODY_LIMIT = '64kb';

/**
 * What the REST API needs: each feature's service mounts that feature's
 * routes (tests mount one feature at a time).
 *
 * @internal
 */
export interface RouterOptions {
  httpAuth: HttpAuthService;
  auditor: AuditorService;
  checklists?: ChecklistService;
  consultations?: ConsultationService;
  metrics?: MetricsService;
  dashboard?: DashboardService;
  entities?: EntityStatusService;
  sbomReports?: SbomReportService;
  sbom?: SbomService;
  campaigns?: CampaignService;
}

/**
 * The REST API of `src/schema/openapi.yaml`: every feature's routes on one
 * router, which validates each request against the spec before a route sees
 * it.
 *
 * @internal
 */
export function createRouter(options: RouterOptions): express.Router {
  const { httpAuth, auditor } = options;
  // An SBOM upload reads its body itself, up to `ospo.sbom.maxSize`.
  const router = createApiRouter({
    bodyLimit: BODY_LIMIT,
    rawBodies: [SBOM_UPLOAD],
  });
  if (options.checklists) {
    addChecklistRoutes(router, {
      httpAuth,
      auditor,
      checklists: options.checklists,
    });
  }
  if (options.entities) {
    addEntityRoutes(router, {
      httpAuth,
      auditor,
      entities: options.entities,
    });
  }
  if (options.consultations) {
    addConsultationRoutes(router, {
      httpAuth,
      consultations: options.consultations,
    });
  }
  if (options.metrics) {
    addMetricsRoutes(router, { httpAuth, metrics: options.metrics });
  }
  if (options.dashboard) {
    addDashboardRoutes(router, { httpAuth, dashboard: options.dashboard });
  }
  if (options.sbomReports) {
    addSbomReportRoutes(router, { httpAuth, reports: options.sbomReports });
  }
  if (options.sbom) {
    addSbomRoutes(router, { httpAuth, auditor, sbom: options.sbom });
  }
  if (options.campaigns) {
    addCampaignRoutes(router, {
      httpAuth,
      auditor,
      campaigns: options.campaigns,
    });
  }
  return router;
}
