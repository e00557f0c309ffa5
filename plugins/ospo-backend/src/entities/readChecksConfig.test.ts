import { ConfigReader } from '@backstage/config';
import { readChecksConfig } from './readChecksConfig';

const read = (checks: object) =>
  readChecksConfig(new ConfigReader({ ospo: { checks } }));

describe('readChecksConfig', () => {
  it('defaults to no guidance and a 10 second refresh interval', () => {
    expect(readChecksConfig(new ConfigReader({}))).toEqual({
      guidance: new Map(),
      refreshIntervalMs: 10_000,
    });
  });

  it('reads guidance links by check id and the refresh interval', () => {
    expect(
      read({
        guidance: { 'license-policy': 'https://wiki.example.com/licenses' },
        refreshInterval: { minutes: 1 },
      }),
    ).toEqual({
      guidance: new Map([
        ['license-policy', 'https://wiki.example.com/licenses'],
      ]),
      refreshIntervalMs: 60_000,
    });
  });

  it('refuses a guidance value that is not a web link, naming the key', () => {
    expect(() => read({ guidance: { sbom: 'wiki/sbom' } })).toThrow(
      "ospo.checks.guidance.sbom must be an http or https link, not 'wiki/sbom'",
    );
  });

  it('refuses a refresh interval over an hour', () => {
    expect(() => read({ refreshInterval: { hours: 2 } })).toThrow(
      'ospo.checks.refreshInterval must be from zero to 1 hour',
    );
  });
});
