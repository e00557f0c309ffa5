import Ajv, { ErrorObject, ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import addFormats2019 from 'ajv-formats-draft2019';
import ajvEqual from 'ajv/dist/runtime/equal';
import fs from 'node:fs';
import path from 'node:path';

/**
 * The CycloneDX JSON schemas as `@cyclonedx/cyclonedx-library` ships them,
 * by spec version: the files its `JsonStrictValidator` validates against
 * (for 1.4 and later, the strict schema is the schema).
 */
const SCHEMA_FILES: Record<string, string> = {
  '1.4': 'bom-1.4.SNAPSHOT.schema.json',
  '1.5': 'bom-1.5.SNAPSHOT.schema.json',
  '1.6': 'bom-1.6.SNAPSHOT.schema.json',
};
/** The schemas the BOM schemas refer to, under the ids they use. */
const REFERENCED_SCHEMAS: Record<string, string> = {
  'http://cyclonedx.org/schema/spdx.SNAPSHOT.schema.json':
    'spdx.SNAPSHOT.schema.json',
  'http://cyclonedx.org/schema/cryptography-defs.SNAPSHOT.schema.json':
    'cryptography-defs.SNAPSHOT.schema.json',
  'http://cyclonedx.org/schema/jsf-0.82.SNAPSHOT.schema.json':
    'jsf-0.82.SNAPSHOT.schema.json',
};
/** What replaces `uniqueItems` in the schemas. */
const UNIQUE_KEYWORD = 'x-ospoUniqueItems';
/** Items of one fingerprint compared pairwise, at most, before hashing them. */
const BUCKET_LIMIT = 16;

const validators = new Map<string, ValidateFunction>();

/** Ajv's deep equality (fast-deep-equal), typed as the function it is. */
const equal = ajvEqual as unknown as (a: unknown, b: unknown) => boolean;

function schemaDirectory(): string {
  return path.join(
    path.dirname(require.resolve('@cyclonedx/cyclonedx-library/package.json')),
    'res',
    'schema',
  );
}

function readSchema(file: string): unknown {
  return JSON.parse(
    fs.readFileSync(path.join(schemaDirectory(), file), 'utf8'),
  );
}

/**
 * Validates parsed CycloneDX documents against the CycloneDX project's JSON
 * schema of their spec version, as `@cyclonedx/cyclonedx-library`'s
 * `Validation.JsonStrictValidator` does (the schema files it ships, Ajv with
 * its options and formats), with one change: `uniqueItems`. Ajv checks it
 * by comparing every pair of items, which takes 7 s for 4,000 components and
 * minutes for 20,000, one CPU blocked all along; here it is checked in
 * linear time (see {@link findDuplicate}). Each version's schema is compiled
 * on first use (half a second) and kept. Also, the document is validated as
 * parsed, where the library's validator would parse the text again.
 *
 * @internal
 */
export function validateCycloneDx(
  specVersion: string,
  document: unknown,
): ErrorObject[] | undefined {
  let validate = validators.get(specVersion);
  if (!validate) {
    const file = SCHEMA_FILES[specVersion];
    if (!file) throw new Error(`No CycloneDX schema for ${specVersion}`);
    validate = compile(file);
    validators.set(specVersion, validate);
  }
  return validate(document) ? undefined : validate.errors ?? [];
}

function compile(file: string): ValidateFunction {
  // As the library's validator sets Ajv up (its `__jsonValidators/ajv`).
  const ajv = new Ajv({
    useDefaults: false,
    strict: false,
    strictSchema: false,
    addUsedSchema: false,
    loadSchema: (uri: string) => {
      throw new Error(`Remote schemas are disabled: ${uri}`);
    },
    schemas: Object.fromEntries(
      Object.entries(REFERENCED_SCHEMAS).map(([id, name]) => [
        id,
        readSchema(name),
      ]),
    ) as Record<string, any>,
  });
  addFormats(ajv);
  addFormats2019(ajv, { formats: ['idn-email'] });
  // No working implementation exists, as the library notes.
  ajv.addFormat('iri-reference', true);
  ajv.addKeyword({
    keyword: UNIQUE_KEYWORD,
    type: 'array',
    schemaType: 'boolean',
    errors: true,
    validate: uniqueItems,
  });
  return ajv.compile(withLinearUniqueItems(readSchema(file)) as object);
}

/** The schema with each `uniqueItems: true` replaced by the linear check. */
function withLinearUniqueItems(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(withLinearUniqueItems);
  if (schema === null || typeof schema !== 'object') return schema;
  const copy: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(schema)) {
    if (key === 'uniqueItems' && value === true) {
      copy[UNIQUE_KEYWORD] = true;
    } else {
      copy[key] = withLinearUniqueItems(value);
    }
  }
  return copy;
}

