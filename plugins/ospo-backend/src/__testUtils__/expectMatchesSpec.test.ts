import { expectMatchesSpec } from './expectMatchesSpec';

const ROUTE = '/checklists';
const DEFINITION = {
  id: 'ospo',
  title: 'Creating an OSPO',
  items: [{ id: 'creation', title: 'Creation', description: 'An OSPO' }],
};

describe('expectMatchesSpec', () => {
  it('passes a response the spec documents', () => {
    expect.hasAssertions();
    expectMatchesSpec('GET', ROUTE, {
      status: 200,
      body: { items: [DEFINITION] },
    });
    expectMatchesSpec('GET', ROUTE, {
      status: 401,
      body: {
        error: { name: 'AuthenticationError', message: 'No token' },
        response: { statusCode: 401 },
      },
    });
  });

  it.each([
    ['a missing field', { items: [{ ...DEFINITION, title: undefined }] }],
    ['a field of the wrong type', { items: [{ ...DEFINITION, id: 42 }] }],
    ['an unknown field', { items: [DEFINITION], total: 1 }],
  ])('fails on %s', (_, body) => {
    expect(() =>
      expectMatchesSpec('GET', ROUTE, { status: 200, body }),
    ).toThrow();
  });

  it('fails on an undocumented status, route or media type', () => {
    expect(() =>
      expectMatchesSpec('GET', ROUTE, { status: 418, body: {} }),
    ).toThrow();
    expect(() =>
      expectMatchesSpec('GET', '/nowhere', { status: 200, body: {} }),
    ).toThrow();
    expect(() =>
      expectMatchesSpec('GET', ROUTE, {
        status: 200,
        body: undefined,
        type: 'text/csv',
        text: 'a,b',
      }),
    ).toThrow();
  });

  it('checks a CSV download as text', () => {
    expect.hasAssertions();
    expectMatchesSpec('GET', '/dashboard/checklists.csv', {
      status: 200,
      body: {},
      type: 'text/csv',
      text: 'Team ref,Team\r\n',
    });
  });
});
