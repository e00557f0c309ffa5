import { Entity } from '@backstage/catalog-model';
import { OspoEntityCheck } from '@ospo-kit/plugin-ospo-node';
import { EntityCheckEvaluator } from './EntityCheckEvaluator';

const entity = (kind: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind,
  metadata: { name: 'shop' },
});
const context = { entityRef: 'component:default/shop' };

function check(
  id: string,
  verdict: 'pass' | 'warn' | 'fail' | 'unknown',
  kinds = ['Component'],
): OspoEntityCheck {
  return {
    id,
    title: id,
    kinds,
    fields: [],
    evaluate: () => ({
      verdict,
      reason: `${id} says ${verdict}`,
      fix: 'Fix it.',
    }),
  };
}

describe('EntityCheckEvaluator', () => {
  it('lists the verdicts worst first, keeping the order of checks within one', () => {
    const evaluator = EntityCheckEvaluator.create({
      checks: [
        check('a', 'pass'),
        check('b', 'warn'),
        check('c', 'unknown'),
        check('d', 'fail'),
        check('e', 'warn'),
      ],
    });
    expect(
      evaluator.evaluate(entity('Component'), context).map(r => r.checkId),
    ).toEqual(['d', 'b', 'e', 'c', 'a']);
  });

  it('applies checks by kind, whatever its case', () => {
    const evaluator = EntityCheckEvaluator.create({
      checks: [check('a', 'pass', ['API']), check('b', 'pass', ['Component'])],
    });
    expect(evaluator.appliesTo('api')).toBe(true);
    expect(evaluator.appliesTo('Group')).toBe(false);
    expect(
      evaluator.evaluate(entity('API'), context).map(r => r.checkId),
    ).toEqual(['a']);
  });

  it('adds the guidance link and the fix to what does not pass only', () => {
    const evaluator = EntityCheckEvaluator.create({
      checks: [check('a', 'pass'), check('b', 'fail')],
      guidance: new Map([
        ['a', 'https://wiki.example.com/a'],
        ['b', 'https://wiki.example.com/b'],
      ]),
    });
    expect(evaluator.evaluate(entity('Component'), context)).toEqual([
      {
        checkId: 'b',
        title: 'b',
        verdict: 'fail',
        reason: 'b says fail',
        fix: 'Fix it.',
        guidanceUrl: 'https://wiki.example.com/b',
      },
      { checkId: 'a', title: 'a', verdict: 'pass', reason: 'a says pass' },
    ]);
  });

  it('turns a check that throws into an unknown verdict, keeping the others', () => {
    const broken: OspoEntityCheck = {
      ...check('broken', 'pass'),
      evaluate: () => {
        throw new Error('no data');
      },
    };
    const evaluator = EntityCheckEvaluator.create({
      checks: [broken, check('fine', 'pass')],
    });
    expect(evaluator.evaluate(entity('Component'), context)).toEqual([
      {
        checkId: 'broken',
        title: 'broken',
        verdict: 'unknown',
        reason: 'The check failed: no data',
      },
      expect.objectContaining({ checkId: 'fine', verdict: 'pass' }),
    ]);
  });

  it('refuses malformed and repeated ids, and guidance for no check', () => {
    expect(() =>
      EntityCheckEvaluator.create({
        checks: [check('License.Policy', 'pass')],
      }),
    ).toThrow("Check id 'License.Policy' must be lower case words");
    expect(() =>
      EntityCheckEvaluator.create({
        checks: [check('a', 'pass'), check('a', 'fail')],
      }),
    ).toThrow("Check id 'a' is used twice");
    expect(() =>
      EntityCheckEvaluator.create({
        checks: [check('a', 'pass')],
        guidance: new Map([['lisence', 'https://wiki.example.com']]),
      }),
    ).toThrow("ospo.checks.guidance.lisence: there is no check 'lisence'");
  });
});
