import { ConfigReader } from '@backstage/config';
import { readCampaignsConfig } from './readCampaignsConfig';

const read = (campaigns: object) =>
  readCampaignsConfig(new ConfigReader({ ospo: { campaigns } }));

describe('readCampaignsConfig', () => {
  it('reminds daily, globally, at most 5 a day by default', () => {
    expect(readCampaignsConfig(new ConfigReader({}))).toEqual({
      schedule: expect.objectContaining({
        frequency: { hours: 24 },
        scope: 'global',
      }),
      dailyCapPerUser: 5,
    });
  });

  it('takes durations, ISO 8601 strings and crons', () => {
    expect(
      read({ reminders: { frequency: { hours: 12 } } }).schedule.frequency,
    ).toEqual({ hours: 12 });
    expect(
      read({ reminders: { frequency: 'PT6H' } }).schedule.frequency,
    ).toEqual(expect.objectContaining({ hours: 6 }));
    expect(
      read({ reminders: { frequency: { cron: '0 9 * * 1-5' } } }).schedule
        .frequency,
    ).toEqual({ cron: '0 9 * * 1-5' });
    expect(read({ reminders: { dailyCapPerUser: 2 } }).dailyCapPerUser).toBe(2);
  });

  it('refuses bad values, naming the key', () => {
    expect(() => read({ reminders: { frequency: 'often' } })).toThrow(
      /ospo\.campaigns\.reminders\.frequency/,
    );
    for (const cap of [0, 1.5, 101]) {
      expect(() => read({ reminders: { dailyCapPerUser: cap } })).toThrow(
        /ospo\.campaigns\.reminders\.dailyCapPerUser/,
      );
    }
  });
});
