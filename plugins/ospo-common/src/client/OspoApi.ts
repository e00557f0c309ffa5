import {
  Consultation,
  ConsultationEvent,
  ConsultationPage,
  ConsultationQuery,
  ConsultationRating,
  ConsultationTransitionRequest,
  ConsultationWithEvents,
  CreateConsultationRequest,
  RateConsultationRequest,
  OspoOffice,
  BulkConsultationRequest,
  BulkConsultationResult,
  OfficeStaff,
} from '../consultations';
import {
  LatestMetrics,
  MetricDefinition,
  MetricFindingPage,
  MetricHistory,
  MetricsRunStatus,
} from '../metrics';
import {
  ChecklistMatrix,
  ChecklistMatrixQuery,
  ConsultationSummary,
  MetricScopeValues,
} from '../dashboard';
import {
  AnswerHistoryEntry,
  ChecklistAnswer,
  ChecklistDefinition,
  EntityChecklistStatus,
  ReattestAnswerRequest,
  TeamChecklists,
  UpdateAnswerRequest,
} from '../types';
import { EntityChecks } from '../checks';
import {
  Campaign,
  CampaignBurnup,
  CampaignList,
  CampaignProgress,
  CampaignQuery,
  CreateCampaignRequest,
  UpdateCampaignRequest,
} from '../campaigns';
import {
  SbomOffenders,
  SbomReportQuery,
  SbomVulnerabilities,
} from '../sbomReports';

