import { ConfigReader } from '@backstage/config';
// The parser's own cases live with parseLicenseExpression in ospo-common.
import { LicensePolicy } from './LicensePolicy';

describe('LicensePolicy', () => {
  const policy = LicensePolicy.create({});

  it.each([
    ['Apache-2.0', 'allowed'],
    ['mit', 'allowed'],
    ['MPL-2.0', 'review'],
    ['GPL-3.0-only', 'denied'],
    ['AGPL-3.0-or-later', 'denied'],
    ['GPL-2.0-or-later+', 'denied'],
    ['LicenseRef-Proprietary', 'unclassified'],
    ['WTFPL', 'unclassified'],
    // An OR lets the user pick the best side, an AND imposes the worst.
    ['MIT OR GPL-3.0-only', 'allowed'],
    ['MIT AND GPL-3.0-only', 'denied'],
    ['MIT AND MPL-2.0', 'review'],
    ['(MIT AND GPL-3.0-only) OR MPL-2.0', 'review'],
    ['WTFPL OR GPL-3.0-only', 'unclassified'],
    ['GPL-2.0-only WITH Classpath-exception-2.0', 'denied'],
    ['Apache-2.0 WITH LLVM-exception OR GPL-3.0-only', 'allowed'],
    ['mit or gpl-3.0-only', 'allowed'],
    ['not a license', 'invalid'],
    // Well-formed, but not on the SPDX license list.
    ['Apache2', 'invalid'],
    ['MIT OR Apache2', 'invalid'],
    ['GPLv3', 'invalid'],
  ])('classes %s as %s', (expression, expected) => {
    expect(policy.classify(expression)).toBe(expected);
  });

  it('reads the lists from config; a list left out keeps its default', () => {
    const configured = LicensePolicy.fromConfig(
      new ConfigReader({
        ospo: { licenses: { allowed: ['MIT'], denied: ['Apache-2.0'] } },
      }),
    );
    expect(configured.classify('MIT')).toBe('allowed');
    expect(configured.classify('Apache-2.0')).toBe('denied');
    expect(configured.classify('BSD-3-Clause')).toBe('unclassified');
    expect(configured.classify('MPL-2.0')).toBe('review');
  });

  it('gives a license listed twice the stricter class', () => {
    const configured = LicensePolicy.create({
      allowed: ['MIT'],
      denied: ['MIT'],
    });
    expect(configured.classify('MIT')).toBe('denied');
  });

  it('refuses a value that is not an SPDX id, naming the key', () => {
    expect(() =>
      LicensePolicy.fromConfig(
        new ConfigReader({
          ospo: { licenses: { review: ['MIT', 'not valid'] } },
        }),
      ),
    ).toThrow("ospo.licenses.review: 'not valid' is not an SPDX license id");
  });

  it.each([
    ['Apache2', " (did you mean 'Apache-2.0'?)"],
    ['MIT OR Apache-2.0', ''],
    ['GPL-2.0-only WITH Classpath-exception-2.0', ''],
    ['GPL-2.0+', ''],
  ])('refuses %j in a list, which holds single SPDX ids', (id, hint) => {
    expect(() =>
      LicensePolicy.fromConfig(
        new ConfigReader({ ospo: { licenses: { denied: [id] } } }),
      ),
    ).toThrow(`ospo.licenses.denied: '${id}' is not an SPDX license id${hint}`);
  });

  it('accepts LicenseRef ids and any case in the lists', () => {
    const configured = LicensePolicy.fromConfig(
      new ConfigReader({
        ospo: {
          licenses: { allowed: ['apache-2.0'], denied: ['LicenseRef-Acme'] },
        },
      }),
    );
    expect(configured.classify('Apache-2.0')).toBe('allowed');
    expect(configured.classify('LicenseRef-Acme')).toBe('denied');
  });

  it.each([
    ['MIT', 'allowed', []],
    ['MIT AND GPL-3.0-only', 'denied', ['GPL-3.0-only']],
    ['MIT OR GPL-3.0-only', 'allowed', []],
    [
      'GPL-2.0-only OR AGPL-3.0-only',
      'denied',
      ['GPL-2.0-only', 'AGPL-3.0-only'],
    ],
    ['(MPL-2.0 OR GPL-3.0-only) AND Apache-2.0', 'review', ['MPL-2.0']],
    ['GPL-2.0-only WITH Classpath-exception-2.0', 'denied', ['GPL-2.0-only']],
    ['Beerware AND MIT', 'unclassified', ['Beerware']],
    ['Apache2', 'invalid', []],
  ])('explains %j as %s because of %j', (expression, cls, culprits) => {
    expect(LicensePolicy.create({}).explain(expression)).toEqual({
      cls,
      culprits,
    });
  });
});
