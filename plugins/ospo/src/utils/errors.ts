import { ResponseError } from '@backstage/errors';

type MaybeResponseError = Partial<
  Pick<ResponseError, 'body' | 'statusCode'>
> & {
  response?: { status?: number };
};

/**
 * Whether a failed write lost a race with another writer (HTTP 409). Checked
 * by shape rather than `instanceof`, because the error may come from another
 * copy of `@backstage/errors`.
 */
export function isConflictError(error: unknown): boolean {
  if (!error || typeof error !== 'object') {
    return false;
  }
  const e = error as MaybeResponseError;
  return (
    e.response?.status === 409 ||
    e.statusCode === 409 ||
    e.body?.error?.name === 'ConflictError'
  );
}

/**
 * The message the server gave for a failed request, which says what to fix,
 * instead of the generic "Request failed with 400 Bad Request".
 */
export function serverErrorMessage(error: Error): string {
  const e = error as MaybeResponseError;
  return e.body?.error?.message || error.message;
}

/** The HTTP status of a failed request, when the error carries one. */
export function responseStatus(error: unknown): number | undefined {
  if (!error || typeof error !== 'object') {
    return undefined;
  }
  const e = error as MaybeResponseError;
  return e.response?.status ?? e.statusCode;
}