function uniqueItems(enabled: boolean, data: unknown[]): boolean {
  if (!enabled) return true;
  const duplicate = findDuplicate(data);
  if (!duplicate) return true;
  const [i, j] = duplicate;
  uniqueItems.errors = [
    {
      keyword: 'uniqueItems',
      message: `must NOT have duplicate items (items ## ${j} and ${i} are identical)`,
      params: { i, j },
    },
  ];
  return false;
}
uniqueItems.errors = undefined as Partial<ErrorObject>[] | undefined;

/**
 * Two deep-equal items of a list, as Ajv's `uniqueItems` finds them (object
 * keys in any order), in linear time: items are bucketed by a cheap
 * fingerprint that ignores key order, and only items of one bucket are
 * compared. A bucket that grows past a few items (a list made to collide)
 * is compared by canonical JSON instead, which stays linear in its size.
 *
 * @internal
 */
export function findDuplicate(items: unknown[]): [number, number] | undefined {
  const buckets = new Map<number, number[]>();
  const canonicalBuckets = new Map<number, Map<string, number>>();
  for (let i = 0; i < items.length; i++) {
    const print = fingerprint(items[i]);
    const hashed = canonicalBuckets.get(print);
    if (hashed) {
      const key = canonical(items[i]);
      const j = hashed.get(key);
      if (j !== undefined) return [i, j];
      hashed.set(key, i);
      continue;
    }
    const bucket = buckets.get(print);
    if (!bucket) {
      buckets.set(print, [i]);
      continue;
    }
    for (const j of bucket) {
      if (equal(items[j], items[i])) return [i, j];
    }
    bucket.push(i);
    if (bucket.length > BUCKET_LIMIT) {
      canonicalBuckets.set(
        print,
        new Map(bucket.map(j => [canonical(items[j]), j])),
      );
      buckets.delete(print);
    }
  }
  return undefined;
}

function hashString(text: string): number {
  // FNV-1a.
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  }
  return hash >>> 0;
}

/** A number for a value's kind and, for a primitive, its value. */
function shallow(value: unknown): number {
  if (value === null || typeof value !== 'object') {
    return hashString(`${typeof value}:${String(value)}`);
  }
  return Array.isArray(value)
    ? hashString(`array:${value.length}`)
    : hashString(`object:${Object.keys(value).length}`);
}

/**
 * Equal values have equal fingerprints: an object's sums its keys' (so
 * that key order does not matter), an array's follows its items' order.
 */
function fingerprint(value: unknown): number {
  if (value === null || typeof value !== 'object') return shallow(value);
  let print = 0;
  if (Array.isArray(value)) {
    for (const item of value) print = Math.imul(print, 31) + shallow(item);
    return print >>> 0;
  }
  for (const [key, item] of Object.entries(value)) {
    print = (print + Math.imul(hashString(key), 31) + shallow(item)) | 0;
  }
  return print >>> 0;
}

/** JSON with object keys sorted: equal for deep-equal values. */
function canonical(value: unknown): string {
  if (value === null || typeof value !== 'object') {
    return JSON.stringify(value) ?? 'null';
  }
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  const object = value as Record<string, unknown>;
  return `{${Object.keys(object)
    .sort()
    .map(key => `${JSON.stringify(key)}:${canonical(object[key])}`)
    .join(',')}}`;
}
