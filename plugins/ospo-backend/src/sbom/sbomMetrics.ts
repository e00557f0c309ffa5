import {
  MetricCollectContext,
  OspoMetric,
  ScopedMetricObservation,
} from '@ospo-kit/plugin-ospo-node';
import { scanAgeInDays } from './SbomFacts';
import { SbomFinding, SbomStore } from './SbomStore';

const HOUR_MS = 60 * 60 * 1000;
const DAY_MS = 24 * HOUR_MS;
const COMPONENT = ['Component'];

/**
 * The metrics of what is inside the components, from their latest SBOM
 * scans: which are scanned, the license classes of their dependencies and
 * the violations among them, open vulnerabilities by severity, and how long
 * violations and vulnerabilities took to fix. A component never scanned
 * counts as not scanned, and in none of the others: it is unknown, not
 * clean.
 *
 * @internal
 */
export function createSbomMetrics(options: {
  store: SbomStore;
  /** A scan older than this is stale. */
  staleAfterDays: number;
  /** The period the time-to-fix metrics look back over. */
  periodDays: number;
  now?: () => Date;
}): OspoMetric[] {
  const { store, staleAfterDays, periodDays } = options;
  const now = options.now ?? (() => new Date());

  /** Time to fix of the findings of one kind resolved in the period, in hours. */
  const timeToFix = (kind: SbomFinding['kind']) =>
    async function* collect(
      context: MetricCollectContext,
    ): AsyncGenerator<ScopedMetricObservation> {
      const since = new Date(context.now.getTime() - periodDays * DAY_MS);
      const records = (
        await store.listFindings({ kind, resolvedSince: since })
      ).filter(r => r.resolvedAt && r.resolvedAt >= since);
      const teams = await context.owningTeams([
        ...new Set(records.map(r => r.entityRef)),
      ]);
      for (const record of records) {
        yield {
          teamRef: teams.get(record.entityRef),
          observation: {
            sample:
              (record.resolvedAt!.getTime() - record.firstSeenAt.getTime()) /
              HOUR_MS,
          },
        };
      }
    };

  const fixDefinitions = (
    kind: SbomFinding['kind'],
    what: string,
    title: string,
  ): OspoMetric[] =>
    (['median', 'mean'] as const).map(aggregation => ({
      definition: {
        id: `${
          kind === 'license' ? 'dependencies.violations' : 'vulnerabilities'
        }.time-to-fix${aggregation === 'mean' ? '-mean' : ''}`,
        title: `${title} (${aggregation})`,
        description: `The ${aggregation} time from when ${what} first appeared in a component's SBOM scans to the scan that no longer had it, over the last ${periodDays} days.`,
        computation: `For each ${what} that a scan of a component no longer had in the ${periodDays} days before the run, the hours from the first scan that had it to the first scan without it; the ${aggregation} of those, attributed to the team owning the component.`,
        unit: 'hours',
        direction: 'lower-is-better',
        aggregation,
        kinds: [],
        group: 'Dependencies',
      },
      collect: timeToFix(kind),
    }));

  return [
    {
      definition: {
        id: 'sbom.scanned',
        title: 'Components scanned',
        description: `Share of components with an SBOM scan uploaded in the last ${staleAfterDays} days.`,
        computation: `Components whose latest uploaded SBOM is at most ${staleAfterDays} days old, divided by all components. A component with an older scan is stale; one without any is never scanned: both count as not scanned.`,
        unit: 'ratio',
        direction: 'higher-is-better',
        aggregation: 'ratio',
        kinds: COMPONENT,
        group: 'Dependencies',
        breakdowns: { scan: 'Latest scan' },
      },
      catalog: {
        fields: [],
        observe: (_entity, { sbom }) => {
          if (!sbom) {
            return {
              numerator: 0,
              denominator: 1,
              breakdown: { scan: 'never' },
              finding: 'Never scanned: no SBOM was uploaded',
            };
          }
          const days = scanAgeInDays(sbom, now());
          return days > staleAfterDays
            ? {
                numerator: 0,
                denominator: 1,
                breakdown: { scan: 'stale' },
                finding: `Stale: last scanned ${days} days ago`,
              }
            : { numerator: 1, denominator: 1, breakdown: { scan: 'fresh' } };
        },
      },
    },
    {
      definition: {
        id: 'dependencies.licenses',
        title: 'Dependencies by license',
        description:
          'The dependencies in the latest SBOM scans of the components, by the class of their license under the license policy.',
        computation:
          'The components (packages) listed in the latest SBOM of each scanned component, counted once per component that lists them, by license class: allowed, review, denied, unclassified (in none of the lists) or unknown (no license, or not a valid SPDX expression). Components never scanned are not counted.',
        unit: 'count',
        direction: 'neutral',
        aggregation: 'count',
        kinds: COMPONENT,
        group: 'Dependencies',
        breakdowns: { class: 'License class' },
      },
      catalog: {
        fields: [],
        observe: (_entity, { sbom }) =>
          sbom
            ? {
                count: sbom.componentCount,
                tally: { class: { ...sbom.licenses } },
              }
            : undefined,
      },
    },
    {
      definition: {
        id: 'dependencies.violations',
        title: 'Dependency license violations',
        description:
          'Dependencies under a license the policy denies, in the latest SBOM scans of the components.',
        computation:
          'For each scanned component, the dependencies in its latest SBOM whose license the policy denies (`ospo.licenses.denied`); summed. Each component with one is listed. Components never scanned are not counted.',
        unit: 'count',
        direction: 'lower-is-better',
        aggregation: 'count',
        kinds: COMPONENT,
        group: 'Dependencies',
        breakdowns: { component: 'Components' },
      },
      catalog: {
        fields: [],
        observe: (_entity, { sbom }) => {
          if (!sbom) return undefined;
          const denied = sbom.licenses.denied;
          if (denied === 0) {
            return { count: 0, breakdown: { component: 'clean' } };
          }
          const names = sbom.findings.flatMap(f =>
            f.kind === 'license' ? [`${f.package.name} (${f.license})`] : [],
          );
          return {
            count: denied,
            breakdown: { component: 'with violations' },
            finding: `${denied} denied: ${names.slice(0, 3).join(', ')}${
              denied > 3 ? ', …' : ''
            }`,
          };
        },
      },
    },
    {
      definition: {
        id: 'vulnerabilities.open',
        title: 'Open vulnerabilities',
        description:
          'Known vulnerabilities in the dependencies of the components, by severity, from their latest SBOM scans.',
        computation:
          'For each scanned component, the vulnerabilities its latest SBOM reports (one per vulnerability id and affected package), by the highest severity the scanner rated; summed. Each component with a critical or high one is listed. Components never scanned are not counted.',
        unit: 'count',
        direction: 'lower-is-better',
        aggregation: 'count',
        kinds: COMPONENT,
        group: 'Dependencies',
        breakdowns: { severity: 'Severity' },
      },
      catalog: {
        fields: [],
        observe: (_entity, { sbom }) => {
          if (!sbom) return undefined;
          const counts = sbom.vulnerabilities;
          const total =
            counts.critical +
            counts.high +
            counts.medium +
            counts.low +
            counts.unknown;
          const serious = counts.critical + counts.high;
          return {
            count: total,
            tally: { severity: { ...counts } },
            finding:
              serious > 0
                ? `${counts.critical} critical, ${counts.high} high`
                : undefined,
          };
        },
      },
    },
    ...fixDefinitions(
      'license',
      'a dependency license violation',
      'Time to fix a license violation',
    ),
    ...fixDefinitions(
      'vulnerability',
      'a vulnerability',
      'Time to fix a vulnerability',
    ),
  ];
}
