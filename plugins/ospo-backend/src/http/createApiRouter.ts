import { createValidatedOpenApiRouterFromGeneratedEndpointMap } from '@backstage/backend-openapi-utils';
import express from 'express';
import Router from 'express-promise-router';
import { EndpointMap } from '../schema/openapi/generated/apis';
import { OspoApiRouter, spec } from '../schema/openapi';
import { ValidGetMemo } from './ValidGetMemo';

/** One spec path, its pattern, and the validator that knows only it. */
interface PathValidator {
  path: string;
  pattern: RegExp;
  validate: express.RequestHandler;
}

/** `/metrics/{metricId}/values.csv` as `^/metrics/[^/]+/values\.csv$`. */
function patternOf(path: string): RegExp {
  const source = path
    .split(/\{[^}]+\}/)
    .map(part => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('[^/]+');
  return new RegExp(`^${source}$`);
}

/** A spec path and method whose body a route reads itself, e.g. `post`. */
export interface RawBodyOperation {
  path: string;
  method: 'post' | 'put';
}

/** The spec with only this path, less the request bodies of `raw` operations. */
function specOfPath(path: string, raw: RawBodyOperation[]) {
  const operations = spec.paths[path as keyof typeof spec.paths] as Record<
    string,
    object
  >;
  const rawMethods = raw.filter(r => r.path === path).map(r => r.method);
  return {
    ...spec,
    paths: {
      [path]: Object.fromEntries(
        Object.entries(operations).map(([method, operation]) => {
          if (!rawMethods.includes(method as RawBodyOperation['method'])) {
            return [method, operation];
          }
          const { requestBody, ...rest } = operation as {
            requestBody?: unknown;
          };
          return [method, rest];
        }),
      ),
    },
  };
}

/**
 * The router of the REST API: before any route sees a request, the request
 * (path, query and body) is validated against the OpenAPI spec by
 * `@backstage/backend-openapi-utils`, which answers a bad one with a 400 that
 * names the field. Routes added to it are typed by the spec.
 *
 * Each path of the spec has a validator of its own, picked by a pattern
 * compiled once: express-openapi-validator compiles the pattern of every
 * route it tries, on every request, so one validator for the whole spec
 * spent more CPU than the routes it guarded (a heat-map page, measured alone:
 * 240 µs a request with one validator for 24 paths, 120 µs with one for its
 * path, 130 µs without validation). A GET URL validated once is not
 * validated again (see `ValidGetMemo`).
 *
 * The operations in `rawBodies` (an SBOM upload: up to tens of megabytes,
 * of a schema of its own) are left their body: neither parsed as JSON under
 * the API's small limit nor validated against the spec, only their path and
 * query are. Their route reads the body itself (`readRawBody`), with its own
 * limit, once it knows the caller may send it.
 *
 * @internal
 */
export function createApiRouter(options: {
  /** Largest JSON body taken. */
  bodyLimit: string;
  /** Operations whose route reads and checks the body itself. */
  rawBodies?: RawBodyOperation[];
}): OspoApiRouter {
  const json = express.json({ limit: options.bodyLimit });
  const rawBodies = (options.rawBodies ?? []).map(operation => ({
    ...operation,
    pattern: patternOf(operation.path),
  }));
  const isRaw = (req: express.Request) =>
    rawBodies.some(
      r => r.method === req.method.toLowerCase() && r.pattern.test(req.path),
    );
  // Each validator compiles its schemas when created (about half a second
  // for one path on a quiet machine), so it is created on the first request
  // to its path rather than all at once when the plugin starts.
  const parseJson: express.RequestHandler = (req, res, next) =>
    isRaw(req) ? next() : json(req, res, next);
  const validatorOf = (path: string): express.RequestHandler =>
    createValidatedOpenApiRouterFromGeneratedEndpointMap<EndpointMap>(
      specOfPath(path, options.rawBodies ?? []) as typeof spec,
      {
        // The body is parsed once, below; parsing again is skipped. A raw
        // body is left as it is.
        middleware: [parseJson],
        // Authentication is httpAuth's (401); the validator would answer a
        // request without a token with a 400.
        validatorOptions: { validateSecurity: false },
      },
    );
  const validators: PathValidator[] = Object.keys(spec.paths).map(path => {
    let validate: express.RequestHandler | undefined;
    return {
      path,
      pattern: patternOf(path),
      validate: (req, res, next) => {
        validate ??= validatorOf(path);
        return validate(req, res, next);
      },
    };
  });
  // Static paths first, as the validator orders them: `/metrics/history`
  // before `/metrics/{metricId}/...`.
  validators.sort(
    (a, b) => Number(a.path.includes('{')) - Number(b.path.includes('{')),
  );

  const memo = new ValidGetMemo();

  const router = Router();
  router.use(parseJson);
  router.get('/openapi.json', (_req, res) => {
    res.json(spec);
  });
  router.use((req, res, next) => {
    const validator = validators.find(v => v.pattern.test(req.path));
    // Undocumented paths fall through to a 404.
    if (!validator) return next();
    if (req.method !== 'GET') return validator.validate(req, res, next);
    if (memo.restore(req.url, req)) return next();
    return validator.validate(req, res, error => {
      if (!error) memo.remember(req.url, req);
      next(error);
    });
  });
  return router as unknown as OspoApiRouter;
}
