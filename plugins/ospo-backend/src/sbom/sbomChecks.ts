import {
  EntitySbomFacts,
  EntitySbomFinding,
  OspoEntityCheck,
  SbomPackageRef,
} from '@ospo-kit/plugin-ospo-node';
import { scanAgeInDays } from './SbomFacts';

/** Packages named in a verdict; the rest are counted. */
const NAMED = 3;

const NEVER_SCANNED = {
  verdict: 'unknown' as const,
  reason: 'No SBOM was uploaded for it, so its dependencies are unknown',
  fix: 'Have its CI pipeline upload a CycloneDX SBOM (e.g. from cyclonedx-npm, Syft or Trivy) to the OSPO after each build.',
};

function packageName(pkg: SbomPackageRef): string {
  return pkg.version ? `${pkg.name} ${pkg.version}` : pkg.name;
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;
}

/** "a, b and 3 more" */
function named(items: string[], total: number): string {
  const shown = items.slice(0, NAMED);
  const more = total - shown.length;
  if (more > 0) return `${shown.join(', ')} and ${more} more`;
  return shown.length <= 1
    ? shown.join('')
    : `${shown.slice(0, -1).join(', ')} and ${shown[shown.length - 1]}`;
}

/** "scanned 3 days ago", said after each verdict so its age is plain. */
function scanAge(facts: EntitySbomFacts, now: Date): string {
  const days = scanAgeInDays(facts, now);
  if (days <= 0) return 'scanned today';
  return days === 1 ? 'scanned yesterday' : `scanned ${days} days ago`;
}

function vulnerabilities(facts: EntitySbomFacts) {
  return facts.findings.filter(
    (f): f is Extract<EntitySbomFinding, { kind: 'vulnerability' }> =>
      f.kind === 'vulnerability',
  );
}

/**
 * The checks of what is inside a component, from its latest SBOM scan: the
 * licenses of its dependencies and their known vulnerabilities. A component
 * never scanned gets `unknown`, never a pass.
 *
 * @internal
 */
export function createSbomChecks(
  options: { now?: () => Date } = {},
): OspoEntityCheck[] {
  const now = options.now ?? (() => new Date());
  return [
    {
      id: 'dependency-licenses',
      title: 'Dependency licenses',
      kinds: ['Component'],
      fields: [],
      evaluate: (_entity, { sbom }) => {
        if (!sbom) return NEVER_SCANNED;
        const age = scanAge(sbom, now());
        const { denied, review, unknown } = sbom.licenses;
        if (denied > 0) {
          const offenders = sbom.findings.flatMap(f =>
            f.kind === 'license'
              ? [`${packageName(f.package)} (${f.license})`]
              : [],
          );
          return {
            verdict: 'fail',
            reason: `${plural(denied, 'dependency', 'dependencies')} ${
              denied === 1 ? 'is' : 'are'
            } under a license the policy denies: ${named(
              offenders,
              denied,
            )} (${age})`,
            fix: 'Replace or remove them, or consult the OSPO about an exception before it ships.',
            consultTopic: 'license-compliance',
          };
        }
        if (review > 0) {
          return {
            verdict: 'warn',
            reason: `${plural(review, 'dependency', 'dependencies')} ${
              review === 1 ? 'needs' : 'need'
            } the OSPO's license review (${age})`,
            fix: 'Consult the OSPO about the weak copyleft licenses before distributing it.',
            consultTopic: 'license-compliance',
          };
        }
        const unknownNote =
          unknown > 0
            ? `; ${plural(unknown, 'has', 'have')} no license in the SBOM`
            : '';
        return {
          verdict: 'pass',
          reason: `None of its ${plural(
            sbom.componentCount,
            'dependency',
            'dependencies',
          )} is under a denied license${unknownNote} (${age})`,
        };
      },
    },
    {
      id: 'known-vulnerabilities',
      title: 'Known vulnerabilities',
      kinds: ['Component'],
      fields: [],
      evaluate: (_entity, { sbom }) => {
        if (!sbom) return NEVER_SCANNED;
        const age = scanAge(sbom, now());
        const { critical, high, medium, low, unknown } = sbom.vulnerabilities;
        const total = critical + high + medium + low + unknown;
        if (total === 0) {
          return {
            verdict: 'pass',
            reason: `No known vulnerability in ${plural(
              sbom.componentCount,
              'dependency',
              'dependencies',
            )} (${age})`,
          };
        }
        const bySeverity = (
          [
            ['critical', critical],
            ['high', high],
            ['medium', medium],
            ['low', low],
            ['of unknown severity', unknown],
          ] as const
        )
          .filter(([, n]) => n > 0)
          .map(([label, n]) => `${n} ${label}`)
          .join(', ');
        const open = vulnerabilities(sbom);
        const upgrades = new Map<string, string[]>();
        const unfixed: string[] = [];
        for (const finding of open) {
          if (finding.fixedVersion) {
            const key = `${finding.package.name} to ${finding.fixedVersion}`;
            upgrades.set(key, [
              ...(upgrades.get(key) ?? []),
              finding.vulnerabilityId,
            ]);
          } else {
            unfixed.push(
              `${finding.vulnerabilityId} in ${packageName(finding.package)}`,
            );
          }
        }
        const fixes: string[] = [];
        if (upgrades.size > 0) {
          fixes.push(
            `Upgrade ${named(
              [...upgrades].map(
                ([upgrade, ids]) => `${upgrade} (${ids.join(', ')})`,
              ),
              upgrades.size,
            )}.`,
          );
        }
        if (unfixed.length > 0) {
          fixes.push(
            `No fixed version is known for ${named(
              unfixed,
              unfixed.length,
            )}: consult the OSPO on how to respond.`,
          );
        }
        return {
          verdict: critical + high > 0 ? 'fail' : 'warn',
          reason: `${plural(
            total,
            'open vulnerability',
            'open vulnerabilities',
          )} (${bySeverity}) in its dependencies (${age})`,
          fix: fixes.join(' '),
          consultTopic: 'vulnerability',
        };
      },
    },
  ];
}
