import OpenAPIResponseValidator from 'openapi-response-validator';
import { spec } from '../schema/openapi';

type Operation = {
  responses: Record<string, { $ref?: string; content?: Record<string, any> }>;
};
const validators = new Map<string, OpenAPIResponseValidator>();

/** The operation's responses with `$ref`s to shared responses resolved. */
function responsesOf(method: string, route: string) {
  const operation = (spec.paths as Record<string, Record<string, Operation>>)[
    route
  ]?.[method.toLowerCase()];
  if (!operation) return undefined;
  const responses = spec.components.responses as Record<string, unknown>;
  return Object.fromEntries(
    Object.entries(operation.responses).map(([status, response]) => [
      status,
      response.$ref
        ? responses[response.$ref.replace('#/components/responses/', '')]
        : response,
    ]),
  ) as Record<string, { content?: Record<string, { schema: unknown }> }>;
}

/**
 * Expects a response to be what the OpenAPI spec documents for the
 * operation and status (checked by `openapi-response-validator`). `route` is
 * the spec's path template, e.g. `/teams/{namespace}/{name}/checklists`; a
 * download is checked as its text against the media type it was sent as.
 */
export function expectMatchesSpec(
  method: string,
  route: string,
  response: { status: number; body: unknown; type?: string; text?: string },
): void {
  const responses = responsesOf(method, route);
  expect(responses ? 'documented' : `${method} ${route}`).toBe('documented');
  const documented = responses![String(response.status)];
  expect(
    documented ? 'documented' : `${method} ${route} ${response.status}`,
  ).toBe('documented');

  const mediaType =
    response.type && response.type !== 'application/json'
      ? response.type
      : 'application/json';
  expect(Object.keys(documented.content ?? {})).toContain(mediaType);
  const key = `${method} ${route} ${response.status} ${mediaType}`;
  let validator = validators.get(key);
  if (!validator) {
    validator = new OpenAPIResponseValidator({
      responses: {
        [response.status]: {
          ...documented,
          content: { [mediaType]: documented.content![mediaType] },
        },
      } as any,
      components: spec.components as any,
    });
    validators.set(key, validator);
  }
  const body = mediaType === 'application/json' ? response.body : response.text;
  expect(validator.validateResponse(response.status, body)).toBeUndefined();
}
