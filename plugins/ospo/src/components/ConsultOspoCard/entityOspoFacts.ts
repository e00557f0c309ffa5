import { Entity } from '@backstage/catalog-model';
import {
  OSPO_LICENSE_ANNOTATION,
  OSPO_PUBLISHED_ANNOTATION,
  OSPO_SBOM_ANNOTATION,
  OSPO_UPSTREAM_ANNOTATION,
  parseLicenseExpression,
  suggestLicenseExpression,
} from '@ospo-kit/plugin-ospo-common';

/**
 * One thing the OSPO would want to know about an entity, read from its
 * annotations.
 */
export interface EntityOspoFact {
  id: 'license' | 'published' | 'fork' | 'sbom';
  /**
   * `missing` marks what the OSPO usually expects and the entity lacks,
   * `invalid` a value it declares that the OSPO's tools cannot read.
   */
  tone: 'present' | 'missing' | 'invalid';
  text: string;
  url?: string;
  hint?: string;
}

/** The kinds that hold code, and so should declare a license and an SBOM. */
const CODE_KINDS = ['component', 'api', 'resource'];

function annotation(entity: Entity, key: string): string | undefined {
  return entity.metadata.annotations?.[key]?.trim() || undefined;
}

/**
 * What an entity's OSPO annotations say: its license, where it is published,
 * what it is a fork of and whether it has an SBOM. A missing license or SBOM
 * is only called out for kinds that hold code; a System or Group shows what
 * it declares and nothing else. A license that is not a valid SPDX expression
 * is called out for any kind, with a fix when one is near.
 */
export function entityOspoFacts(entity: Entity): EntityOspoFact[] {
  const holdsCode = CODE_KINDS.includes(entity.kind.toLocaleLowerCase('en-US'));
  const facts: EntityOspoFact[] = [];

  const license = annotation(entity, OSPO_LICENSE_ANNOTATION);
  if (license && !parseLicenseExpression(license)) {
    const suggestion = suggestLicenseExpression(license);
    facts.push({
      id: 'license',
      tone: 'invalid',
      text: `Declares license ${license}, which is not a valid SPDX expression`,
      hint: suggestion
        ? `Did you mean ${suggestion}?`
        : 'Use ids from the SPDX license list, e.g. Apache-2.0, or LicenseRef-<name> for a license of your own.',
    });
  } else if (license) {
    facts.push({
      id: 'license',
      tone: 'present',
      text: `Declares license ${license}`,
    });
  } else if (holdsCode) {
    facts.push({
      id: 'license',
      tone: 'missing',
      text: 'No license declared',
      hint: `Add the ${OSPO_LICENSE_ANNOTATION} annotation with an SPDX expression, e.g. Apache-2.0.`,
    });
  }

  const publishedAt = annotation(entity, OSPO_PUBLISHED_ANNOTATION);
  if (publishedAt) {
    facts.push({
      id: 'published',
      tone: 'present',
      text: 'Published as open source at',
      url: publishedAt,
    });
  }

  const upstream = annotation(entity, OSPO_UPSTREAM_ANNOTATION);
  if (upstream) {
    facts.push({
      id: 'fork',
      tone: 'present',
      text: 'Fork of',
      url: upstream,
    });
  }

  const sbom = annotation(entity, OSPO_SBOM_ANNOTATION);
  if (sbom) {
    facts.push({ id: 'sbom', tone: 'present', text: 'Has an SBOM', url: sbom });
  } else if (holdsCode) {
    facts.push({
      id: 'sbom',
      tone: 'missing',
      text: 'No SBOM declared',
      hint: `Add the ${OSPO_SBOM_ANNOTATION} annotation with the URL of its software bill of materials.`,
    });
  }

  return facts;
}
