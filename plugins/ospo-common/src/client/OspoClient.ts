import { parseEntityRef } from '@backstage/catalog-model';
import { ResponseError } from '@backstage/errors';
import createClient, { Client } from 'openapi-fetch';
import {
  Consultation,
  ConsultationEvent,
  ConsultationPage,
  ConsultationQuery,
  ConsultationRating,
  ConsultationTransitionRequest,
  ConsultationWithEvents,
  CreateConsultationRequest,
  OspoOffice,
  RateConsultationRequest,
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
import { paths } from '../schema/openapi.generated';
import { OspoApi } from './OspoApi';
import { TooManyRequestsError } from './TooManyRequestsError';

/**
 * The id under which the backend plugin is mounted (`/api/ospo`).
 *
 * @public
 */
export const OSPO_PLUGIN_ID = 'ospo';

/**
 * An HTTP client of the OSPO backend that works in the browser and in Node.
 * Each request is made with `openapi-fetch` on the paths of the backend's
 * OpenAPI spec, so a path, parameter, body or response that drifts from the
 * spec fails to compile.
 *
 * @public
 */
export class OspoClient implements OspoApi {
  private readonly discoveryApi: {
    getBaseUrl(pluginId: string): Promise<string>;
  };
  private readonly fetchApi: { fetch: typeof fetch };

  constructor(options: {
    discoveryApi: { getBaseUrl(pluginId: string): Promise<string> };
    /** Defaults to the global fetch; pass Backstage's fetchApi to send the user's token. */
    fetchApi?: { fetch: typeof fetch };
  }) {
    this.discoveryApi = options.discoveryApi;
    this.fetchApi = options.fetchApi ?? { fetch: (...args) => fetch(...args) };
  }

  async getChecklists(): Promise<ChecklistDefinition[]> {
    const body = await this.call(api => api.request('get', '/checklists'));
    return body.items;
  }

  async getTeamChecklists(teamRef: string): Promise<TeamChecklists> {
    return this.call(api =>
      api.request('get', '/teams/{namespace}/{name}/checklists', {
        params: { path: teamPath(teamRef) },
      }),
    );
  }

  async updateAnswer(options: {
    teamRef: string;
    checklistId: string;
    itemId: string;
    answer: UpdateAnswerRequest;
  }): Promise<ChecklistAnswer> {
    return this.call(api =>
      api.request(
        'put',
        '/teams/{namespace}/{name}/checklists/{checklistId}/items/{itemId}',
        { params: { path: itemPath(options) }, body: options.answer },
      ),
    );
  }

  async reattestAnswer(options: {
    teamRef: string;
    checklistId: string;
    itemId: string;
    request: ReattestAnswerRequest;
  }): Promise<ChecklistAnswer> {
    return this.call(api =>
      api.request(
        'post',
        '/teams/{namespace}/{name}/checklists/{checklistId}/items/{itemId}/reattest',
        { params: { path: itemPath(options) }, body: options.request },
      ),
    );
  }

  async getAnswerHistory(options: {
    teamRef: string;
    checklistId: string;
    itemId: string;
  }): Promise<AnswerHistoryEntry[]> {
    const body = await this.call(api =>
      api.request(
        'get',
        '/teams/{namespace}/{name}/checklists/{checklistId}/items/{itemId}/history',
        { params: { path: itemPath(options) } },
      ),
    );
    return body.items;
  }

  async getEntityChecklistStatus(
    entityRef: string,
  ): Promise<EntityChecklistStatus> {
    return this.call(api =>
      api.request(
        'get',
        '/entities/{kind}/{namespace}/{name}/checklist-status',
        {
          params: { path: entityPath(entityRef) },
        },
      ),
    );
  }

  async refreshEntityChecks(entityRef: string): Promise<EntityChecks> {
    return this.call(api =>
      api.request(
        'post',
        '/entities/{kind}/{namespace}/{name}/checks/refresh',
        { params: { path: entityPath(entityRef) } },
      ),
    );
  }

  async getOffice(): Promise<OspoOffice> {
    return this.call(api => api.request('get', '/office'));
  }

  async createConsultation(
    entityRef: string,
    request: CreateConsultationRequest,
  ): Promise<Consultation> {
    return this.call(api =>
      api.request('post', '/entities/{kind}/{namespace}/{name}/consultations', {
        params: { path: entityPath(entityRef) },
        body: request,
      }),
    );
  }

  async listConsultations(
    query: ConsultationQuery = {},
  ): Promise<ConsultationPage> {
    return this.call(api =>
      api.request('get', '/consultations', { params: { query } }),
    );
  }

  async getConsultation(id: string): Promise<ConsultationWithEvents> {
    return this.call(api =>
      api.request('get', '/consultations/{id}', { params: { path: { id } } }),
    );
  }

  async transitionConsultation(
    id: string,
    transition: ConsultationTransitionRequest,
  ): Promise<Consultation> {
    return this.call(api =>
      api.request('post', '/consultations/{id}/transitions', {
        params: { path: { id } },
        body: transition,
      }),
    );
  }

  async assignConsultation(
    id: string,
    assigneeRef: string | undefined,
  ): Promise<Consultation> {
    return this.call(api =>
      api.request('put', '/consultations/{id}/assignee', {
        params: { path: { id } },
        body: { assigneeRef: assigneeRef ?? null },
      }),
    );
  }

  async listOfficeStaff(): Promise<OfficeStaff> {
    return this.call(api => api.request('get', '/office/staff'));
  }

  async bulkUpdateConsultations(
    request: BulkConsultationRequest,
  ): Promise<BulkConsultationResult> {
    return this.call(api =>
      api.request('post', '/consultations/bulk', { body: request }),
    );
  }

  async commentOnConsultation(
    id: string,
    body: string,
  ): Promise<ConsultationEvent> {
    return this.call(api =>
      api.request('post', '/consultations/{id}/comments', {
        params: { path: { id } },
        body: { body },
      }),
    );
  }

  async rateConsultation(
    id: string,
    rating: RateConsultationRequest,
  ): Promise<ConsultationRating> {
    return this.call(api =>
      api.request('post', '/consultations/{id}/rating', {
        params: { path: { id } },
        body: rating,
      }),
    );
  }

  async getMetricDefinitions(): Promise<MetricDefinition[]> {
    const body = await this.call(api =>
      api.request('get', '/metrics/definitions'),
    );
    return body.items;
  }

  async getLatestMetrics(
    options: { scopeRef?: string } = {},
  ): Promise<LatestMetrics> {
    return this.call(api =>
      api.request('get', '/metrics/latest', {
        params: { query: { scope: options.scopeRef } },
      }),
    );
  }

  async getMetricHistory(options: {
    metricId: string;
    scopeRef?: string;
    from?: string;
    to?: string;
  }): Promise<MetricHistory> {
    const { metricId, scopeRef, from, to } = options;
    return this.call(api =>
      api.request('get', '/metrics/{metricId}/history', {
        params: { path: { metricId }, query: { scope: scopeRef, from, to } },
      }),
    );
  }

  async getScopeMetricHistory(
    options: { scopeRef?: string; from?: string; to?: string } = {},
  ): Promise<MetricHistory[]> {
    const { scopeRef, from, to } = options;
    const body = await this.call(api =>
      api.request('get', '/metrics/history', {
        params: { query: { scope: scopeRef, from, to } },
      }),
    );
    return body.items;
  }

  async getMetricFindings(options: {
    metricId: string;
    scopeRef?: string;
    limit?: number;
    offset?: number;
  }): Promise<MetricFindingPage> {
    const { metricId, scopeRef, limit, offset } = options;
    return this.call(api =>
      api.request('get', '/metrics/{metricId}/findings', {
        params: {
          path: { metricId },
          query: { scope: scopeRef, limit, offset },
        },
      }),
    );
  }

  async getMetricsStatus(): Promise<MetricsRunStatus> {
    return this.call(api => api.request('get', '/metrics/status'));
  }

  async refreshMetrics(): Promise<MetricsRunStatus> {
    return this.call(api => api.request('post', '/metrics/refresh'));
  }

  async getChecklistMatrix(
    query: ChecklistMatrixQuery = {},
  ): Promise<ChecklistMatrix> {
    return this.call(api =>
      api.request('get', '/dashboard/checklists', { params: { query } }),
    );
  }

  async exportChecklistMatrixCsv(
    query: Pick<
      ChecklistMatrixQuery,
      'department' | 'checklistId' | 'status'
    > = {},
  ): Promise<string> {
    return this.call(api =>
      api.request('get', '/dashboard/checklists.csv', {
        params: { query },
        parseAs: 'text',
      }),
    );
  }

  async getMetricScopeValues(options: {
    metricId: string;
    parentRef?: string;
  }): Promise<MetricScopeValues> {
    const { metricId, parentRef } = options;
    return this.call(api =>
      api.request('get', '/metrics/{metricId}/values', {
        params: { path: { metricId }, query: { parent: parentRef } },
      }),
    );
  }

  async exportMetricValuesCsv(metricId: string): Promise<string> {
    return this.call(api =>
      api.request('get', '/metrics/{metricId}/values.csv', {
        params: { path: { metricId } },
        parseAs: 'text',
      }),
    );
  }

  async getConsultationSummary(): Promise<ConsultationSummary> {
    return this.call(api => api.request('get', '/dashboard/consultations'));
  }

  async getSbomOffenders(query: SbomReportQuery = {}): Promise<SbomOffenders> {
    return this.call(api =>
      api.request('get', '/sbom/offenders', { params: { query } }),
    );
  }

  async getSbomVulnerabilities(
    query: SbomReportQuery = {},
  ): Promise<SbomVulnerabilities> {
    return this.call(api =>
      api.request('get', '/sbom/vulnerabilities', { params: { query } }),
    );
  }

  async exportSbomViolationsCsv(
    query: Pick<SbomReportQuery, 'teamRef'> = {},
  ): Promise<string> {
    return this.call(api =>
      api.request('get', '/sbom/violations.csv', {
        params: { query },
        parseAs: 'text',
      }),
    );
  }

  async exportSbomVulnerabilitiesCsv(
    query: Pick<SbomReportQuery, 'teamRef'> = {},
  ): Promise<string> {
    return this.call(api =>
      api.request('get', '/sbom/vulnerabilities.csv', {
        params: { query },
        parseAs: 'text',
      }),
    );
  }

  async listCampaigns(query: CampaignQuery = {}): Promise<CampaignList> {
    return this.call(api =>
      api.request('get', '/campaigns', { params: { query } }),
    );
  }

  async createCampaign(request: CreateCampaignRequest): Promise<Campaign> {
    return this.call(api =>
      api.request('post', '/campaigns', { body: request }),
    );
  }

  async getCampaign(id: string): Promise<CampaignProgress> {
    return this.call(api =>
      api.request('get', '/campaigns/{campaignId}', {
        params: { path: { campaignId: id } },
      }),
    );
  }

  async updateCampaign(
    id: string,
    change: UpdateCampaignRequest,
  ): Promise<Campaign> {
    return this.call(api =>
      api.request('patch', '/campaigns/{campaignId}', {
        params: { path: { campaignId: id } },
        body: change,
      }),
    );
  }

  async getCampaignBurnup(id: string): Promise<CampaignBurnup> {
    return this.call(api =>
      api.request('get', '/campaigns/{campaignId}/burnup', {
        params: { path: { campaignId: id } },
      }),
    );
  }

  async exportCampaignProgressCsv(id: string): Promise<string> {
    return this.call(api =>
      api.request('get', '/campaigns/{campaignId}/progress.csv', {
        params: { path: { campaignId: id } },
        parseAs: 'text',
      }),
    );
  }

  /**
   * Sends one request of the spec to the discovered backend and returns the
   * response's body. The base URL is discovered on every call, as Backstage's
   * discovery may change it.
   */
  private async call<T>(
    send: (api: Client<paths>) => Promise<{ data?: T }>,
  ): Promise<T> {
    const api = createClient<paths>({
      baseUrl: await this.discoveryApi.getBaseUrl(OSPO_PLUGIN_ID),
      fetch: request => this.fetchOk(request),
    });
    // fetchOk has thrown for every response but a 2xx one, and every 2xx
    // response of the spec has a body.
    const { data } = await send(api);
    return data as T;
  }

  /**
   * Fetches with the given fetchApi, turning an error response into a
   * ResponseError before openapi-fetch reads its body, or a 429 into a
   * TooManyRequestsError that says when to try again.
   */
  private async fetchOk(request: Request): Promise<Response> {
    // Sent as URL and init, not as the Request openapi-fetch built: the
    // browser refuses to copy a Request with a body, which the app's fetch
    // middleware (the one adding the user's token) does.
    const body =
      request.method === 'GET' || request.method === 'HEAD'
        ? undefined
        : await request.text();
    const response = await this.fetchApi.fetch(request.url, {
      method: request.method,
      headers: request.headers,
      body: body || undefined,
      signal: request.signal,
    });
    if (!response.ok) {
      const error = await ResponseError.fromResponse(response);
      throw response.status === 429
        ? TooManyRequestsError.fromResponseError(error)
        : error;
    }
    return response;
  }
}

function entityPath(entityRef: string) {
  const { kind, namespace, name } = parseEntityRef(entityRef);
  return { kind, namespace, name };
}

function teamPath(teamRef: string) {
  const { namespace, name } = parseEntityRef(teamRef, {
    defaultKind: 'group',
    defaultNamespace: 'default',
  });
  return { namespace, name };
}

function itemPath(options: {
  teamRef: string;
  checklistId: string;
  itemId: string;
}) {
  const { checklistId, itemId } = options;
  return { ...teamPath(options.teamRef), checklistId, itemId };
}
