import assert from 'node:assert/strict';
import http from 'node:http';
import { after, describe, it } from 'node:test';
import {
  describeUpload,
  uploadSbom,
  uploadSboms,
} from './upload-demo-sboms.mjs';

const bom = {
  bomFormat: 'CycloneDX',
  specVersion: '1.6',
  components: [{ name: 'a', components: [{ name: 'b' }] }, { name: 'c' }],
  vulnerabilities: [],
};

/**
 * A backend stand-in on a free port: `answers` are the responses of the
 * successive requests (the last one repeats); it records what it received.
 */
async function startServer(answers, port = 0) {
  const received = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', chunk => {
      body += chunk;
    });
    req.on('end', () => {
      received.push({
        method: req.method,
        url: req.url,
        headers: req.headers,
        body,
      });
      const [status, answer] =
        answers[Math.min(received.length, answers.length) - 1];
      if (answer === undefined) {
        // As Express answers a route nobody serves.
        res.writeHead(status);
        res.end();
        return;
      }
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(answer));
    });
  });
  await new Promise(resolve => server.listen(port, '127.0.0.1', resolve));
  servers.push(server);
  return {
    baseUrl: `http://127.0.0.1:${server.address().port}`,
    received,
    server,
  };
}
const servers = [];
after(() => {
  for (const server of servers) server.close();
});

const backstageError = (name, message, statusCode) => ({
  error: { name, message },
  response: { statusCode },
});

describe('uploadSbom', () => {
  it('posts the SBOM with the token, retrying while the backend fails', async () => {
    const { baseUrl, received } = await startServer([
      [503, backstageError('ServiceUnavailableError', 'starting', 503)],
      [201, { componentCount: 3 }],
    ]);
    const outcome = await uploadSbom({
      baseUrl,
      token: 'secret-token',
      name: 'storefront-web',
      bom,
      retryForMs: 10_000,
    });

    assert.deepEqual(outcome, {
      name: 'storefront-web',
      ok: true,
      status: 201,
      attempts: 2,
      body: { componentCount: 3 },
    });
    assert.equal(received.length, 2);
    const [request] = received;
    assert.equal(request.method, 'POST');
    assert.equal(
      request.url,
      '/api/ospo/entities/component/default/storefront-web/sbom',
    );
    assert.equal(request.headers.authorization, 'Bearer secret-token');
    assert.equal(request.headers['content-type'], 'application/json');
    assert.deepEqual(JSON.parse(request.body), bom);
    assert.equal(
      describeUpload(outcome, bom),
      'sbom: uploaded storefront-web: 201 (3 components, 0 vulnerabilities)',
    );
  });

  it('does not retry a rejected SBOM, and says why', async () => {
    const { baseUrl, received } = await startServer([
      [
        400,
        backstageError('InputError', 'specVersion 1.2 is not supported', 400),
      ],
    ]);
    const outcome = await uploadSbom({
      baseUrl,
      token: 't',
      name: 'json-logger',
      bom,
      retryForMs: 10_000,
    });

    assert.equal(received.length, 1);
    assert.deepEqual(outcome, {
      name: 'json-logger',
      ok: false,
      status: 400,
      attempts: 1,
      message: 'specVersion 1.2 is not supported',
    });
    assert.equal(
      describeUpload(outcome, bom),
      'sbom: upload of json-logger failed after 1 attempt(s): 400 specVersion 1.2 is not supported (3 components, 0 vulnerabilities)',
    );
  });

  it('waits for a backend that is not listening yet', async () => {
    // A port that was free a moment ago; the server comes up a second later.
    const probe = await startServer([[200, {}]]);
    const { port } = probe.server.address();
    await new Promise(resolve => probe.server.close(resolve));
    const later = new Promise(resolve =>
      setTimeout(
        () => resolve(startServer([[201, { componentCount: 4 }]], port)),
        1000,
      ),
    );
    const outcome = await uploadSbom({
      baseUrl: `http://127.0.0.1:${port}`,
      token: 't',
      name: 'event-pipeline',
      bom,
      retryForMs: 10_000,
    });
    await later;

    assert.equal(outcome.ok, true);
    assert.equal(outcome.status, 201);
    assert.ok(outcome.attempts >= 2, `${outcome.attempts} attempts`);
  });

  it('gives up once the time to retry is over', async () => {
    const { baseUrl, received } = await startServer([
      [
        404,
        backstageError('NotFoundError', 'No entity component:default/x', 404),
      ],
    ]);
    const started = Date.now();
    const outcome = await uploadSbom({
      baseUrl,
      token: 't',
      name: 'x',
      bom,
      retryForMs: 1200,
    });

    assert.equal(outcome.ok, false);
    assert.equal(outcome.status, 404);
    assert.equal(outcome.message, 'No entity component:default/x');
    // Tries at 0, 0.5 and 1.5 s would overrun: two attempts, then it stops.
    assert.equal(received.length, 2);
    assert.ok(Date.now() - started < 1200);
  });

  it('does not wait for an endpoint the backend does not have', async () => {
    const { baseUrl, received } = await startServer([[404, undefined]]);
    const outcome = await uploadSbom({
      baseUrl,
      token: 't',
      name: 'x',
      bom,
      retryForMs: 10_000,
    });

    assert.equal(received.length, 1);
    assert.deepEqual(outcome, {
      name: 'x',
      ok: false,
      status: 404,
      attempts: 1,
      message: 'Not Found',
    });
  });
});

describe('uploadSboms', () => {
  it('shares one time to retry among the SBOMs', async () => {
    const { baseUrl, received } = await startServer([
      [503, backstageError('ServiceUnavailableError', 'overloaded', 503)],
    ]);
    const started = Date.now();
    const outcomes = await uploadSboms(
      [
        { name: 'a', bom },
        { name: 'b', error: new Error('npm failed') },
        { name: 'c', bom },
        { name: 'd', bom },
      ],
      { baseUrl, token: 't', retryForMs: 1200 },
    );

    assert.deepEqual(
      outcomes.map(o => [o.name, o.ok, o.status, o.message]),
      [
        ['a', false, 503, 'overloaded'],
        ['b', false, undefined, 'not generated: npm failed'],
        ['c', false, 503, 'overloaded'],
        ['d', false, 503, 'overloaded'],
      ],
    );
    // a tries at 0 and 0.5 s, c at 0.5 and 1 s, d at 1 s: then the time
    // is up (with a time of its own, d would try again at 1.5 s).
    assert.deepEqual(
      received.map(r => r.url.split('/')[6]),
      ['a', 'a', 'c', 'c', 'd'],
    );
    assert.ok(Date.now() - started < 1500, `${Date.now() - started} ms`);
  });
});
