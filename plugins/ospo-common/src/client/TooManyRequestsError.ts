import { ResponseError } from '@backstage/errors';

/**
 * The backend refused a request made again too soon (HTTP 429). Its message
 * says when to try again, for showing as it is; `retryAfterSeconds` says it
 * for code. The original {@link @backstage/errors#ResponseError} is its
 * `cause`.
 *
 * @public
 */
export class TooManyRequestsError extends Error {
  /** Names the error once serialized, as Backstage's own errors do. */
  readonly name = 'TooManyRequestsError';
  /** Always 429, as on a `ResponseError`, for code that checks the status. */
  readonly statusCode = 429;
  /** From the `Retry-After` header; absent when the server did not say. */
  readonly retryAfterSeconds?: number;
  /** The refused response, with the server's own message. */
  readonly cause: ResponseError;

  /** Reads how long to wait from the refused response's `Retry-After`. */
  static fromResponseError(
    error: ResponseError,
    now: number = Date.now(),
  ): TooManyRequestsError {
    return new TooManyRequestsError(
      parseRetryAfter(error.response.headers.get('Retry-After'), now),
      error,
    );
  }

  private constructor(
    retryAfterSeconds: number | undefined,
    cause: ResponseError,
  ) {
    super(
      retryAfterSeconds === undefined
        ? 'Asked again too soon: try again in a moment.'
        : `Asked again too soon: try again in ${retryAfterSeconds} ${
            retryAfterSeconds === 1 ? 'second' : 'seconds'
          }.`,
    );
    this.retryAfterSeconds = retryAfterSeconds;
    this.cause = cause;
  }
}

/**
 * `Retry-After` is either a number of seconds or an HTTP date; both become
 * whole seconds from now, at least one so that the message never says "0".
 */
function parseRetryAfter(
  value: string | null,
  now: number,
): number | undefined {
  if (!value) {
    return undefined;
  }
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) {
    return Math.max(1, Number(trimmed));
  }
  const at = Date.parse(trimmed);
  if (Number.isNaN(at)) {
    return undefined;
  }
  return Math.max(1, Math.ceil((at - now) / 1000));
}
