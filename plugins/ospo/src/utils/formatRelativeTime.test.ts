import { formatRelativeTime } from './formatRelativeTime';

describe('formatRelativeTime', () => {
  const now = Date.parse('2025-06-10T12:00:00Z');

  it('formats recent and older timestamps', () => {
    expect(formatRelativeTime('2025-06-10T11:59:30Z', now)).toBe('just now');
    expect(formatRelativeTime('2025-06-10T11:55:00Z', now)).toBe(
      '5 minutes ago',
    );
    expect(formatRelativeTime('2025-06-09T12:00:00Z', now)).toBe('yesterday');
    expect(formatRelativeTime('2025-05-27T12:00:00Z', now)).toBe('2 weeks ago');
  });

  it('leaves values that are not dates alone', () => {
    expect(formatRelativeTime('soon', now)).toBe('soon');
  });
});
