import express, { Request, Response } from 'express';
import { PayloadTooLargeError } from './PayloadTooLargeError';

const KB = 1024;
const MB = 1024 * KB;
const GB = 1024 * MB;

/** A size in bytes as people write it: `50 MB`, `64 KB`, `100 bytes`. */
export function formatBytes(bytes: number): string {
  for (const [unit, size] of [
    ['GB', GB],
    ['MB', MB],
    ['KB', KB],
  ] as const) {
    if (bytes >= size && bytes % size === 0) return `${bytes / size} ${unit}`;
  }
  return `${bytes} bytes`;
}

/**
 * Reads a request's body as it came, of any media type, up to `limit`
 * bytes: for the routes whose body the API router leaves unparsed, so that
 * they read it once they know the caller may send it. A larger body is
 * refused with 413 naming the limit and the setting (`limitSetting`) that
 * sets it; the rest of it is read off and dropped, so that the client gets
 * the answer.
 *
 * @internal
 */
export async function readRawBody(
  req: Request<any, any, any, any, any>,
  options: { limit: number; limitSetting?: string },
): Promise<Buffer> {
  const parse = express.raw({ limit: options.limit, type: () => true });
  await new Promise<void>((resolve, reject) => {
    parse(req, {} as Response, error => {
      if (!error) {
        resolve();
      } else if ((error as { type?: string }).type === 'entity.too.large') {
        const setting = options.limitSetting
          ? ` (${options.limitSetting})`
          : '';
        reject(
          new PayloadTooLargeError(
            `The request body is larger than the limit of ${formatBytes(
              options.limit,
            )}${setting}`,
          ),
        );
      } else {
        reject(error);
      }
    });
  });
  // Without a body, body-parser leaves an empty object.
  return Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
}
