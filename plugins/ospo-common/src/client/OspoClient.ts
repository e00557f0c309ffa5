import { parseEntityRef } from '@backstage/catalog-model';
import { ResponseError } from '@backstage/errors';
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
    return this.request(itemPath(options), {
      method: 'PUT',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(options.answer),
    });
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
    const { kind, namespace, name } = parseEntityRef(entityRef);
    return this.request(
      `/entities/${enc(kind)}/${enc(namespace)}/${enc(name)}/checklist-status`,
    );
  }

  private async request<T>(path: string, init?: RequestInit): Promise<T> {
    const baseUrl = await this.discoveryApi.getBaseUrl(OSPO_PLUGIN_ID);
    const response = await this.fetchApi.fetch(`${baseUrl}${path}`, init);
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return (await response.json()) as T;
  }
}

function enc(segment: string): string {
  return encodeURIComponent(segment);
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
