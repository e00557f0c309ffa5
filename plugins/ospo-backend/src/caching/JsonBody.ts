import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import express from 'express';

/** Smaller bodies are sent as they are, as the compression middleware does. */
const MIN_GZIP_BYTES = 1024;

/**
 * A JSON response body served to many requests, such as a heat map page or
 * a year of history of the latest run: it is compressed and tagged once,
 * instead of by the compression middleware and Express on every response.
 *
 * @internal
 */
export class JsonBody {
  private gzipped?: Buffer;
  private tag?: string;
  private readonly bytes: number;

  constructor(readonly json: string) {
    this.bytes = Buffer.byteLength(json);
  }

  /** A weak entity tag of the JSON. */
  get etag(): string {
    this.tag ??= `W/"${createHash('sha1')
      .update(this.json)
      .digest('base64url')}"`;
    return this.tag;
  }

  /** The JSON gzipped, compressed on first use. */
  gzip(): Buffer {
    this.gzipped ??= gzipSync(this.json);
    return this.gzipped;
  }

  /**
   * Sends the body: 304 when the client holds it already, gzipped when the
   * client accepts that and it is worth it.
   */
  send(
    req: express.Request<any, any, any, any, any>,
    res: express.Response<any, any>,
  ): void {
    res.setHeader('ETag', this.etag);
    res.vary('Accept-Encoding');
    res.type('application/json');
    if (req.fresh) {
      res.status(304).end();
      return;
    }
    if (this.bytes >= MIN_GZIP_BYTES && req.acceptsEncodings('gzip')) {
      // The compression middleware leaves an encoded body alone.
      res.setHeader('Content-Encoding', 'gzip');
      res.send(this.gzip());
      return;
    }
    res.send(this.json);
  }
}
