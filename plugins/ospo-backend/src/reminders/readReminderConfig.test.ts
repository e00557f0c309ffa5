import { ConfigReader } from '@backstage/config';
import { readReminderConfig } from './readReminderConfig';

const read = (reminders: object) =>
  readReminderConfig(new ConfigReader({ ospo: { reminders } }));

describe('readReminderConfig', () => {
  it('defaults to hourly runs, 14 days ahead and 5 reminders per user a day', () => {
    const config = readReminderConfig(new ConfigReader({}));
    expect(config.schedule).toEqual({
      frequency: { hours: 1 },
      timeout: { minutes: 10 },
      initialDelay: { minutes: 1 },
      scope: 'global',
    });
    expect(config.before.toISO()).toBe('P14D');
    expect(config.maxPerUserPerDay).toBe(5);
  });

  it('reads the schedule, the lead time and the limit', () => {
    const config = read({
      schedule: { frequency: { cron: '0 8 * * *' }, timeout: 'PT5M' },
      before: 'P1M',
      maxPerUserPerDay: 2,
    });
    expect(config.schedule).toMatchObject({
      frequency: { cron: '0 8 * * *' },
      scope: 'global',
    });
    expect(config.before.toISO()).toBe('P1M');
    expect(config.maxPerUserPerDay).toBe(2);
    expect(read({ before: { days: 3 } }).before.as('days')).toBe(3);
  });

  it.each([
    [{ before: 'soon' }, 'ospo.reminders.before: not a duration'],
    [{ before: 'PT0S' }, 'ospo.reminders.before must be longer than zero'],
    [{ maxPerUserPerDay: 0 }, 'ospo.reminders.maxPerUserPerDay must be'],
    [{ maxPerUserPerDay: 1.5 }, 'ospo.reminders.maxPerUserPerDay must be'],
  ])('refuses %j', (reminders, message) => {
    expect(() => read(reminders)).toThrow(message);
  });
});
