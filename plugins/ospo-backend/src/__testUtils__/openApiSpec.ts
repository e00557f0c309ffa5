import fs from 'node:fs';
import path from 'node:path';
import yaml from 'js-yaml';

/** The parts of an OpenAPI 3.0 schema object the tests look at. */
export type SchemaObject = {
  $ref?: string;
  allOf?: SchemaObject[];
  type?: 'object' | 'array' | 'string' | 'integer' | 'number' | 'boolean';
  nullable?: boolean;
  enum?: unknown[];
  required?: string[];
  properties?: Record<string, SchemaObject>;
  additionalProperties?: boolean | SchemaObject;
  items?: SchemaObject;
  minItems?: number;
  pattern?: string;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  format?: string;
  [key: string]: unknown;
};

type Reference = { $ref: string };

export type ParameterObject = {
  name: string;
  in: string;
  required?: boolean;
  schema: SchemaObject;
};

export type OperationObject = {
  operationId?: string;
  summary?: string;
  description?: string;
  tags?: string[];
  security?: unknown[];
  parameters?: Array<ParameterObject | Reference>;
  requestBody?: {
    required?: boolean;
    content: Record<string, { schema: SchemaObject; example?: unknown }>;
  };
  responses: Record<
    string,
    | Reference
    | {
        description: string;
        content?: Record<string, { schema: SchemaObject }>;
      }
  >;
};

export type OpenApiSpec = {
  openapi: string;
  info: { title: string; version: string; description?: string };
  servers: Array<{ url: string }>;
  security?: Array<Record<string, string[]>>;
  paths: Record<string, Record<string, OperationObject>>;
  components: {
    securitySchemes: Record<string, { type: string; scheme?: string }>;
    parameters: Record<string, ParameterObject>;
    responses: Record<
      string,
      {
        description: string;
        content?: Record<string, { schema: SchemaObject }>;
      }
    >;
    schemas: Record<string, SchemaObject>;
  };
};

/** Path of the plugin's OpenAPI spec. */
export const OPENAPI_SPEC_PATH = path.resolve(
  __dirname,
  '../schema/openapi.yaml',
);

/** Loads `src/schema/openapi.yaml`. */
export function loadOpenApiSpec(): OpenApiSpec {
  return yaml.load(fs.readFileSync(OPENAPI_SPEC_PATH, 'utf8')) as OpenApiSpec;
}

/** Follows a local `#/components/...` reference. */
export function resolveRef<T>(spec: OpenApiSpec, value: T | Reference): T {
  if (value && typeof value === 'object' && '$ref' in value) {
    const ref = (value as Reference).$ref;
    if (!ref.startsWith('#/')) {
      throw new Error(`Only local references are supported, got ${ref}`);
    }
    let target: any = spec;
    for (const part of ref.slice(2).split('/')) {
      target = target?.[part];
    }
    if (target === undefined) {
      throw new Error(`Unresolved reference ${ref}`);
    }
    return resolveRef<T>(spec, target);
  }
  return value as T;
}

/**
 * Checks a value against a schema of the spec, for the keywords the spec uses.
 * Returns the problems found, empty when the value matches.
 */
