import { ResponseError } from '@backstage/errors';
import { isConflictError, responseStatus, serverErrorMessage } from './errors';

function errorResponse(status: number, name: string, message: string) {
  return new Response(
    JSON.stringify({
      error: { name, message },
      request: { method: 'PUT', url: '/x' },
      response: { statusCode: status },
    }),
    { status, headers: { 'Content-Type': 'application/json' } },
  );
}

describe('errors', () => {
  it('recognises a 409 response error', async () => {
    const error = await ResponseError.fromResponse(
      errorResponse(409, 'ConflictError', 'Version mismatch'),
    );
    expect(isConflictError(error)).toBe(true);
    expect(serverErrorMessage(error)).toBe('Version mismatch');
  });

  it('leaves other errors alone', async () => {
    const error = await ResponseError.fromResponse(
      errorResponse(400, 'InputError', 'Bad evidence URL'),
    );
    expect(isConflictError(error)).toBe(false);
    expect(serverErrorMessage(error)).toBe('Bad evidence URL');
    expect(isConflictError(new Error('boom'))).toBe(false);
    expect(serverErrorMessage(new Error('boom'))).toBe('boom');
    expect(isConflictError(undefined)).toBe(false);
  });

  it('tells the status of a failed request, when there is one', async () => {
    const error = await ResponseError.fromResponse(
      errorResponse(404, 'NotFoundError', 'No department group:default/gone'),
    );
    expect(responseStatus(error)).toBe(404);
    expect(responseStatus({ statusCode: 400 })).toBe(400);
    expect(responseStatus(new Error('boom'))).toBeUndefined();
    expect(responseStatus(undefined)).toBeUndefined();
  });
});
