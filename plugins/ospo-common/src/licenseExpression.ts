import parseSpdx from 'spdx-expression-parse';
import spdxCorrect from 'spdx-correct';
import spdxLicenseIds from 'spdx-license-ids';
import deprecatedSpdxLicenseIds from 'spdx-license-ids/deprecated';
import spdxExceptions from 'spdx-exceptions';

/**
 * A parsed SPDX license expression, in the shape `spdx-expression-parse`
 * returns: a license (an SPDX id or a `LicenseRef-`, with an optional `+`
 * "or later" and `WITH` exception), or an `and`/`or` of two expressions.
 *
 * @public
 */
export type LicenseExpression =
  | { license: string; plus?: true; exception?: string }
  | {
      conjunction: 'and' | 'or';
      left: LicenseExpression;
      right: LicenseExpression;
    };

// SPDX matches license and exception ids case-insensitively, while
// spdx-expression-parse wants them as the list spells them.
const CANONICAL_IDS = new Map(
  [...spdxLicenseIds, ...deprecatedSpdxLicenseIds, ...spdxExceptions].map(
    id => [id.toLocaleLowerCase('en-US'), id],
  ),
);

// A user-defined reference, left as written, or a word that may be an id.
const ID_OR_REF =
  /(?:DocumentRef-[A-Za-z0-9.-]+:)?LicenseRef-[A-Za-z0-9.-]+|[A-Za-z0-9.-]+/g;

function canonical(text: string): string {
  return text
    .trim()
    .replace(/\s+/g, ' ')
    .replace(
      ID_OR_REF,
      word => CANONICAL_IDS.get(word.toLocaleLowerCase('en-US')) ?? word,
    );
}

/**
 * Parses an SPDX license expression such as `MIT OR Apache-2.0` or
 * `GPL-2.0-only WITH Classpath-exception-2.0` with `spdx-expression-parse`.
 * Returns undefined when the text is not one, including when it names a
 * license that is not on the SPDX license list (`Apache2`); `LicenseRef-`
 * references are valid. Ids match case-insensitively, as SPDX specifies.
 *
 * @public
 */
export function parseLicenseExpression(
  text: string,
): LicenseExpression | undefined {
  const source = canonical(text);
  if (!source) return undefined;
  try {
    return parseSpdx(source);
  } catch {
    // The parser throws on any syntax error or unknown id; which one does
    // not matter to callers, who show a suggestion instead.
    return undefined;
  }
}

// Operators and parentheses, kept as they are while each license between
// them is corrected on its own.
const STRUCTURE = /(\(|\)|\s+(?:AND|OR|WITH)\s+)/i;

// npm's `UNLICENSED` means "no licence granted", and spdx-correct would turn
// it into the Unlicense, a public-domain dedication: the opposite.
const NO_SUGGESTION = /^unlicensed$/i;

// Joiners people use instead of AND or OR, as in `MIT/Apache`.
const JOINER = /\s*[/,&]\s*/;

/**
 * The correction of one license, or null. A term naming several licenses,
 * as `MIT/Apache` or `MIT Apache-2.0` do, gets none: spdx-correct would keep
 * one of them and drop the rest, and whether they meant AND or OR is for the
 * owner to say.
 */
function correctLicense(term: string): string | null {
  if (NO_SUGGESTION.test(term)) return null;
  const joined = new Set(
    term.split(JOINER).map(piece => (piece ? spdxCorrect(piece) : null)),
  );
  joined.delete(null);
  const ids = term.split(' ').filter(word => parseLicenseExpression(word));
  if (joined.size > 1 || ids.length > 1) return null;
  return spdxCorrect(term);
}

/**
 * A valid SPDX expression that an invalid one most likely meant, from
 * `spdx-correct`: `Apache 2` and `Apache2` give `Apache-2.0`, `MIT License`
 * gives `MIT`. In an expression each license is corrected on its own, so
 * `MIT OR Apache2` gives `MIT OR Apache-2.0`. Undefined when the text is
 * valid already or no correction is found.
 *
 * @public
 */
export function suggestLicenseExpression(text: string): string | undefined {
  if (parseLicenseExpression(text)) return undefined;
  const corrected: string[] = [];
  let afterWith = false;
  for (const part of canonical(text).split(STRUCTURE)) {
    const term = part.trim();
    if (!term || STRUCTURE.test(part)) {
      corrected.push(part);
      if (term) afterWith = term.toLocaleUpperCase('en-US') === 'WITH';
      continue;
    }
    // An exception is not a license: spdx-correct would make one of it.
    if (afterWith || parseLicenseExpression(term)) {
      corrected.push(term);
      continue;
    }
    const suggestion = correctLicense(term);
    if (!suggestion) return undefined;
    corrected.push(suggestion);
  }
  const suggestion = corrected.join('');
  // spdx-correct checks with its own copy of the parser; keep only what ours
  // accepts, which also drops an unknown exception left as it was.
  return parseLicenseExpression(suggestion) ? suggestion : undefined;
}
