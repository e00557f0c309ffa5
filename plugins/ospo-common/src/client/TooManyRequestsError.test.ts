import { ResponseError } from '@backstage/errors';
import { TooManyRequestsError } from './TooManyRequestsError';

async function refusal(retryAfter: string) {
  return ResponseError.fromResponse(
    new Response('{}', {
      status: 429,
      statusText: 'Too Many Requests',
      headers: { 'Retry-After': retryAfter },
    }),
  );
}

describe('TooManyRequestsError', () => {
  const now = Date.parse('2026-11-29T12:00:00Z');

  it('reads Retry-After as an HTTP date too', async () => {
    const error = TooManyRequestsError.fromResponseError(
      await refusal('Sun, 29 Nov 2026 12:00:30 GMT'),
      now,
    );
    expect(error.retryAfterSeconds).toBe(30);
    expect(error.message).toBe(
      'Asked again too soon: try again in 30 seconds.',
    );
  });

  it('never says to wait zero seconds, nor believes a value it cannot read', async () => {
    expect(
      TooManyRequestsError.fromResponseError(await refusal('0'), now)
        .retryAfterSeconds,
    ).toBe(1);
    expect(
      TooManyRequestsError.fromResponseError(
        await refusal('Sun, 29 Nov 2026 11:59:00 GMT'),
        now,
      ).retryAfterSeconds,
    ).toBe(1);
    expect(
      TooManyRequestsError.fromResponseError(await refusal('soon'), now),
    ).toMatchObject({
      retryAfterSeconds: undefined,
      message: 'Asked again too soon: try again in a moment.',
    });
  });
});
