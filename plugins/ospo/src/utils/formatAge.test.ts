import { formatAge } from './formatAge';

describe('formatAge', () => {
  const now = Date.parse('2025-06-10T12:00:00Z');

  it('gives the age as a duration, rounded down', () => {
    expect(formatAge('2025-06-10T11:59:30Z', now)).toBe('less than a minute');
    expect(formatAge('2025-06-10T11:59:00Z', now)).toBe('1 minute');
    expect(formatAge('2025-06-10T09:30:00Z', now)).toBe('2 hours');
    expect(formatAge('2025-06-07T02:00:00Z', now)).toBe('3 days');
    expect(formatAge('2025-05-27T12:00:00Z', now)).toBe('2 weeks');
    expect(formatAge('2024-06-01T12:00:00Z', now)).toBe('1 year');
  });

  it('treats a time in the future as brand new and leaves non-dates alone', () => {
    expect(formatAge('2025-06-10T12:05:00Z', now)).toBe('less than a minute');
    expect(formatAge('soon', now)).toBe('soon');
  });
});