export function validateValue(
  spec: OpenApiSpec,
  schemaOrRef: SchemaObject,
  value: unknown,
  at = '$',
): string[] {
  const schema = resolveRef<SchemaObject>(spec, schemaOrRef);
  const problems: string[] = [];
  for (const part of schema.allOf ?? []) {
    problems.push(...validateValue(spec, part, value, at));
  }
  if (value === null) {
    return schema.nullable ? problems : [...problems, `${at} is null`];
  }
  if (schema.enum && !schema.enum.includes(value)) {
    problems.push(`${at} is not one of ${schema.enum.join(', ')}`);
  }
  switch (schema.type) {
    case undefined:
      break;
    case 'object': {
      if (typeof value !== 'object' || Array.isArray(value)) {
        return [...problems, `${at} is not an object`];
      }
      const record = value as Record<string, unknown>;
      for (const key of schema.required ?? []) {
        if (record[key] === undefined) {
          problems.push(`${at}.${key} is required`);
        }
      }
      for (const [key, child] of Object.entries(record)) {
        const property = schema.properties?.[key];
        if (property) {
          problems.push(
            ...validateValue(spec, property, child, `${at}.${key}`),
          );
        } else if (schema.additionalProperties === false) {
          problems.push(`${at}.${key} is not in the schema`);
        } else if (typeof schema.additionalProperties === 'object') {
          problems.push(
            ...validateValue(
              spec,
              schema.additionalProperties,
              child,
              `${at}.${key}`,
            ),
          );
        }
      }
      break;
    }
    case 'array':
      if (!Array.isArray(value)) {
        return [...problems, `${at} is not an array`];
      }
      if (schema.minItems !== undefined && value.length < schema.minItems) {
        problems.push(`${at} has fewer than ${schema.minItems} items`);
      }
      value.forEach((item, index) => {
        if (schema.items) {
          problems.push(
            ...validateValue(spec, schema.items, item, `${at}[${index}]`),
          );
        }
      });
      break;
    case 'string':
      if (typeof value !== 'string') {
        return [...problems, `${at} is not a string`];
      }
      if (schema.maxLength !== undefined && value.length > schema.maxLength) {
        problems.push(`${at} is longer than ${schema.maxLength}`);
      }
      if (schema.pattern && !new RegExp(schema.pattern).test(value)) {
        problems.push(`${at} does not match ${schema.pattern}`);
      }
      if (
        schema.format === 'date-time' &&
        !/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/.test(value)
      ) {
        problems.push(`${at} is not a date-time`);
      }
      if (schema.format === 'uri' && !URL.canParse(value)) {
        problems.push(`${at} is not a URI`);
      }
      break;
    case 'integer':
    case 'number':
      if (typeof value !== 'number' || Number.isNaN(value)) {
        return [...problems, `${at} is not a number`];
      }
      if (schema.type === 'integer' && !Number.isInteger(value)) {
        problems.push(`${at} is not an integer`);
      }
      if (schema.minimum !== undefined && value < schema.minimum) {
        problems.push(`${at} is below ${schema.minimum}`);
      }
      if (schema.maximum !== undefined && value > schema.maximum) {
        problems.push(`${at} is above ${schema.maximum}`);
      }
      break;
    case 'boolean':
      if (typeof value !== 'boolean') {
        problems.push(`${at} is not a boolean`);
      }
      break;
    default:
      problems.push(`${at}: unsupported schema type ${String(schema.type)}`);
  }
  return problems;
}

/**
 * Checks a response against what the spec documents for the operation and
 * status. `route` is the spec's path template, e.g. `/teams/{namespace}/{name}/checklists`.
 */
export function validateResponse(
  spec: OpenApiSpec,
  method: string,
  route: string,
  response: { status: number; body: unknown; type?: string; text?: string },
): string[] {
  const operation = spec.paths[route]?.[method.toLowerCase()];
  if (!operation) {
    return [`${method} ${route} is not in the spec`];
  }
  const documented = operation.responses[String(response.status)];
  if (!documented) {
    return [`${method} ${route} does not document status ${response.status}`];
  }
  const { content } = resolveRef(spec, documented);
  // A download is checked as its text, against the media type it was sent as.
  if (response.type && response.type !== 'application/json') {
    const schema = content?.[response.type]?.schema;
    if (!schema) {
      return [
        `${method} ${route} ${response.status} does not document ${response.type}`,
      ];
    }
    return validateValue(spec, schema, response.text);
  }
  const schema = content?.['application/json']?.schema;
  if (!schema) {
    return [`${method} ${route} ${response.status} has no JSON schema`];
  }
  return validateValue(spec, schema, response.body);
}

let cachedSpec: OpenApiSpec | undefined;

/**
 * Expects a response to match what `src/schema/openapi.yaml` documents for the
 * operation and status (a Jest assertion; the spec is read once).
 */
export function expectMatchesSpec(
  method: string,
  route: string,
  response: { status: number; body: unknown; type?: string; text?: string },
): void {
  cachedSpec ??= loadOpenApiSpec();
  expect(validateResponse(cachedSpec, method, route, response)).toEqual([]);
}
