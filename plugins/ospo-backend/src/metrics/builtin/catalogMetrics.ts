import { Entity } from '@backstage/catalog-model';
import {
  OSPO_LICENSE_ANNOTATION,
  OSPO_PUBLISHED_ANNOTATION,
  OSPO_SBOM_ANNOTATION,
  OSPO_UPSTREAM_ANNOTATION,
} from '@ospo-kit/plugin-ospo-common';
import { OspoMetric } from '@ospo-kit/plugin-ospo-node';
import { LicensePolicy } from '../LicensePolicy';

const SOURCE_LOCATION_ANNOTATION = 'backstage.io/source-location';
const TECHDOCS_ANNOTATION = 'backstage.io/techdocs-ref';
const COMPONENT = ['Component'];
const ANNOTATIONS = ['metadata.annotations'];

function annotation(entity: Entity, name: string): string | undefined {
  const value = entity.metadata.annotations?.[name];
  return typeof value === 'string' && value.trim() !== ''
    ? value.trim()
    : undefined;
}

/** A share of components having an annotation. */
function coverage(options: {
  id: string;
  title: string;
  description: string;
  annotationName: string;
}): OspoMetric {
  return {
    definition: {
      id: options.id,
      title: options.title,
      description: options.description,
      computation: `Components with a non-empty \`${options.annotationName}\` annotation, divided by all components.`,
      unit: 'ratio',
      direction: 'higher-is-better',
      aggregation: 'ratio',
      kinds: COMPONENT,
      group: 'Catalog',
    },
    catalog: {
      fields: ANNOTATIONS,
      observe: entity => ({
        numerator: annotation(entity, options.annotationName) ? 1 : 0,
        denominator: 1,
      }),
    },
  };
}

/** A count of components having an annotation, each listed as a finding. */
function annotatedCount(options: {
  id: string;
  title: string;
  description: string;
  annotationName: string;
  direction: 'higher-is-better' | 'lower-is-better';
  finding: (value: string) => string;
}): OspoMetric {
  return {
    definition: {
      id: options.id,
      title: options.title,
      description: options.description,
      computation: `Components with a non-empty \`${options.annotationName}\` annotation.`,
      unit: 'count',
      direction: options.direction,
      aggregation: 'count',
      kinds: COMPONENT,
      group: 'Catalog',
    },
    catalog: {
      fields: ANNOTATIONS,
      observe: entity => {
        const value = annotation(entity, options.annotationName);
        return value
          ? { count: 1, finding: options.finding(value) }
          : undefined;
      },
    },
  };
}

/**
 * The metrics computed from the catalog's components.
 *
 * @internal
 */
