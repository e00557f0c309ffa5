import { Config } from '@backstage/config';
import {
  ChecklistDefinition,
  ChecklistItemDefinition,
} from '@ospo-kit/plugin-ospo-common';
import { parseValidFor } from './answerExpiry';
import { OSPO_MATURITY_CHECKLIST } from './defaultChecklists';

const ID_PATTERN = /^[a-z0-9][a-z0-9_.-]{0,99}$/;

/**
 * Reads `ospo.checklists`, or falls back to the OSMM "Creating an OSPO"
 * checklist. Throws at start-up on a malformed definition (a `validFor` that
 * is no ISO 8601 duration too), so a typo in config is found before anyone
 * answers a checklist that does not exist.
 *
 * @public
 */
export function readChecklistDefinitions(
  config: Config,
): ChecklistDefinition[] {
  const configs = config.getOptionalConfigArray('ospo.checklists');
  if (!configs) {
    return [OSPO_MATURITY_CHECKLIST];
  }
  const seen = new Set<string>();
  return configs.map((c, index) => {
    const where = `ospo.checklists[${index}]`;
    const id = readId(c.getString('id'), `${where}.id`);
    if (seen.has(id)) {
      throw new Error(`${where}.id: checklist id '${id}' is used twice`);
    }
    seen.add(id);
    const itemIds = new Set<string>();
    const items = c.getConfigArray('items').map((ic, itemIndex) => {
      const itemWhere = `${where}.items[${itemIndex}]`;
      const itemId = readId(ic.getString('id'), `${itemWhere}.id`);
      if (itemIds.has(itemId)) {
        throw new Error(`${itemWhere}.id: item id '${itemId}' is used twice`);
      }
      itemIds.add(itemId);
      const item: ChecklistItemDefinition = {
        id: itemId,
        title: ic.getString('title'),
        description: ic.getString('description'),
      };
      const guidanceUrl = ic.getOptionalString('guidanceUrl');
      if (guidanceUrl !== undefined) {
        item.guidanceUrl = readHttpUrl(guidanceUrl, `${itemWhere}.guidanceUrl`);
      }
      const validFor = ic.getOptionalString('validFor');
      if (validFor !== undefined) {
        parseValidFor(
          validFor,
          `${itemWhere}.validFor (item '${itemId}' of checklist '${id}')`,
        );
        item.validFor = validFor;
      }
      return item;
    });
    if (items.length === 0) {
      throw new Error(`${where}.items: a checklist needs at least one item`);
    }
    const definition: ChecklistDefinition = {
      id,
      title: c.getString('title'),
      items,
    };
    const description = c.getOptionalString('description');
    if (description !== undefined) definition.description = description;
    const osmmLevel = c.getOptionalNumber('osmmLevel');
    if (osmmLevel !== undefined) definition.osmmLevel = osmmLevel;
    return definition;
  });
}

function readId(value: string, where: string): string {
  if (!ID_PATTERN.test(value)) {
    throw new Error(
      `${where}: '${value}' is not a valid id (lower-case letters, digits, '-', '_' or '.', at most 100 characters)`,
    );
  }
  return value;
}

function readHttpUrl(value: string, where: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new Error(`${where}: '${value}' is not a URL`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new Error(`${where}: only http and https links are allowed`);
  }
  return value;
}
