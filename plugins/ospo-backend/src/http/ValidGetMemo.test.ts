import { ValidGetMemo } from './ValidGetMemo';

describe('ValidGetMemo', () => {
  it('restores the query and metadata the validator left', () => {
    const memo = new ValidGetMemo();
    memo.remember('/a?x=1', { query: { x: '1', limit: 50 }, openapi: 'meta' });
    const req: { query: unknown; openapi?: unknown } = { query: { x: '1' } };
    expect(memo.restore('/a?x=1', req)).toBe(true);
    expect(req).toEqual({ query: { x: '1', limit: 50 }, openapi: 'meta' });
    expect(memo.restore('/a?x=2', { query: {} })).toBe(false);
  });

  it('hands out copies, so a changed query is not remembered', () => {
    const memo = new ValidGetMemo();
    const first = { query: { x: '1' } as Record<string, unknown> };
    memo.remember('/a', first);
    first.query.x = 'changed';
    const second = { query: {} as Record<string, unknown> };
    memo.restore('/a', second);
    second.query.x = 'changed too';
    const third = { query: {} };
    memo.restore('/a', third);
    expect(third.query).toEqual({ x: '1' });
  });

  it('drops the least recently used URL when full', () => {
    const memo = new ValidGetMemo(2);
    memo.remember('/a', { query: {} });
    memo.remember('/b', { query: {} });
    memo.restore('/a', { query: {} });
    memo.remember('/c', { query: {} });
    expect(memo.size).toBe(2);
    expect(memo.restore('/b', { query: {} })).toBe(false);
    expect(memo.restore('/a', { query: {} })).toBe(true);
    expect(memo.restore('/c', { query: {} })).toBe(true);
  });
});
