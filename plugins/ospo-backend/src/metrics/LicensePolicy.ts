import { Config } from '@backstage/config';
import {
  LicenseExpression,
  parseLicenseExpression,
  suggestLicenseExpression,
} from '@ospo-kit/plugin-ospo-common';

/**
 * The policy class of a license expression: `allowed`, `review` and `denied`
 * come from `ospo.licenses`; `unclassified` is a valid expression naming a
 * license in none of them; `invalid` is not an SPDX expression, or names a
 * license that is not on the SPDX license list.
 *
 * @internal
 */
export type LicenseClass =
  | 'allowed'
  | 'review'
  | 'denied'
  | 'unclassified'
  | 'invalid';

/** Distinct expressions remembered, so that memory stays bounded. */
const MEMO_LIMIT = 10_000;

/** Best first: an `OR` takes the best of its sides, an `AND` the worst. */
const RANKING: LicenseClass[] = ['allowed', 'review', 'unclassified', 'denied'];

/**
 * Permissive licenses: allowed by default.
 */
const DEFAULT_ALLOWED = [
  '0BSD',
  'Apache-2.0',
  'BSD-2-Clause',
  'BSD-3-Clause',
  'CC0-1.0',
  'ISC',
  'MIT',
  'Unlicense',
  'Zlib',
];

/** Weak copyleft: to be reviewed by default. */
const DEFAULT_REVIEW = [
  'CDDL-1.0',
  'EPL-1.0',
  'EPL-2.0',
  'LGPL-2.1-only',
  'LGPL-2.1-or-later',
  'LGPL-3.0-only',
  'LGPL-3.0-or-later',
  'MPL-2.0',
];

/** Strong and network copyleft: denied by default. */
const DEFAULT_DENIED = [
  'AGPL-3.0-only',
  'AGPL-3.0-or-later',
  'GPL-2.0-only',
  'GPL-2.0-or-later',
  'GPL-3.0-only',
  'GPL-3.0-or-later',
  'SSPL-1.0',
];

/**
 * Classifies SPDX license expressions by the organisation's policy.
 *
 * @internal
 */
export class LicensePolicy {
  private readonly classes = new Map<string, LicenseClass>();
  private readonly memo = new Map<string, LicenseClass>();

  private constructor(
    /** The SPDX ids of each class, as configured or by default. */
    readonly lists: {
      allowed: string[];
      review: string[];
      denied: string[];
    },
  ) {
    // Later lists win, so a license listed twice gets the stricter class.
    for (const [cls, ids] of [
      ['allowed', lists.allowed],
      ['review', lists.review],
      ['denied', lists.denied],
    ] as const) {
      for (const id of ids)
        this.classes.set(id.toLocaleLowerCase('en-US'), cls);
    }
  }

  /** The policy from `ospo.licenses`; each list left out takes its default. */
  static fromConfig(config: Config): LicensePolicy {
    const licenses = config.getOptionalConfig('ospo.licenses');
    const read = (key: string, fallback: string[]) =>
      (licenses?.getOptionalStringArray(key) ?? fallback).map(id => {
        // One license each: an expression, `+` or exception would never
        // match, since expressions are classed license by license.
        const parsed = parseLicenseExpression(id);
        if (
          !parsed ||
          !('license' in parsed) ||
          parsed.plus ||
          parsed.exception
        ) {
          const suggestion = suggestLicenseExpression(id);
          throw new Error(
            `ospo.licenses.${key}: '${id}' is not an SPDX license id${
              suggestion ? ` (did you mean '${suggestion}'?)` : ''
            }`,
          );
        }
        return parsed.license;
      });
    return new LicensePolicy({
      allowed: read('allowed', DEFAULT_ALLOWED),
      review: read('review', DEFAULT_REVIEW),
      denied: read('denied', DEFAULT_DENIED),
    });
  }

  static create(lists: {
    allowed?: string[];
    review?: string[];
    denied?: string[];
  }): LicensePolicy {
    return new LicensePolicy({
      allowed: lists.allowed ?? DEFAULT_ALLOWED,
      review: lists.review ?? DEFAULT_REVIEW,
      denied: lists.denied ?? DEFAULT_DENIED,
    });
  }

  /** The class of an SPDX expression such as `MIT OR GPL-3.0-only`. */
  classify(expression: string): LicenseClass {
    // A catalog repeats a handful of expressions many times over.
    let cls = this.memo.get(expression);
    if (cls === undefined) {
      const parsed = parseLicenseExpression(expression);
      cls = parsed ? this.classOf(parsed) : 'invalid';
      if (this.memo.size < MEMO_LIMIT) this.memo.set(expression, cls);
    }
    return cls;
  }

  /**
   * The class of an expression and the licenses that decide it: for
   * `MIT AND GPL-3.0-only`, denied because of `GPL-3.0-only`. A pass (allowed)
   * names none.
   */
  explain(expression: string): { cls: LicenseClass; culprits: string[] } {
    const parsed = parseLicenseExpression(expression);
    if (!parsed) return { cls: 'invalid', culprits: [] };
    const { cls, culprits } = this.judge(parsed);
    return { cls, culprits: cls === 'allowed' ? [] : [...new Set(culprits)] };
  }

  private classOf(
    expression: LicenseExpression,
  ): Exclude<LicenseClass, 'invalid'> {
    return this.judge(expression).cls;
  }

  private judge(expression: LicenseExpression): {
    cls: Exclude<LicenseClass, 'invalid'>;
    culprits: string[];
  } {
    // A `WITH` exception only adds permissions and a `+` only later
    // versions, so both keep the class of their license.
    if ('license' in expression) {
      const cls = this.classes.get(
        expression.license.toLocaleLowerCase('en-US'),
      );
      return {
        cls: cls === 'invalid' || cls === undefined ? 'unclassified' : cls,
        culprits: [expression.license],
      };
    }
    const left = this.judge(expression.left);
    const right = this.judge(expression.right);
    const leftRank = RANKING.indexOf(left.cls);
    const rightRank = RANKING.indexOf(right.cls);
    if (leftRank === rightRank) {
      return { cls: left.cls, culprits: [...left.culprits, ...right.culprits] };
    }
    const takeLeft =
      expression.conjunction === 'or'
        ? leftRank < rightRank
        : leftRank > rightRank;
    return takeLeft ? left : right;
  }
}
