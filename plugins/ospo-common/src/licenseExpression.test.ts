import {
  parseLicenseExpression,
  suggestLicenseExpression,
} from './licenseExpression';

describe('parseLicenseExpression', () => {
  it.each([
    'MIT',
    'Apache-2.0',
    'GPL-2.0+',
    'MIT OR Apache-2.0',
    '(MIT AND BSD-3-Clause) OR GPL-3.0-only',
    'GPL-2.0-only WITH Classpath-exception-2.0',
    'LicenseRef-Proprietary',
    'DocumentRef-spdx-tool-1.2:LicenseRef-MIT-Style-2',
    // Deprecated ids are still on the list.
    'GPL-2.0',
  ])('accepts %s', text => {
    expect(parseLicenseExpression(text)).toBeDefined();
  });

  it.each([
    '',
    '   ',
    'MIT OR',
    'AND MIT',
    '(MIT',
    'MIT)',
    'MIT Apache-2.0',
    'junk license!!',
    'MIT WITH',
    'https://opensource.org/licenses/MIT',
    // Well-formed, but not on the SPDX license list.
    'Apache2',
    'GPLv3',
    'Proprietary',
    'MIT OR Apache2',
    // An exception is not a license, and a license is not an exception.
    'Classpath-exception-2.0',
    'GPL-2.0-only WITH MIT',
    // Only the exact `LicenseRef-` prefix makes a user-defined reference.
    'licenseref-proprietary',
  ])('rejects %j', text => {
    expect(parseLicenseExpression(text)).toBeUndefined();
  });

  it('matches ids case-insensitively, as SPDX does, and gives them as listed', () => {
    expect(parseLicenseExpression('mit or apache-2.0')).toEqual({
      conjunction: 'or',
      left: { license: 'MIT' },
      right: { license: 'Apache-2.0' },
    });
    expect(
      parseLicenseExpression('gpl-2.0-only with classpath-exception-2.0'),
    ).toEqual({
      license: 'GPL-2.0-only',
      exception: 'Classpath-exception-2.0',
    });
  });

  it('keeps a LicenseRef as written', () => {
    expect(parseLicenseExpression('LicenseRef-ACME-Internal')).toEqual({
      license: 'LicenseRef-ACME-Internal',
    });
  });

  it('reads WITH exceptions and a trailing +', () => {
    expect(
      parseLicenseExpression('Apache-2.0 WITH LLVM-exception AND GPL-2.0+'),
    ).toEqual({
      conjunction: 'and',
      left: { license: 'Apache-2.0', exception: 'LLVM-exception' },
      right: { license: 'GPL-2.0', plus: true },
    });
  });

  it('binds AND tighter than OR', () => {
    expect(
      parseLicenseExpression('MIT OR GPL-3.0-only AND LGPL-2.1-only'),
    ).toEqual({
      conjunction: 'or',
      left: { license: 'MIT' },
      right: {
        conjunction: 'and',
        left: { license: 'GPL-3.0-only' },
        right: { license: 'LGPL-2.1-only' },
      },
    });
  });

  it('takes any whitespace between the terms', () => {
    expect(parseLicenseExpression(' MIT\tOR\n Apache-2.0 ')).toEqual({
      conjunction: 'or',
      left: { license: 'MIT' },
      right: { license: 'Apache-2.0' },
    });
  });
});

describe('suggestLicenseExpression', () => {
  it.each([
    ['Apache 2', 'Apache-2.0'],
    ['Apache2', 'Apache-2.0'],
    ['MIT License', 'MIT'],
    ['Apache License, Version 2.0', 'Apache-2.0'],
    ['GPLv3', 'GPL-3.0-or-later'],
    ['BSD 3-Clause License', 'BSD-3-Clause'],
    // Each license of an expression is corrected on its own.
    ['MIT OR Apache2', 'MIT OR Apache-2.0'],
    [
      '(mit OR Apache 2) AND BSD-3-Clause',
      '(MIT OR Apache-2.0) AND BSD-3-Clause',
    ],
    ['Apache2 WITH LLVM-exception', 'Apache-2.0 WITH LLVM-exception'],
  ])('suggests a fix of %j: %j', (text, expected) => {
    expect(suggestLicenseExpression(text)).toBe(expected);
    expect(parseLicenseExpression(expected)).toBeDefined();
  });

  it.each([
    // Valid already, in whatever case.
    'Apache-2.0',
    'mit',
    'LicenseRef-Proprietary',
    // Nothing near enough.
    'Proprietary',
    'see LICENSE file',
    'MIT OR TBD',
    // Several licenses without an operator: AND or OR is for the owner to say.
    'MIT/Apache',
    'MIT Apache-2.0',
    // An unknown exception stays unknown.
    'Apache-2.0 WITH Apache-exception',
    // No licence granted, the opposite of the Unlicense it looks like.
    'UNLICENSED',
  ])('suggests nothing for %j', text => {
    expect(suggestLicenseExpression(text)).toBeUndefined();
  });
});