/**
 * What the OSPO backend offers, as a typed interface. Implemented by
 * {@link OspoClient}; the frontend plugin exposes it through its API ref.
 * Its bodies, queries and results are the types of the backend's OpenAPI
 * spec.
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
  /**
   * Re-attests a `done` answer: a new version with the same status, note and
   * evidence, given now. Rejected with a 409 `ResponseError` when the answer
   * is not `done` or not at `expectedVersion` any more.
   */
  reattestAnswer(options: {
    teamRef: string;
    checklistId: string;
    itemId: string;
    request: ReattestAnswerRequest;
  }): Promise<ChecklistAnswer>;
  /** Every change of one answer, newest first. */
  getAnswerHistory(options: {
    teamRef: string;
    checklistId: string;
    itemId: string;
  }): Promise<AnswerHistoryEntry[]>;
  /** The checklist status of the team(s) owning an entity. */
  getEntityChecklistStatus(entityRef: string): Promise<EntityChecklistStatus>;
  /**
   * Evaluates an entity's OSPO checks now and returns them. Asked again for
   * the same entity too soon, it is rejected with a
   * {@link TooManyRequestsError} whose message says when to try again.
   */
  refreshEntityChecks(entityRef: string): Promise<EntityChecks>;

  /** Who the OSPO is, how to reach it and what it helps with. */
  getOffice(): Promise<OspoOffice>;
  /** Files a request about an entity, as the signed-in user. */
  createConsultation(
    entityRef: string,
    request: CreateConsultationRequest,
  ): Promise<Consultation>;
  /** A filtered, sorted page of requests. */
  listConsultations(query?: ConsultationQuery): Promise<ConsultationPage>;
  /** One request with its whole thread. */
  getConsultation(id: string): Promise<ConsultationWithEvents>;
  /**
   * Changes a request's status; a transition not allowed from its current
   * status is rejected with a 409 `ResponseError`.
   */
  transitionConsultation(
    id: string,
    transition: ConsultationTransitionRequest,
  ): Promise<Consultation>;
  /** Assigns a request to an OSPO staff member, or unassigns it. */
  assignConsultation(
    id: string,
    assigneeRef: string | undefined,
  ): Promise<Consultation>;
  /** The OSPO's staff: the only people a request can be assigned to. */
  listOfficeStaff(): Promise<OfficeStaff>;
  /**
   * Assigns, or changes the status of, up to 100 requests at once (OSPO
   * staff); the result says what happened to each.
   */
  bulkUpdateConsultations(
    request: BulkConsultationRequest,
  ): Promise<BulkConsultationResult>;
  /** Adds a comment to a request's thread. */
  commentOnConsultation(id: string, body: string): Promise<ConsultationEvent>;
  /**
   * Rates the answer to a resolved or declined request, as its requester;
   * a second rating is rejected with a 409 `ResponseError`.
   */
  rateConsultation(
    id: string,
    rating: RateConsultationRequest,
  ): Promise<ConsultationRating>;

  /** The published definitions of every metric. */
  getMetricDefinitions(): Promise<MetricDefinition[]>;
  /** The latest figures for the organisation (default) or one Group. */
  getLatestMetrics(options?: { scopeRef?: string }): Promise<LatestMetrics>;
  /** One metric's figures for one scope over a time range, oldest first. */
  getMetricHistory(options: {
    metricId: string;
    scopeRef?: string;
    /** ISO timestamps; the default range is the last 90 days. */
    from?: string;
    to?: string;
  }): Promise<MetricHistory>;
  /**
   * The history of every metric for one scope, oldest first: one request
   * for a card of sparklines.
   */
  getScopeMetricHistory(options?: {
    scopeRef?: string;
    from?: string;
    to?: string;
  }): Promise<MetricHistory[]>;
  /** Entities the latest run flagged, for one metric and optionally one scope. */
  getMetricFindings(options: {
    metricId: string;
    scopeRef?: string;
    limit?: number;
    offset?: number;
  }): Promise<MetricFindingPage>;
  /** Whether a run is going on, and how the last ones went. */
  getMetricsStatus(): Promise<MetricsRunStatus>;
  /**
   * Starts a metrics run now (OSPO staff). Rejected with a 409 `ResponseError`
   * while one is running.
   */
  refreshMetrics(): Promise<MetricsRunStatus>;

  /** The checklist heat map: one page of teams, with department roll-ups. */
  getChecklistMatrix(query?: ChecklistMatrixQuery): Promise<ChecklistMatrix>;
  /** The filtered heat map as CSV, every team (no paging). */
  exportChecklistMatrixCsv(
    query?: Pick<ChecklistMatrixQuery, 'department' | 'checklistId' | 'status'>,
  ): Promise<string>;
  /**
   * One metric's latest value per Group: the direct children of `parentRef`
   * (`org` for the top-level Groups), or every Group when it is left out.
   */
  getMetricScopeValues(options: {
    metricId: string;
    parentRef?: string;
  }): Promise<MetricScopeValues>;
  /** One metric's latest value for every Group, as CSV. */
  exportMetricValuesCsv(metricId: string): Promise<string>;
  /** The consultation queue in figures. */
  getConsultationSummary(): Promise<ConsultationSummary>;

  /**
   * The packages and licenses behind the most open license violations of
   * the latest SBOMs, org-wide or for one Group and the Groups below it.
   */
  getSbomOffenders(query?: SbomReportQuery): Promise<SbomOffenders>;
  /** The open vulnerabilities of the latest SBOMs by id, worst first. */
  getSbomVulnerabilities(query?: SbomReportQuery): Promise<SbomVulnerabilities>;
  /** Every open license violation as CSV, one per row. */
  exportSbomViolationsCsv(
    query?: Pick<SbomReportQuery, 'teamRef'>,
  ): Promise<string>;
  /** Every open vulnerability finding as CSV, one per row. */
  exportSbomVulnerabilitiesCsv(
    query?: Pick<SbomReportQuery, 'teamRef'>,
  ): Promise<string>;

  /** Campaigns, newest first; with `teamRef`, those concerning the team. */
  listCampaigns(query?: CampaignQuery): Promise<CampaignList>;
  /** Starts a campaign (OSPO staff). */
  createCampaign(request: CreateCampaignRequest): Promise<Campaign>;
  /** A campaign with its progress per department and team. */
  getCampaign(id: string): Promise<CampaignProgress>;
  /** Changes, closes or cancels a campaign (OSPO staff). */
  updateCampaign(id: string, change: UpdateCampaignRequest): Promise<Campaign>;
  /** A campaign's completion day by day, from the history of answers. */
  getCampaignBurnup(id: string): Promise<CampaignBurnup>;
  /** A campaign's progress per team as CSV. */
  exportCampaignProgressCsv(id: string): Promise<string>;
}
