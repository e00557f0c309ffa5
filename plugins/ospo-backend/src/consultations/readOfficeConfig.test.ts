import { ConfigReader } from '@backstage/config';
import { DEFAULT_CONSULTATION_TOPICS } from './defaultTopics';
import { readOfficeConfig } from './readOfficeConfig';

type JsonObject = NonNullable<ConstructorParameters<typeof ConfigReader>[0]>;

function read(office: JsonObject) {
  return readOfficeConfig(new ConfigReader({ ospo: { office } }));
}

const topic = (id: string, extra: JsonObject = {}): JsonObject => ({
  id,
  title: `Title of ${id}`,
  description: `Description of ${id}`,
  ...extra,
});

describe('readOfficeConfig', () => {
  it('defaults to group:default/ospo, no contacts and the default topics', () => {
    for (const config of [
      {},
      { ospo: {} },
      { ospo: { office: {} } },
      { ospo: { checklists: [] } },
    ]) {
      expect(readOfficeConfig(new ConfigReader(config))).toEqual({
        groupRef: 'group:default/ospo',
        contacts: [],
        topics: DEFAULT_CONSULTATION_TOPICS,
        responseTargetHours: 48,
      });
    }
    expect(DEFAULT_CONSULTATION_TOPICS.map(t => t.id)).toEqual([
      'new-dependency',
      'contribute-upstream',
      'publish',
      'license-compliance',
      'vulnerability',
      'other',
    ]);
    for (const t of DEFAULT_CONSULTATION_TOPICS) {
      expect(t.title).not.toBe('');
      expect(t.description).not.toBe('');
    }
  });

  it.each([
    ['a bare name', 'open-source', 'group:default/open-source'],
    ['a name with a namespace', 'corp/ospo', 'group:corp/ospo'],
    ['a full ref, in any case', 'Group:Corp/OSPO', 'group:corp/ospo'],
  ])('reads the group from %s', (_, group, groupRef) => {
    expect(read({ group }).groupRef).toBe(groupRef);
  });

  it('reads contacts, office hours and topics in config order', () => {
    const office = read({
      group: 'group:default/ospo-team',
      contacts: [
        { title: 'Chat', url: 'https://chat.example.com/ospo' },
        { title: 'Mailing list', url: 'mailto:ospo@example.com' },
        { title: 'Wiki', url: 'http://wiki.example.com/ospo' },
      ],
      officeHours: 'Thursdays, 14:00 to 15:00 CET',
      responseTarget: { days: 1, hours: 12 },
      topics: [
        topic('licensing', { guidanceUrl: 'https://example.com/licensing' }),
        topic('inner.source_2'),
      ],
    });

    expect(office).toEqual({
      groupRef: 'group:default/ospo-team',
      contacts: [
        { title: 'Chat', url: 'https://chat.example.com/ospo' },
        { title: 'Mailing list', url: 'mailto:ospo@example.com' },
        { title: 'Wiki', url: 'http://wiki.example.com/ospo' },
      ],
      officeHours: 'Thursdays, 14:00 to 15:00 CET',
      topics: [
        {
          id: 'licensing',
          title: 'Title of licensing',
          description: 'Description of licensing',
          guidanceUrl: 'https://example.com/licensing',
        },
        {
          id: 'inner.source_2',
          title: 'Title of inner.source_2',
          description: 'Description of inner.source_2',
        },
      ],
      responseTargetHours: 36,
    });
    // Absent optional values are left out, not undefined or empty.
    expect(office.topics[1]).not.toHaveProperty('guidanceUrl');
    expect(read({})).not.toHaveProperty('officeHours');
  });

  it.each([
    ['an object', { days: 3 }, 72],
    ['an ISO 8601 duration', 'P2D', 48],
    ['hours in ISO 8601', 'PT4H', 4],
    ['a duration in words', '5 days', 120],
  ])('reads the response target from %s', (_, responseTarget, hours) => {
    expect(read({ responseTarget }).responseTargetHours).toBe(hours);
  });

  it.each([
    ['zero', { hours: 0 }, 'longer than zero and at most 90 days'],
    ['a quarter of a year and more', { days: 91 }, 'at most 90 days'],
    ['no duration', 'soon', 'ospo.office.responseTarget: not a duration'],
    ['an unknown unit', { fortnights: 1 }, 'ospo.office.responseTarget'],
  ])(
    'refuses a response target of %s, naming the key',
    (_, responseTarget, message) => {
      expect(() => read({ responseTarget } as JsonObject)).toThrow(message);
    },
  );

  it('accepts a topic id of 100 characters', () => {
    const id = `a${'b'.repeat(99)}`;
    expect(read({ topics: [topic(id)] }).topics[0].id).toBe(id);
  });

  it.each([
    [
      'a contact link with another scheme',
      { contacts: [{ title: 'X', url: 'ftp://files.example.com/ospo' }] },
      'ospo.office.contacts[0].url: only http:, https:, mailto: links are allowed',
    ],
    [
      'a contact link that is no URL',
      {
        contacts: [
          { title: 'Chat', url: 'https://chat.example.com' },
          { title: 'X', url: 'not a url' },
        ],
      },
      "ospo.office.contacts[1].url: 'not a url' is not a URL",
    ],
    [
      'a mailto guidance link',
      { topics: [topic('a', { guidanceUrl: 'mailto:ospo@example.com' })] },
      'ospo.office.topics[0].guidanceUrl: only http:, https: links are allowed',
    ],
    [
      'a file guidance link',
      {
        topics: [topic('a'), topic('b', { guidanceUrl: 'file:///etc/passwd' })],
      },
      'ospo.office.topics[1].guidanceUrl: only http:, https: links are allowed',
    ],
    [
      'a topic id used twice',
      { topics: [topic('licensing'), topic('other'), topic('licensing')] },
      "ospo.office.topics: topic id 'licensing' is used twice",
    ],
    [
      'a topic id with capitals',
      { topics: [topic('Licensing')] },
      "ospo.office.topics[0].id: 'Licensing' is not a valid id",
    ],
    [
      'a topic id with a space',
      { topics: [topic('ok'), topic('new dependency')] },
      "ospo.office.topics[1].id: 'new dependency' is not a valid id",
    ],
    [
      'a topic id starting with a dash',
      { topics: [topic('-x')] },
      "ospo.office.topics[0].id: '-x' is not a valid id",
    ],
    [
      'a topic id over 100 characters',
      { topics: [topic('a'.repeat(101))] },
      'ospo.office.topics[0].id:',
    ],
    [
      'an empty list of topics',
      { topics: [] },
      'ospo.office.topics: at least one topic is needed',
    ],
  ])('refuses %s, naming the key', (_, office, message) => {
    expect(() => read(office as JsonObject)).toThrow(message);
  });

  it.each([
    ['a topic without a description', { topics: [{ id: 'a', title: 'A' }] }],
    ['a contact without a title', { contacts: [{ url: 'https://x.org' }] }],
    ['topics that are not a list', { topics: 'licensing' }],
  ])('refuses %s, as config errors do', (_, office) => {
    expect(() => read(office as JsonObject)).toThrow(/ospo\.office\./);
  });
});
