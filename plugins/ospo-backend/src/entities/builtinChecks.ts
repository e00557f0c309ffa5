import { Entity } from '@backstage/catalog-model';
import {
  OSPO_LICENSE_ANNOTATION,
  OSPO_PUBLISHED_ANNOTATION,
  OSPO_SBOM_ANNOTATION,
  OSPO_UPSTREAM_ANNOTATION,
  suggestLicenseExpression,
} from '@ospo-kit/plugin-ospo-common';
import { OspoEntityCheck } from '@ospo-kit/plugin-ospo-node';
import { LicensePolicy } from '../metrics/LicensePolicy';
import { scanAgeInDays } from '../sbom/SbomFacts';

const SOURCE_LOCATION_ANNOTATION = 'backstage.io/source-location';
const TECHDOCS_ANNOTATION = 'backstage.io/techdocs-ref';
const ANNOTATIONS = ['metadata.annotations'];
const COMPONENT = ['Component'];

function annotation(entity: Entity, name: string): string | undefined {
  const value = entity.metadata.annotations?.[name];
  return typeof value === 'string' && value.trim() !== ''
    ? value.trim()
    : undefined;
}

function isWebLink(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:';
  } catch {
    return false;
  }
}

function list(items: string[]): string {
  return items.length <= 1
    ? items.join('')
    : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** Pass when an annotation is there, warn when it is not. */
function annotationPresent(options: {
  id: string;
  title: string;
  kinds: string[];
  annotationName: string;
  present: (value: string) => string;
  missing: string;
  fix: string;
}): OspoEntityCheck {
  return {
    id: options.id,
    title: options.title,
    kinds: options.kinds,
    fields: ANNOTATIONS,
    evaluate: entity => {
      const value = annotation(entity, options.annotationName);
      return value
        ? { verdict: 'pass', reason: options.present(value) }
        : { verdict: 'warn', reason: options.missing, fix: options.fix };
    },
  };
}

/** Pass when an annotation that is there holds a web link; absent: no verdict. */
function linkWhenAnnotated(options: {
  id: string;
  title: string;
  annotationName: string;
  pass: (url: string) => string;
  what: string;
}): OspoEntityCheck {
  return {
    id: options.id,
    title: options.title,
    kinds: COMPONENT,
    fields: ANNOTATIONS,
    evaluate: entity => {
      const value = annotation(entity, options.annotationName);
      if (!value) return undefined;
      if (isWebLink(value))
        return { verdict: 'pass', reason: options.pass(value) };
      return {
        verdict: 'fail',
        reason: `\`${options.annotationName}\` is '${value}', not a web link`,
        fix: `Set \`${options.annotationName}\` to the https address of ${options.what}.`,
      };
    },
  };
}

/**
 * The checks the OSPO plugin ships: what the catalog metrics read, as a
 * verdict on each entity.
 *
 * @internal
 */
export function createBuiltinChecks(options: {
  licensePolicy: LicensePolicy;
  /** Days after which an SBOM scan is stale; 30 unless said. */
  sbomStaleAfterDays?: number;
  now?: () => Date;
}): OspoEntityCheck[] {
  const { licensePolicy } = options;
  const sbomStaleAfterDays = options.sbomStaleAfterDays ?? 30;
  const now = options.now ?? (() => new Date());
  return [
    {
      id: 'owner',
      title: 'Owning team',
      kinds: ['Component', 'API', 'System', 'Resource'],
      fields: [],
      evaluate: (_entity, context) => {
        if (context.teamRef) {
          return { verdict: 'pass', reason: `Owned by ${context.teamRef}` };
        }
        const fix =
          'Set `spec.owner` to the Group of the team that maintains it, as it is named in the catalog.';
        if (!context.ownerRef) {
          return { verdict: 'fail', reason: 'No owner is set', fix };
        }
        if (context.ownerRef.startsWith('group:')) {
          return {
            verdict: 'fail',
            reason: `The owner ${context.ownerRef} is not in the catalog`,
            fix,
          };
        }
        return {
          verdict: 'warn',
          reason: `Owned by ${context.ownerRef}, a person rather than a team`,
          fix,
        };
      },
    },
    {
      id: 'license-declared',
      title: 'License declared',
      kinds: COMPONENT,
      fields: ANNOTATIONS,
      evaluate: entity => {
        const license = annotation(entity, OSPO_LICENSE_ANNOTATION);
        if (!license) {
          return {
            verdict: 'fail',
            reason: 'No license is declared',
            fix: `Add the \`${OSPO_LICENSE_ANNOTATION}\` annotation with the SPDX expression of its license, e.g. \`Apache-2.0\`.`,
          };
        }
        if (licensePolicy.classify(license) === 'invalid') {
          const suggestion = suggestLicenseExpression(license);
          return {
            verdict: 'fail',
            reason: `'${license}' is not a valid SPDX license expression`,
            fix: suggestion
              ? `Write it as \`${suggestion}\`.`
              : 'Use license ids from the SPDX license list, joined by AND, OR or WITH.',
          };
        }
        return { verdict: 'pass', reason: `Declares ${license}` };
      },
    },
    {
      id: 'license-policy',
      title: 'License policy',
      kinds: COMPONENT,
      fields: ANNOTATIONS,
      evaluate: entity => {
        const license = annotation(entity, OSPO_LICENSE_ANNOTATION);
        const { cls, culprits } = license
          ? licensePolicy.explain(license)
          : { cls: 'invalid' as const, culprits: [] };
        const named = list(culprits);
        switch (cls) {
          case 'allowed':
            return {
              verdict: 'pass',
              reason: `${license} is allowed by the license policy`,
            };
          case 'review':
            return {
              verdict: 'warn',
              reason: `${named} ${
                culprits.length > 1 ? 'need' : 'needs'
              } the OSPO's review`,
              fix: 'Consult the OSPO about the license before publishing or distributing it.',
            };
          case 'denied':
            return {
              verdict: 'fail',
              reason: `${named} ${
                culprits.length > 1 ? 'are' : 'is'
              } denied by the license policy`,
              fix: 'Relicense it under an allowed license, or consult the OSPO about an exception.',
            };
          case 'unclassified':
            return {
              verdict: 'warn',
              reason: `${named} ${
                culprits.length > 1 ? 'are' : 'is'
              } in none of the policy's lists`,
              fix: 'Ask the OSPO to classify the license.',
            };
          default:
            return {
              verdict: 'unknown',
              reason: 'Cannot be classed without a valid declared license',
              fix: `Declare the license in \`${OSPO_LICENSE_ANNOTATION}\` first.`,
            };
        }
      },
    },
    annotationPresent({
      id: 'source-location',
      title: 'Source location',
      kinds: COMPONENT,
      annotationName: SOURCE_LOCATION_ANNOTATION,
      present: () => 'Says where its source code lives',
      missing: 'Does not say where its source code lives',
      fix: `Add the \`${SOURCE_LOCATION_ANNOTATION}\` annotation, e.g. \`url:https://github.com/acme/checkout\`.`,
    }),
    {
      id: 'sbom',
      title: 'Software bill of materials',
      kinds: COMPONENT,
      fields: ANNOTATIONS,
      evaluate: (entity, { sbom }) => {
        const upload =
          'Have its CI pipeline upload a CycloneDX SBOM to the OSPO after each build (`POST /api/ospo/entities/{kind}/{namespace}/{name}/sbom`).';
        if (sbom) {
          const days = scanAgeInDays(sbom, now());
          return days > sbomStaleAfterDays
            ? {
                verdict: 'warn',
                reason: `Its latest SBOM scan is ${days} days old; scans older than ${sbomStaleAfterDays} days are stale`,
                fix: upload,
              }
            : {
                verdict: 'pass',
                reason: `Scanned ${
                  days === 0 ? 'today' : `${days} days ago`
                }: ${sbom.componentCount.toLocaleString('en-US')} ${
                  sbom.componentCount === 1 ? 'dependency' : 'dependencies'
                }`,
              };
        }
        return annotation(entity, OSPO_SBOM_ANNOTATION)
          ? {
              verdict: 'warn',
              reason:
                'Links a software bill of materials, but none was uploaded, so its dependencies are not checked',
              fix: upload,
            }
          : {
              verdict: 'warn',
              reason: 'Has no software bill of materials',
              fix: upload,
            };
      },
    },
    annotationPresent({
      id: 'techdocs',
      title: 'Documentation',
      kinds: ['Component', 'API', 'System'],
      annotationName: TECHDOCS_ANNOTATION,
      present: () => 'Has TechDocs',
      missing: 'Has no TechDocs',
      fix: `Add a \`docs/\` folder and the \`${TECHDOCS_ANNOTATION}\` annotation, e.g. \`dir:.\`.`,
    }),
    linkWhenAnnotated({
      id: 'fork-upstream',
      title: 'Fork registered with its upstream',
      annotationName: OSPO_UPSTREAM_ANNOTATION,
      pass: url => `Internal fork of ${url}`,
      what: 'the upstream project it was forked from',
    }),
    linkWhenAnnotated({
      id: 'published-repository',
      title: 'Published repository',
      annotationName: OSPO_PUBLISHED_ANNOTATION,
      pass: url => `Published at ${url}`,
      what: 'its public repository',
    }),
  ];
}
