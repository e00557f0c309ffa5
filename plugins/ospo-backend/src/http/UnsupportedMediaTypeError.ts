import { CustomErrorBase } from '@backstage/errors';

/**
 * A request body of a media type the route does not take: answered with
 * 415. Backstage's error handler takes the status from `statusCode`.
 *
 * @internal
 */
export class UnsupportedMediaTypeError extends CustomErrorBase {
  name = 'UnsupportedMediaTypeError' as const;
  readonly statusCode = 415;
}
