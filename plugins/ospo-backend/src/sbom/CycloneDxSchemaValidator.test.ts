import { Spec, Validation } from '@cyclonedx/cyclonedx-library';
import { findDuplicate, validateCycloneDx } from './CycloneDxSchemaValidator';

jest.setTimeout(60_000);

const component = (name: string, extra: Record<string, unknown> = {}) => ({
  type: 'library',
  name,
  ...extra,
});

/** Documents of each version, valid and not, in several ways. */
const DOCUMENTS: Array<[string, unknown]> = (
  ['1.4', '1.5', '1.6'] as const
).flatMap(specVersion => {
  const bom = (extra: Record<string, unknown>) => ({
    bomFormat: 'CycloneDX',
    specVersion,
    version: 1,
    ...extra,
  });
  return [
    bom({}),
    bom({ components: [component('a'), component('b')] }),
    bom({ components: [component('a'), component('a')] }),
    bom({
      components: [
        component('a', { version: '1' }),
        // The same, keys in another order.
        { version: '1', name: 'a', type: 'library' },
      ],
    }),
    bom({ components: [component('a', { colour: 'blue' })] }),
    bom({ components: [{ type: 'library' }] }),
    bom({
      components: [
        component('a', { licenses: [{ license: { id: 'Apache2' } }] }),
      ],
    }),
    bom({
      components: [
        component('a', {
          hashes: [{ alg: 'SHA-256', content: 'not hex' }],
        }),
      ],
    }),
    bom({ serialNumber: 'not-a-urn' }),
    bom({
      metadata: { tools: [{ name: 'x' }, { name: 'x' }] },
    }),
    bom({
      dependencies: [{ ref: 'a', dependsOn: ['b', 'b'] }, { ref: 'b' }],
    }),
  ].map(document => [specVersion, document] as [string, unknown]);
});

describe('validateCycloneDx', () => {
  it('decides as the CycloneDX library strict validator does, with the same errors', async () => {
    for (const [specVersion, document] of DOCUMENTS) {
      const library = new Validation.JsonStrictValidator(
        specVersion as Spec.Version,
      );
      const expected = await library.validate(JSON.stringify(document));
      const actual = validateCycloneDx(specVersion, document);
      const summary = (errors: unknown) =>
        (errors as Array<Record<string, unknown>> | null | undefined)?.map(
          e => [e.instancePath, e.keyword, e.message],
        ) ?? 'valid';
      expect([document, summary(actual)]).toEqual([
        document,
        summary(expected),
      ]);
    }
  });

  it('checks unique items of a long list in linear time', () => {
    const components = Array.from({ length: 20_000 }, (_, i) =>
      component(`p${i}`, { version: '1.0.0', purl: `pkg:npm/p${i}@1.0.0` }),
    );
    const start = Date.now();
    expect(
      validateCycloneDx('1.6', {
        bomFormat: 'CycloneDX',
        specVersion: '1.6',
        components,
      }),
    ).toBeUndefined();
    // Ajv's pairwise check takes minutes here.
    expect(Date.now() - start).toBeLessThan(5_000);
    const errors = validateCycloneDx('1.6', {
      bomFormat: 'CycloneDX',
      specVersion: '1.6',
      components: [...components, { ...components[123] }],
    });
    expect(errors).toEqual([
      expect.objectContaining({
        instancePath: '/components',
        keyword: 'uniqueItems',
        message:
          'must NOT have duplicate items (items ## 123 and 20000 are identical)',
      }),
    ]);
  });
});

describe('findDuplicate', () => {
  it('finds deep-equal items whatever their keys order', () => {
    expect(findDuplicate([1, 2, 3])).toBeUndefined();
    expect(findDuplicate([1, '1', true, null, 'true', 'null'])).toBeUndefined();
    expect(findDuplicate(['a', 'b', 'a'])).toEqual([2, 0]);
    expect(
      findDuplicate([
        { a: 1, b: { c: [1, 2] } },
        { a: 1, b: { c: [2, 1] } },
        { b: { c: [1, 2] }, a: 1 },
      ]),
    ).toEqual([2, 0]);
    expect(
      findDuplicate([
        [1, 2],
        [2, 1],
      ]),
    ).toBeUndefined();
  });

  it('stays fast on items made to share a fingerprint', () => {
    // Equal at the top, different below: one bucket for all.
    const items = Array.from({ length: 50_000 }, (_, i) => ({
      a: { deep: i },
    }));
    const start = Date.now();
    expect(findDuplicate(items)).toBeUndefined();
    expect(findDuplicate([...items, { a: { deep: 49_999 } }])).toEqual([
      50_000, 49_999,
    ]);
    expect(Date.now() - start).toBeLessThan(3_000);
  });
});
