import { ConfigReader } from '@backstage/config';
import { readMetricsConfig } from './readMetricsConfig';

const read = (metrics: object) =>
  readMetricsConfig(new ConfigReader({ ospo: { metrics } }));

describe('readMetricsConfig', () => {
  it('has defaults, with a global schedule', () => {
    expect(readMetricsConfig(new ConfigReader({}))).toEqual({
      schedule: {
        frequency: { hours: 6 },
        timeout: { minutes: 30 },
        initialDelay: { seconds: 30 },
        scope: 'global',
      },
      timeoutMs: 30 * 60 * 1000,
      retentionMs: 400 * 24 * 60 * 60 * 1000,
      retryEmptyCatalogAfterMs: 2 * 60 * 1000,
      pageSize: 1000,
      consultationPeriodDays: 30,
      sbomFreshDays: 30,
      timeToFixPeriodDays: 90,
    });
  });

  it('reads the schedule, retention and sizes, and keeps the scope global', () => {
    const config = read({
      schedule: {
        frequency: { cron: '0 3 * * *' },
        timeout: 'PT10M',
        scope: 'local',
      },
      retention: { days: 30 },
      retryEmptyCatalogAfter: '30s',
      pageSize: 250,
      consultationPeriodDays: 7,
      sbomFreshDays: 14,
      timeToFixPeriodDays: 180,
    });
    expect(config.schedule).toMatchObject({
      frequency: { cron: '0 3 * * *' },
      scope: 'global',
    });
    expect(config.timeoutMs).toBe(10 * 60 * 1000);
    expect(config.retentionMs).toBe(30 * 24 * 60 * 60 * 1000);
    expect(config.retryEmptyCatalogAfterMs).toBe(30 * 1000);
    expect(config.pageSize).toBe(250);
    expect(config.consultationPeriodDays).toBe(7);
    expect(config.sbomFreshDays).toBe(14);
    expect(config.timeToFixPeriodDays).toBe(180);
  });

  it.each([
    [{ pageSize: 0 }, 'ospo.metrics.pageSize'],
    [{ pageSize: 1.5 }, 'ospo.metrics.pageSize'],
    [{ consultationPeriodDays: 0 }, 'ospo.metrics.consultationPeriodDays'],
    [{ sbomFreshDays: 0 }, 'ospo.metrics.sbomFreshDays'],
    [{ timeToFixPeriodDays: 2.5 }, 'ospo.metrics.timeToFixPeriodDays'],
    [{ retention: { days: 0 } }, 'ospo.metrics.retention'],
    [{ retention: 'soon' }, 'retention'],
    [
      { retryEmptyCatalogAfter: { seconds: 0 } },
      'ospo.metrics.retryEmptyCatalogAfter',
    ],
    [
      { retryEmptyCatalogAfter: { days: 2 } },
      'ospo.metrics.retryEmptyCatalogAfter',
    ],
    [{ schedule: { frequency: { hours: 1 } } }, 'timeout'],
  ])('refuses %j, naming %s', (metrics, key) => {
    expect(() => read(metrics)).toThrow(key);
  });
});
