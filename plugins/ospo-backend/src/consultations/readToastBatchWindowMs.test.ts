import { ConfigReader } from '@backstage/config';
import { readToastBatchWindowMs } from './readToastBatchWindowMs';

const read = (notifications?: unknown) =>
  readToastBatchWindowMs(
    new ConfigReader(
      notifications === undefined ? {} : { ospo: { notifications } },
    ),
  );

describe('readToastBatchWindowMs', () => {
  it('defaults to 5 seconds', () => {
    expect(read()).toBe(5_000);
    expect(read({})).toBe(5_000);
  });

  it('reads a duration, and 0 to signal each request at once', () => {
    expect(read({ toastBatchWindow: { seconds: 10 } })).toBe(10_000);
    expect(read({ toastBatchWindow: 'PT2S' })).toBe(2_000);
    expect(read({ toastBatchWindow: { seconds: 0 } })).toBe(0);
  });

  it('refuses a bad or too long duration, naming the key', () => {
    expect(() => read({ toastBatchWindow: 'soon' })).toThrow(
      /^ospo\.notifications\.toastBatchWindow: not a duration/,
    );
    expect(() => read({ toastBatchWindow: { minutes: 2 } })).toThrow(
      'ospo.notifications.toastBatchWindow must be from 0 to 1 minute',
    );
  });
});
