import compression from 'compression';
import express from 'express';
import request from 'supertest';
import { JsonBody } from './JsonBody';

const large = new JsonBody(
  JSON.stringify({
    items: Array.from({ length: 200 }, (_, i) => ({ i, name: `item-${i}` })),
  }),
);
const small = new JsonBody('{"ok":true}');

/** An app as the backend's root router has it: behind compression. */
function app(body: JsonBody) {
  const served = express();
  // @types/compression is typed against a newer Express than the backend's.
  served.use(compression() as unknown as express.RequestHandler);
  served.get('/', (req, res) => body.send(req, res));
  return served;
}

describe('JsonBody', () => {
  it('sends the body gzipped once, to a client that accepts gzip', async () => {
    const gzip = jest.spyOn(large, 'gzip');
    for (let i = 0; i < 3; i++) {
      const res = await request(app(large))
        .get('/')
        .set('Accept-Encoding', 'gzip')
        .buffer(true)
        .parse((r, done) => {
          const chunks: Buffer[] = [];
          r.on('data', (c: Buffer) => chunks.push(c));
          r.on('end', () => done(null, Buffer.concat(chunks)));
        });
      expect(res.status).toBe(200);
      expect(res.headers['content-encoding']).toBe('gzip');
      expect(res.headers['content-type']).toMatch(/^application\/json/);
      expect(res.headers.vary).toMatch(/Accept-Encoding/);
      // Decoded once by the client: gzipped once, not again by the middleware.
      expect(JSON.parse(res.body.toString())).toEqual(JSON.parse(large.json));
    }
    expect(gzip).toHaveBeenCalledTimes(3);
    expect(new Set(gzip.mock.results.map(r => r.value)).size).toBe(1);
  });

  it('sends it as it is without gzip, and small bodies always', async () => {
    const plain = await request(app(large))
      .get('/')
      .set('Accept-Encoding', 'identity');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body).toEqual(JSON.parse(large.json));

    const tiny = await request(app(small))
      .get('/')
      .set('Accept-Encoding', 'gzip');
    expect(tiny.headers['content-encoding']).toBeUndefined();
    expect(tiny.body).toEqual({ ok: true });
  });

  it('answers 304 to a client holding the same body, 200 otherwise', async () => {
    const first = await request(app(large)).get('/');
    const etag = first.headers.etag;
    expect(etag).toMatch(/^W\/".+"$/);
    const again = await request(app(large)).get('/').set('If-None-Match', etag);
    expect(again.status).toBe(304);
    expect(again.text).toBeFalsy();

    const changed = await request(app(small))
      .get('/')
      .set('If-None-Match', etag);
    expect(changed.status).toBe(200);
    expect(changed.headers.etag).not.toBe(etag);
  });
});