export function createCatalogMetrics(options: {
  licensePolicy: LicensePolicy;
}): OspoMetric[] {
  const { licensePolicy } = options;
  return [
    {
      definition: {
        id: 'inventory.components',
        title: 'Components',
        description:
          'How many components the catalog holds, by type and lifecycle.',
        computation:
          'Every Component entity is counted once, under its `spec.type` and its `spec.lifecycle` ("unknown" when missing).',
        unit: 'count',
        direction: 'neutral',
        aggregation: 'count',
        kinds: COMPONENT,
        group: 'Catalog',
        breakdowns: { type: 'Type', lifecycle: 'Lifecycle' },
      },
      catalog: {
        fields: ['spec.type', 'spec.lifecycle'],
        observe: entity => ({
          count: 1,
          breakdown: {
            type: stringOr(entity.spec?.type, 'unknown'),
            lifecycle: stringOr(entity.spec?.lifecycle, 'unknown'),
          },
        }),
      },
    },
    {
      definition: {
        id: 'ownership.coverage',
        title: 'Ownership coverage',
        description:
          'Share of components owned by a team that exists in the catalog.',
        computation:
          'Components whose `spec.owner` resolves to an existing Group, divided by all components. Components owned by a user, by nobody, or by a Group missing from the catalog do not count; they are listed.',
        unit: 'ratio',
        direction: 'higher-is-better',
        aggregation: 'ratio',
        kinds: COMPONENT,
        group: 'Catalog',
      },
      catalog: {
        fields: [],
        observe: (_entity, context) => {
          if (context.teamRef) return { numerator: 1, denominator: 1 };
          let finding = 'No owner';
          if (context.ownerRef?.startsWith('group:')) {
            finding = `Owner ${context.ownerRef} is not in the catalog`;
          } else if (context.ownerRef) {
            finding = `Owner ${context.ownerRef} is not a Group`;
          }
          return { numerator: 0, denominator: 1, finding };
        },
      },
    },
    coverage({
      id: 'source.coverage',
      title: 'Source coverage',
      description:
        'Share of components that say where their source code lives.',
      annotationName: SOURCE_LOCATION_ANNOTATION,
    }),
    {
      definition: {
        id: 'license.declared',
        title: 'License declared',
        description: 'Share of components that declare their license.',
        computation: `Components whose \`${OSPO_LICENSE_ANNOTATION}\` annotation is a valid SPDX license expression (every license on the SPDX license list, or a \`LicenseRef-\`), divided by all components.`,
        unit: 'ratio',
        direction: 'higher-is-better',
        aggregation: 'ratio',
        kinds: COMPONENT,
        group: 'Catalog',
      },
      catalog: {
        fields: ANNOTATIONS,
        observe: entity => {
          const license = annotation(entity, OSPO_LICENSE_ANNOTATION);
          const valid =
            license !== undefined &&
            licensePolicy.classify(license) !== 'invalid';
          return { numerator: valid ? 1 : 0, denominator: 1 };
        },
      },
    },
    {
      definition: {
        id: 'license.denied',
        title: 'Denied licenses',
        description:
          'Components under a license the policy denies, with every component counted by license and by policy class.',
        computation: `Each component's \`${OSPO_LICENSE_ANNOTATION}\` expression is classed by \`ospo.licenses\`: allowed, review or denied; a license in no list is unclassified, and a value that is not a valid SPDX expression (a license not on the SPDX license list included) is invalid. An OR takes the best class of its sides, an AND the worst. The figure counts the denied ones, which are listed.`,
        unit: 'count',
        direction: 'lower-is-better',
        aggregation: 'count',
        kinds: COMPONENT,
        group: 'Catalog',
        breakdowns: { policy: 'Policy class', license: 'License' },
      },
      catalog: {
        fields: ANNOTATIONS,
        observe: entity => {
          const license = annotation(entity, OSPO_LICENSE_ANNOTATION);
          if (!license) {
            return {
              breakdown: { policy: 'undeclared', license: 'undeclared' },
            };
          }
          const policy = licensePolicy.classify(license);
          return {
            count: policy === 'denied' ? 1 : 0,
            breakdown: { policy, license },
            finding: policy === 'denied' ? `${license} is denied` : undefined,
          };
        },
      },
    },
    coverage({
      id: 'sbom.coverage',
      title: 'SBOM coverage',
      description: 'Share of components with a software bill of materials.',
      annotationName: OSPO_SBOM_ANNOTATION,
    }),
    annotatedCount({
      id: 'outbound.published',
      title: 'Published as open source',
      description: 'Components the organisation publishes as open source.',
      annotationName: OSPO_PUBLISHED_ANNOTATION,
      direction: 'higher-is-better',
      finding: url => `Published at ${url}`,
    }),
    annotatedCount({
      id: 'inbound.forks',
      title: 'Internal forks',
      description:
        'Components that are internal forks of upstream open source projects: each one risks drifting from its upstream.',
      annotationName: OSPO_UPSTREAM_ANNOTATION,
      direction: 'lower-is-better',
      finding: url => `Fork of ${url}`,
    }),
    coverage({
      id: 'docs.coverage',
      title: 'Documentation coverage',
      description: 'Share of components with TechDocs.',
      annotationName: TECHDOCS_ANNOTATION,
    }),
  ];
}

function stringOr(value: unknown, fallback: string): string {
  return typeof value === 'string' && value.trim() !== ''
    ? value.trim()
    : fallback;
}
