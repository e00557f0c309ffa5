import { Config, readDurationFromConfig } from '@backstage/config';
import { durationToMilliseconds } from '@backstage/types';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { ConsultationTopic, OspoOffice } from '@ospo-kit/plugin-ospo-common';
import { DEFAULT_CONSULTATION_TOPICS } from './defaultTopics';

const ID_PATTERN = /^[a-z0-9][a-z0-9_.-]{0,99}$/;
const HOUR_MS = 60 * 60 * 1000;
/** Two days, as the OSPO's promise when none is configured. */
const DEFAULT_RESPONSE_TARGET_HOURS = 48;
/** A target past a quarter of a year is a mistake, not a promise. */
const MAX_RESPONSE_TARGET_HOURS = 90 * 24;

/**
 * Reads `ospo.office`: the OSPO's group, contacts, office hours, topics and
 * first-response target. Throws at start-up on a malformed entry, naming
 * the key.
 *
 * @public
 */
export function readOfficeConfig(config: Config): OspoOffice {
  const office = config.getOptionalConfig('ospo.office');
  const groupRef = readOfficeGroupRef(config);
  const contacts = (office?.getOptionalConfigArray('contacts') ?? []).map(
    (c, i) => ({
      title: c.getString('title'),
      url: readUrl(c.getString('url'), `ospo.office.contacts[${i}].url`, [
        'http:',
        'https:',
        'mailto:',
      ]),
    }),
  );
  const topicConfigs = office?.getOptionalConfigArray('topics');
  const topics = topicConfigs
    ? topicConfigs.map((t, i) => readTopic(t, `ospo.office.topics[${i}]`))
    : DEFAULT_CONSULTATION_TOPICS;
  const ids = new Set<string>();
  for (const topic of topics) {
    if (ids.has(topic.id)) {
      throw new Error(
        `ospo.office.topics: topic id '${topic.id}' is used twice`,
      );
    }
    ids.add(topic.id);
  }
  if (topics.length === 0) {
    throw new Error('ospo.office.topics: at least one topic is needed');
  }
  const result: OspoOffice = {
    groupRef,
    contacts,
    topics,
    responseTargetHours: readResponseTargetHours(office),
  };
  const officeHours = office?.getOptionalString('officeHours');
  if (officeHours) result.officeHours = officeHours;
  return result;
}

/**
 * Reads `ospo.office.group`, the Group whose members are OSPO staff, as a full
 * entity ref; `group:default/ospo` when it is not set.
 *
 * @internal
 */
export function readOfficeGroupRef(config: Config): string {
  return stringifyEntityRef(
    parseEntityRef(
      config.getOptionalString('ospo.office.group') ?? 'group:default/ospo',
      { defaultKind: 'group', defaultNamespace: 'default' },
    ),
  );
}

/**
 * `ospo.office.responseTarget` in hours: a duration such as `{ days: 2 }` or
 * `P2D`, counted in weekday time (see `addWeekdayTime`).
 */
function readResponseTargetHours(office: Config | undefined): number {
  if (!office?.has('responseTarget')) {
    return DEFAULT_RESPONSE_TARGET_HOURS;
  }
  let hours: number;
  try {
    hours =
      durationToMilliseconds(
        readDurationFromConfig(office, { key: 'responseTarget' }),
      ) / HOUR_MS;
  } catch (error) {
    throw new Error(
      `ospo.office.responseTarget: not a duration such as { days: 2 } or P2D (${error})`,
    );
  }
  if (!(hours > 0) || hours > MAX_RESPONSE_TARGET_HOURS) {
    throw new Error(
      'ospo.office.responseTarget must be longer than zero and at most 90 days',
    );
  }
  return hours;
}

function readTopic(c: Config, where: string): ConsultationTopic {
  const id = c.getString('id');
  if (!ID_PATTERN.test(id)) {
    throw new Error(`${where}.id: '${id}' is not a valid id`);
  }
  const topic: ConsultationTopic = {
    id,
    title: c.getString('title'),
    description: c.getString('description'),
  };
  const guidanceUrl = c.getOptionalString('guidanceUrl');
  if (guidanceUrl) {
    topic.guidanceUrl = readUrl(guidanceUrl, `${where}.guidanceUrl`, [
      'http:',
      'https:',
    ]);
  }
  return topic;
}

function readUrl(value: string, where: string, protocols: string[]): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new Error(`${where}: '${value}' is not a URL`);
  }
  if (!protocols.includes(url.protocol)) {
    throw new Error(`${where}: only ${protocols.join(', ')} links are allowed`);
  }
  return value;
}
