import { parseEntityRef } from '@backstage/catalog-model';
import { ResponseError } from '@backstage/errors';
import {
  Consultation,
  ConsultationAction,
  ConsultationEvent,
  ConsultationPage,
  ConsultationQuery,
  ConsultationWithEvents,
  CreateConsultationRequest,
  OspoOffice,
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
  TeamChecklists,
  UpdateAnswerRequest,
} from '../types';
import { OspoApi } from './OspoApi';

/**
 * The id under which the backend plugin is mounted (`/api/ospo`).
 *
 * @public
 */
export const OSPO_PLUGIN_ID = 'ospo';

/**
 * An HTTP client of the OSPO backend that works in the browser and in Node.
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
    const body = await this.request<{ items: ChecklistDefinition[] }>(
      '/checklists',
    );
    return body.items;
  }

  async getTeamChecklists(teamRef: string): Promise<TeamChecklists> {
    return this.request(`${teamPath(teamRef)}/checklists`);
  }

  async updateAnswer(options: {
    teamRef: string;
    checklistId: string;
    itemId: string;
    answer: UpdateAnswerRequest;
  }): Promise<ChecklistAnswer> {
    return this.request(itemPath(options), json('PUT', options.answer));
  }

  async getAnswerHistory(options: {
    teamRef: string;
    checklistId: string;
    itemId: string;
  }): Promise<AnswerHistoryEntry[]> {
    const body = await this.request<{ items: AnswerHistoryEntry[] }>(
      `${itemPath(options)}/history`,
    );
    return body.items;
  }

  async getEntityChecklistStatus(
    entityRef: string,
  ): Promise<EntityChecklistStatus> {
    return this.request(`${entityPath(entityRef)}/checklist-status`);
  }

  async getOffice(): Promise<OspoOffice> {
    return this.request('/office');
  }

  async createConsultation(
    entityRef: string,
    request: CreateConsultationRequest,
  ): Promise<Consultation> {
    return this.request(
      `${entityPath(entityRef)}/consultations`,
      json('POST', request),
    );
  }

  async listConsultations(
    query: ConsultationQuery = {},
  ): Promise<ConsultationPage> {
    return this.request(`/consultations${searchOf({ ...query })}`);
  }

  async getConsultation(id: string): Promise<ConsultationWithEvents> {
    return this.request(`/consultations/${enc(id)}`);
  }

  async transitionConsultation(
    id: string,
    transition: { action: ConsultationAction; note?: string },
  ): Promise<Consultation> {
    return this.request(
      `/consultations/${enc(id)}/transitions`,
      json('POST', transition),
    );
  }

  async assignConsultation(
    id: string,
    assigneeRef: string | undefined,
  ): Promise<Consultation> {
    return this.request(
      `/consultations/${enc(id)}/assignee`,
      json('PUT', { assigneeRef: assigneeRef ?? null }),
    );
  }

  async commentOnConsultation(
    id: string,
    body: string,
  ): Promise<ConsultationEvent> {
    return this.request(
      `/consultations/${enc(id)}/comments`,
      json('POST', { body }),
    );
  }

  async getMetricDefinitions(): Promise<MetricDefinition[]> {
    const body = await this.request<{ items: MetricDefinition[] }>(
      '/metrics/definitions',
    );
    return body.items;
  }

  async getLatestMetrics(
    options: { scopeRef?: string } = {},
  ): Promise<LatestMetrics> {
    return this.request(
      `/metrics/latest${searchOf({ scope: options.scopeRef })}`,
    );
  }

  async getMetricHistory(options: {
    metricId: string;
    scopeRef?: string;
    from?: string;
    to?: string;
  }): Promise<MetricHistory> {
    return this.request(
      `/metrics/${enc(options.metricId)}/history${searchOf({
        scope: options.scopeRef,
        from: options.from,
        to: options.to,
      })}`,
    );
  }

  async getScopeMetricHistory(
    options: { scopeRef?: string; from?: string; to?: string } = {},
  ): Promise<MetricHistory[]> {
    const body = await this.request<{ items: MetricHistory[] }>(
      `/metrics/history${searchOf({
        scope: options.scopeRef,
        from: options.from,
        to: options.to,
      })}`,
    );
    return body.items;
  }

  async getMetricFindings(options: {
    metricId: string;
    scopeRef?: string;
    limit?: number;
    offset?: number;
  }): Promise<MetricFindingPage> {
    return this.request(
      `/metrics/${enc(options.metricId)}/findings${searchOf({
        scope: options.scopeRef,
        limit: options.limit,
        offset: options.offset,
      })}`,
    );
  }

  async getMetricsStatus(): Promise<MetricsRunStatus> {
    return this.request('/metrics/status');
  }

  async refreshMetrics(): Promise<MetricsRunStatus> {
    return this.request('/metrics/refresh', { method: 'POST' });
  }

  async getChecklistMatrix(
    query: ChecklistMatrixQuery = {},
  ): Promise<ChecklistMatrix> {
    return this.request(`/dashboard/checklists${searchOf({ ...query })}`);
  }

  async exportChecklistMatrixCsv(
    query: Pick<
      ChecklistMatrixQuery,
      'department' | 'checklistId' | 'status'
    > = {},
  ): Promise<string> {
    const response = await this.fetch(
      `/dashboard/checklists.csv${searchOf({ ...query })}`,
    );
    return response.text();
  }

  async getMetricScopeValues(options: {
    metricId: string;
    parentRef?: string;
  }): Promise<MetricScopeValues> {
    return this.request(
      `/metrics/${enc(options.metricId)}/values${searchOf({
        parent: options.parentRef,
      })}`,
    );
  }

  async exportMetricValuesCsv(metricId: string): Promise<string> {
    const response = await this.fetch(`/metrics/${enc(metricId)}/values.csv`);
    return response.text();
  }

  async getConsultationSummary(): Promise<ConsultationSummary> {
    return this.request('/dashboard/consultations');
  }

  private async request<T>(path: string, init?: RequestInit): Promise<T> {
    const response = await this.fetch(path, init);
    return (await response.json()) as T;
  }

  private async fetch(path: string, init?: RequestInit): Promise<Response> {
    const baseUrl = await this.discoveryApi.getBaseUrl(OSPO_PLUGIN_ID);
    const response = await this.fetchApi.fetch(`${baseUrl}${path}`, init);
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return response;
  }
}

function enc(segment: string): string {
  return encodeURIComponent(segment);
}

type SearchValue = string | number | undefined;

/** A query string (with its `?`) of the defined parameters; arrays repeat. */
function searchOf(params: Record<string, SearchValue | SearchValue[]>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    for (const v of Array.isArray(value) ? value : [value]) {
      if (v !== undefined) search.append(key, String(v));
    }
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

function json(method: string, body: unknown): RequestInit {
  return {
    method,
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  };
}

function entityPath(entityRef: string): string {
  const { kind, namespace, name } = parseEntityRef(entityRef);
  return `/entities/${enc(kind)}/${enc(namespace)}/${enc(name)}`;
}

function teamPath(teamRef: string): string {
  const { namespace, name } = parseEntityRef(teamRef, {
    defaultKind: 'group',
    defaultNamespace: 'default',
  });
  return `/teams/${enc(namespace)}/${enc(name)}`;
}

function itemPath(options: {
  teamRef: string;
  checklistId: string;
  itemId: string;
}): string {
  return `${teamPath(options.teamRef)}/checklists/${enc(
    options.checklistId,
  )}/items/${enc(options.itemId)}`;
}
