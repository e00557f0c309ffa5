import { CustomErrorBase } from '@backstage/errors';

/**
 * A request body over a limit: answered with 413. Backstage's error handler
 * takes the status from `statusCode`.
 *
 * @internal
 */
export class PayloadTooLargeError extends CustomErrorBase {
  name = 'PayloadTooLargeError' as const;
  readonly statusCode = 413;
}
