import { CustomErrorBase } from '@backstage/errors';

/**
 * Asked again too soon: answered with 429 and a `Retry-After` header.
 * Backstage's error handler takes the status from `statusCode`.
 *
 * @internal
 */
export class TooManyRequestsError extends CustomErrorBase {
  name = 'TooManyRequestsError' as const;
  readonly statusCode = 429;

  constructor(message: string, readonly retryAfterSeconds: number) {
    super(message);
  }
}
