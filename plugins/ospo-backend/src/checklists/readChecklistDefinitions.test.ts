import { ConfigReader } from '@backstage/config';
import { OSPO_MATURITY_CHECKLIST } from './defaultChecklists';
import { readChecklistDefinitions } from './readChecklistDefinitions';

type JsonObject = NonNullable<ConstructorParameters<typeof ConfigReader>[0]>;

function read(checklists: JsonObject[]) {
  return readChecklistDefinitions(new ConfigReader({ ospo: { checklists } }));
}

const item = (id: string, extra: JsonObject = {}): JsonObject => ({
  id,
  title: `Title of ${id}`,
  description: `Description of ${id}`,
  ...extra,
});

describe('readChecklistDefinitions', () => {
  it('falls back to the OSMM "Creating an OSPO" checklist when unconfigured', () => {
    for (const config of [
      {},
      { ospo: {} },
      { ospo: { office: { group: 'x' } } },
    ]) {
      const definitions = readChecklistDefinitions(new ConfigReader(config));
      expect(definitions).toEqual([OSPO_MATURITY_CHECKLIST]);
    }
    expect(OSPO_MATURITY_CHECKLIST).toMatchObject({ id: 'ospo', osmmLevel: 2 });
    expect(OSPO_MATURITY_CHECKLIST.items.map(i => i.id)).toEqual([
      'creation',
      'stakeholders',
      'awareness',
      'consultation',
      'measurement',
    ]);
    for (const i of OSPO_MATURITY_CHECKLIST.items) {
      expect(i.title).not.toBe('');
      expect(i.description).not.toBe('');
    }
  });

  it('reads configured checklists in order, keeping only the keys given', () => {
    const definitions = read([
      {
        id: 'inner-source',
        title: 'Inner source',
        description: 'Sharing code inside the company',
        osmmLevel: 3,
        items: [
          item('contributing', {
            guidanceUrl: 'https://example.com/contributing',
          }),
          item('code.owners_1'),
        ],
      },
      { id: 'licensing', title: 'Licensing', items: [item('spdx')] },
    ]);

    expect(definitions).toEqual([
      {
        id: 'inner-source',
        title: 'Inner source',
        description: 'Sharing code inside the company',
        osmmLevel: 3,
        items: [
          {
            id: 'contributing',
            title: 'Title of contributing',
            description: 'Description of contributing',
            guidanceUrl: 'https://example.com/contributing',
          },
          {
            id: 'code.owners_1',
            title: 'Title of code.owners_1',
            description: 'Description of code.owners_1',
          },
        ],
      },
      {
        id: 'licensing',
        title: 'Licensing',
        items: [
          {
            id: 'spdx',
            title: 'Title of spdx',
            description: 'Description of spdx',
          },
        ],
      },
    ]);
    // Absent optional keys are left out rather than set to undefined.
    expect(Object.keys(definitions[1])).toEqual(['id', 'title', 'items']);
    expect(Object.keys(definitions[1].items[0])).toEqual([
      'id',
      'title',
      'description',
    ]);
  });

  it('allows the same item id in different checklists', () => {
    const definitions = read([
      { id: 'a', title: 'A', items: [item('one')] },
      { id: 'b', title: 'B', items: [item('one')] },
    ]);
    expect(definitions.map(d => d.items[0].id)).toEqual(['one', 'one']);
  });

  it('rejects a checklist id used twice', () => {
    expect(() =>
      read([
        { id: 'ospo', title: 'A', items: [item('one')] },
        { id: 'ospo', title: 'B', items: [item('two')] },
      ]),
    ).toThrow("ospo.checklists[1].id: checklist id 'ospo' is used twice");
  });

  it('rejects an item id used twice in one checklist', () => {
    expect(() =>
      read([
        {
          id: 'ospo',
          title: 'A',
          items: [item('one'), item('two'), item('one')],
        },
      ]),
    ).toThrow("ospo.checklists[0].items[2].id: item id 'one' is used twice");
  });

  it.each([
    ['upper case', 'Ospo'],
    ['a space', 'my list'],
    ['a slash', 'a/b'],
    ['a leading dash', '-ospo'],
    ['more than 100 characters', 'a'.repeat(101)],
  ])('rejects a checklist id with %s', (_, id) => {
    expect(() => read([{ id, title: 'A', items: [item('one')] }])).toThrow(
      `ospo.checklists[0].id: '${id}' is not a valid id`,
    );
  });

  it('rejects a bad item id', () => {
    expect(() =>
      read([{ id: 'ospo', title: 'A', items: [item('ok'), item('Not OK')] }]),
    ).toThrow("ospo.checklists[0].items[1].id: 'Not OK' is not a valid id");
  });

  it('accepts an id of exactly 100 characters', () => {
    const id = 'a'.repeat(100);
    expect(read([{ id, title: 'A', items: [item(id)] }])[0].id).toBe(id);
  });

  it('rejects a checklist without items', () => {
    expect(() => read([{ id: 'empty', title: 'Empty', items: [] }])).toThrow(
      'ospo.checklists[0].items: a checklist needs at least one item',
    );
    expect(() => read([{ id: 'empty', title: 'Empty' }])).toThrow(
      /ospo\.checklists\[0\]\.items/,
    );
  });

  it.each([
    ['ftp', 'ftp://example.com/guide', 'only http and https links are allowed'],
    [
      'javascript',
      // eslint-disable-next-line no-script-url -- deliberately unsafe link the reader must reject
      'javascript:alert(1)',
      'only http and https links are allowed',
    ],
    [
      'mailto',
      'mailto:ospo@example.com',
      'only http and https links are allowed',
    ],
    ['relative', '/docs/guide', "'/docs/guide' is not a URL"],
  ])('rejects a %s guidance URL', (_, guidanceUrl, message) => {
    expect(() =>
      read([{ id: 'ospo', title: 'A', items: [item('one', { guidanceUrl })] }]),
    ).toThrow(`ospo.checklists[0].items[0].guidanceUrl: ${message}`);
  });

  it('reads how long a done answer holds, as an ISO 8601 duration', () => {
    const [checklist] = read([
      {
        id: 'ospo',
        title: 'A',
        items: [
          item('yearly', { validFor: 'P1Y' }),
          item('quarterly', { validFor: 'P3M' }),
          item('hours', { validFor: 'P1DT12H' }),
          item('forever'),
        ],
      },
    ]);
    expect(checklist.items.map(i => i.validFor)).toEqual([
      'P1Y',
      'P3M',
      'P1DT12H',
      undefined,
    ]);
    expect(Object.keys(checklist.items[3])).not.toContain('validFor');
    // The default checklist asks for its stakeholders yearly.
    expect(
      OSPO_MATURITY_CHECKLIST.items.find(i => i.id === 'stakeholders')
        ?.validFor,
    ).toBe('P1Y');
  });

  it.each([
    ['a human duration', '1 year', 'is not an ISO 8601 duration'],
    ['a number of days', '365', 'is not an ISO 8601 duration'],
    ['a date', '2027-01-01', 'is not an ISO 8601 duration'],
    ['an empty duration', 'P', 'must be longer than zero'],
    ['zero', 'P0D', 'must be longer than zero'],
    ['a negative duration', 'P-1D', 'must be longer than zero'],
  ])(
    'refuses to start with %s as validFor, naming the item',
    (_, validFor, message) => {
      expect(() =>
        read([
          {
            id: 'ospo',
            title: 'A',
            items: [item('one'), item('stakeholders', { validFor })],
          },
        ]),
      ).toThrow(
        `ospo.checklists[0].items[1].validFor (item 'stakeholders' of checklist 'ospo'): '${validFor}' ${message}`,
      );
    },
  );

  it('rejects a checklist without a title or an item without a description', () => {
    expect(() => read([{ id: 'ospo', items: [item('one')] }])).toThrow(/title/);
    expect(() =>
      read([{ id: 'ospo', title: 'A', items: [{ id: 'one', title: 'One' }] }]),
    ).toThrow(/description/);
  });
});
