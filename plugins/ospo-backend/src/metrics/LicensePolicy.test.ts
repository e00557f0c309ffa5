import { ConfigReader } from '@backstage/config';
import { LicensePolicy, parseSpdxExpression } from './LicensePolicy';

describe('parseSpdxExpression', () => {
  it.each([
    'MIT',
    'Apache-2.0',
    'GPL-2.0+',
    'MIT OR Apache-2.0',
    'mit or apache-2.0',
    '(MIT AND BSD-3-Clause) OR GPL-3.0-only',
    'GPL-2.0-only WITH Classpath-exception-2.0',
    'LicenseRef-Proprietary',
    'DocumentRef-spdx-tool-1.2:LicenseRef-MIT-Style-2',
  ])('accepts %s', text => {
    expect(parseSpdxExpression(text)).toBeDefined();
  });

  it.each([
    '',
    'MIT OR',
    'AND MIT',
    '(MIT',
    'MIT)',
    'MIT Apache-2.0',
    'junk license!!',
    'MIT WITH',
    'https://opensource.org/licenses/MIT',
  ])('rejects %j', text => {
    expect(parseSpdxExpression(text)).toBeUndefined();
  });

  it('binds AND tighter than OR', () => {
    expect(
      parseSpdxExpression('MIT OR GPL-3.0-only AND LGPL-2.1-only'),
    ).toEqual({
      op: 'OR',
      left: { license: 'MIT' },
      right: {
        op: 'AND',
        left: { license: 'GPL-3.0-only' },
        right: { license: 'LGPL-2.1-only' },
      },
    });
  });
});

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
    ['not a license', 'invalid'],
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
});
