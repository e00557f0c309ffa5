import { http, HttpResponse } from 'msw';
import { SetupServer } from 'msw/node';
import { MetricsRunStatus, ORG_SCOPE } from '@ospo-kit/plugin-ospo-common';
import {
  consultationSummary,
  makeChecklistMatrix,
  makeFindingPage,
} from './dashboardFixtures';
import {
  latestRunAt,
  makeLatestMetrics,
  makeMetricHistory,
  makeMetricValue,
} from './metricFixtures';
import { OSPO_BASE_URL, daysAgo } from './ospoFixtures';
import { sbomOffenders, sbomVulnerabilities } from './sbomFixtures';

/** The last metrics run: finished an hour ago. */
export const finishedRunStatus: MetricsRunStatus = {
  lastSuccess: {
    runId: 'run-1',
    startedAt: daysAgo(1 / 24 + 1 / (24 * 60)),
    finishedAt: latestRunAt,
    processedEntities: 2400,
  },
};

/**
 * Serves every request of the dashboard with the fixtures, and counts the
 * requests by path (e.g. `/metrics/latest`).
 */
export function serveDashboard(
  server: SetupServer,
  options: { status?: MetricsRunStatus } = {},
) {
  const counts: Record<string, number> = {};
  const count = (request: Request) => {
    const path = new URL(request.url).pathname.replace(/^\/api\/ospo/, '');
    counts[path] = (counts[path] ?? 0) + 1;
  };
  server.use(
    http.get(`${OSPO_BASE_URL}/metrics/latest`, ({ request }) => {
      count(request);
      return HttpResponse.json(
        makeLatestMetrics(
          ORG_SCOPE,
          [
            makeMetricValue(ORG_SCOPE, 'ownership.coverage', {
              value: 0.75,
              numerator: 12,
              denominator: 16,
            }),
          ],
          { scope: { ref: ORG_SCOPE, type: 'org', title: 'Organisation' } },
        ),
      );
    }),
    http.get(`${OSPO_BASE_URL}/metrics/history`, ({ request }) => {
      count(request);
      return HttpResponse.json({
        items: [
          makeMetricHistory(ORG_SCOPE, 'ownership.coverage', [0.5, 0.75]),
        ],
      });
    }),
    http.get(`${OSPO_BASE_URL}/metrics/:metricId/findings`, ({ request }) => {
      count(request);
      return HttpResponse.json(makeFindingPage('license.denied', []));
    }),
    http.get(`${OSPO_BASE_URL}/dashboard/checklists`, ({ request }) => {
      count(request);
      return HttpResponse.json(makeChecklistMatrix());
    }),
    http.get(`${OSPO_BASE_URL}/dashboard/consultations`, ({ request }) => {
      count(request);
      return HttpResponse.json(consultationSummary);
    }),
    http.get(`${OSPO_BASE_URL}/sbom/offenders`, ({ request }) => {
      count(request);
      return HttpResponse.json(sbomOffenders);
    }),
    http.get(`${OSPO_BASE_URL}/sbom/vulnerabilities`, ({ request }) => {
      count(request);
      return HttpResponse.json(sbomVulnerabilities);
    }),
    http.get(`${OSPO_BASE_URL}/metrics/status`, ({ request }) => {
      count(request);
      return HttpResponse.json(options.status ?? finishedRunStatus);
    }),
  );
  return counts;
}
