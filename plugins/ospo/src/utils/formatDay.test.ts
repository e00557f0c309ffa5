import { formatDay } from './formatDay';

describe('formatDay', () => {
  it('gives the UTC day in words', () => {
    expect(formatDay('2026-06-01T12:00:00.000Z')).toBe('1 June 2026');
    expect(formatDay('2026-06-01T23:59:59.999-05:00')).toBe('2 June 2026');
  });

  it('leaves values that are not dates alone', () => {
    expect(formatDay('soon')).toBe('soon');
  });
});
