import { mockServices } from '@backstage/backend-test-utils';
import { MiddlewareFactory } from '@backstage/backend-defaults/rootHttpRouter';
import express from 'express';
import request from 'supertest';
import { spec } from '../schema/openapi';
import { createApiRouter } from './createApiRouter';
import { readRawBody } from './readRawBody';

function app() {
  const router = createApiRouter({ bodyLimit: '1kb' });
  const seen: unknown[] = [];
  router.get('/metrics/history', (req, res) => {
    seen.push({ ...req.query });
    // A route that changes its query must not change the next request's.
    (req.query as Record<string, unknown>).scope = 'changed';
    res.json({ items: [] });
  });
  router.get('/metrics/:metricId/history', (req, res) => {
    seen.push(req.params);
    res.json({ metricId: req.params.metricId, scopeRef: 'org', points: [] });
  });
  router.put(
    '/teams/:namespace/:name/checklists/:checklistId/items/:itemId',
    (req, res) => {
      seen.push(req.body);
      res.status(204).end();
    },
  );
  const middleware = MiddlewareFactory.create({
    config: mockServices.rootConfig(),
    logger: mockServices.logger.mock(),
  });
  return {
    seen,
    server: express()
      .use('/api/ospo', router)
      .use(middleware.notFound())
      .use(middleware.error()),
  };
}

describe('createApiRouter', () => {
  it('lets a request the spec allows through to its route', async () => {
    const { server, seen } = app();
    const res = await request(server).get(
      '/api/ospo/metrics/history?scope=group:default/team-a&from=2026-01-01T00:00:00Z',
    );
    expect(res.status).toBe(200);
    expect(seen).toEqual([
      { scope: 'group:default/team-a', from: '2026-01-01T00:00:00Z' },
    ]);
  });

  it('answers 400 naming the field, before the route, for each path', async () => {
    const { server, seen } = app();
    const bad = await request(server).get('/api/ospo/metrics/history?from=1');
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatchObject({
      name: 'InputError',
      message: expect.stringMatching(/^request\/query\/from must match format/),
    });
    const badId = await request(server).get('/api/ospo/metrics/Nope!/history');
    expect(badId.status).toBe(400);
    expect(badId.body.error.message).toMatch(/^request\/params\/metricId /);
    const badBody = await request(server)
      .put('/api/ospo/teams/default/team-a/checklists/ospo/items/creation')
      .send({ status: 'finished', expectedVersion: 0 });
    expect(badBody.status).toBe(400);
    expect(badBody.body.error.message).toMatch(/^request\/body\/status /);
    const tooLarge = await request(server)
      .put('/api/ospo/teams/default/team-a/checklists/ospo/items/creation')
      .send({ status: 'done', note: 'x'.repeat(2000), expectedVersion: 0 });
    expect(tooLarge.status).toBe(413);
    expect(seen).toEqual([]);
  });

  it('gives a repeated GET the same query, and refuses a repeated bad one again', async () => {
    const { server, seen } = app();
    const url =
      '/api/ospo/metrics/history?scope=group:default/team-a&from=2026-01-01T00:00:00Z';
    for (let i = 0; i < 3; i++) {
      expect((await request(server).get(url)).status).toBe(200);
    }
    expect(seen).toEqual(
      Array(3).fill({
        scope: 'group:default/team-a',
        from: '2026-01-01T00:00:00Z',
      }),
    );
    for (let i = 0; i < 2; i++) {
      const bad = await request(server).get('/api/ospo/metrics/history?from=1');
      expect(bad.status).toBe(400);
    }
    expect(seen).toHaveLength(3);
  });

  it('leaves authentication to the routes: a request without a token is not refused by the spec', async () => {
    const { server } = app();
    const res = await request(server).get('/api/ospo/metrics/coverage/history');
    expect(res.status).toBe(200);
  });

  it('lets undocumented paths and methods fall through', async () => {
    const { server } = app();
    expect((await request(server).get('/api/ospo/nowhere')).status).toBe(404);
    expect(
      (await request(server).delete('/api/ospo/metrics/history')).status,
    ).toBe(404);
  });

  it('leaves the body of a raw operation to its route, validating only its path', async () => {
    const router = createApiRouter({
      bodyLimit: '1kb',
      rawBodies: [
        { path: '/entities/{kind}/{namespace}/{name}/sbom', method: 'post' },
      ],
    });
    const seen: unknown[] = [];
    router.post('/entities/:kind/:namespace/:name/sbom', async (req, res) => {
      // Unread until the route reads it, with a limit of its own.
      seen.push(req.body);
      const body = await readRawBody(req, {
        limit: 4096,
        limitSetting: 'ospo.sbom.maxSize',
      });
      seen.push(body.length);
      res.status(201).end();
    });
    const middleware = MiddlewareFactory.create({
      config: mockServices.rootConfig(),
      logger: mockServices.logger.mock(),
    });
    const server = express()
      .use('/api/ospo', router)
      .use(middleware.notFound())
      .use(middleware.error());
    const url = '/api/ospo/entities/component/default/shop/sbom';

    // Over the API's JSON limit, and not what the spec describes.
    const body = JSON.stringify({
      bomFormat: 'CycloneDX',
      x: 'y'.repeat(2000),
    });
    const res = await request(server)
      .post(url)
      .set('Content-Type', 'application/json')
      .send(body);
    expect(res.status).toBe(201);
    expect(seen).toEqual([undefined, Buffer.byteLength(body)]);

    const tooLarge = await request(server)
      .post(url)
      .set('Content-Type', 'application/json')
      .send('x'.repeat(5000));
    expect(tooLarge.status).toBe(413);
    expect(tooLarge.body.error.message).toBe(
      'The request body is larger than the limit of 4 KB (ospo.sbom.maxSize)',
    );
    const badPath = await request(server)
      .post('/api/ospo/entities/component/default/no!pe/sbom')
      .set('Content-Type', 'application/json')
      .send(body);
    expect(badPath.status).toBe(400);
    expect(badPath.body.error.message).toMatch(/^request\/params\/name /);
    expect(seen).toHaveLength(3);
  });

  it('serves the spec', async () => {
    const { server } = app();
    const res = await request(server).get('/api/ospo/openapi.json');
    expect(res.status).toBe(200);
    expect(res.body).toEqual(JSON.parse(JSON.stringify(spec)));
  });
});
