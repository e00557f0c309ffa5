import {
  LatestMetrics,
  MetricDefinition,
  MetricHistory,
  MetricValue,
} from '@ospo-kit/plugin-ospo-common';
import { daysAgo } from './ospoFixtures';

function definition(
  id: string,
  title: string,
  fields: Partial<MetricDefinition> = {},
): MetricDefinition {
  return {
    id,
    title,
    description: `${title}, as the backend describes it.`,
    computation: `How ${title.toLowerCase()} is computed.`,
    unit: 'ratio',
    direction: 'higher-is-better',
    aggregation: 'ratio',
    kinds: ['Component'],
    ...fields,
  };
}

/** When the latest run of the fixtures finished: an hour ago. */
export const latestRunAt = daysAgo(1 / 24);

const WEEK = 7 * 24 * 60 * 60 * 1000;

const count = { unit: 'count', aggregation: 'count' } as const;

/** The built-in metrics, as GET /metrics/latest publishes them. */
export const builtinMetricDefinitions: MetricDefinition[] = [
  definition('inventory.components', 'Components', {
    ...count,
    direction: 'neutral',
    description:
      'How many components the catalog holds, by type and lifecycle.',
    computation:
      'Every Component entity is counted once, under its `spec.type` and its `spec.lifecycle` ("unknown" when missing).',
    breakdowns: { type: 'Type', lifecycle: 'Lifecycle' },
  }),
  definition('ownership.coverage', 'Ownership coverage', {
    description:
      'Share of components owned by a team that exists in the catalog.',
    computation:
      'Components whose `spec.owner` resolves to an existing Group, divided by all components.',
  }),
  definition('source.coverage', 'Source coverage'),
  definition('license.declared', 'License declared'),
  definition('sbom.coverage', 'SBOM coverage'),
  definition('docs.coverage', 'Docs coverage'),
  definition('license.denied', 'Denied licenses', {
    ...count,
    direction: 'lower-is-better',
    breakdowns: { policy: 'Policy class', license: 'License' },
  }),
  definition('outbound.published', 'Published projects', count),
  definition('inbound.forks', 'Forks', {
    ...count,
    direction: 'lower-is-better',
  }),
  definition('checklist.completion', 'Checklist completion', { kinds: [] }),
  definition('checklist.teams-complete', 'Teams with every item done', {
    kinds: [],
  }),
  definition('consultations.opened', 'Consultations opened', {
    ...count,
    direction: 'neutral',
    kinds: [],
  }),
  definition('consultations.first-response', 'Time to first OSPO response', {
    unit: 'hours',
    aggregation: 'median',
    direction: 'lower-is-better',
    kinds: [],
  }),
  definition('consultations.backlog', 'Consultation backlog', {
    ...count,
    direction: 'lower-is-better',
    kinds: [],
  }),
].map(d => ({ ...d, group: groupOf(d.id) }));

/** The group the backend puts each built-in metric in. */
function groupOf(metricId: string): string {
  if (metricId.startsWith('checklist.')) return 'Checklists';
  if (metricId.startsWith('consultations.')) return 'Consultations';
  return 'Catalog';
}

/** One metric's latest figure for a scope, from the latest run. */
export function makeMetricValue(
  scopeRef: string,
  metricId: string,
  fields: Partial<MetricValue> = {},
): MetricValue {
  return { metricId, scopeRef, computedAt: latestRunAt, ...fields };
}

/** What GET /metrics/latest returns for a team. */
export function makeLatestMetrics(
  scopeRef: string,
  values: MetricValue[],
  overrides: Partial<LatestMetrics> = {},
): LatestMetrics {
  return {
    scope: {
      ref: scopeRef,
      type: 'team',
      title: scopeRef.replace(/^group:default\//, ''),
    },
    computedAt: latestRunAt,
    definitions: builtinMetricDefinitions,
    values,
    ...overrides,
  };
}

/**
 * One metric's history for a scope: the given figures, one a week, the last
 * from the latest run (oldest first).
 */
export function makeMetricHistory(
  scopeRef: string,
  metricId: string,
  values: Array<number | undefined>,
): MetricHistory {
  return {
    metricId,
    scopeRef,
    points: values.map((value, index) => ({
      computedAt: new Date(
        Date.parse(latestRunAt) - (values.length - 1 - index) * WEEK,
      ).toISOString(),
      value,
    })),
  };
}
