import { describe, expect, it } from 'vitest';
import { exclusiveGroups } from '../../../client/session/then-vs-now.ts';
import { indicesFromRanges, rangesFromIndices, rangesUnion } from '../../../shared/session/index.ts';

describe('then vs now: two row groups made disjoint', () => {
  it('keeps the rows only in each and counts the rows both held', () => {
    // Then: rows 0–99 and 200–209; now: rows 50–149.
    const then = rangesUnion([0, 100], [200, 210]);
    const now = [50, 150];
    const out = exclusiveGroups(then, now);
    expect(out.shared).toBe(50);
    expect(out.a).toEqual([0, 50, 200, 210]);
    expect(out.b).toEqual([100, 150]);
    // Nothing of one side is in the other, and together with the shared rows they are both groups.
    const a = new Set(indicesFromRanges(out.a));
    expect([...indicesFromRanges(out.b)].some((r) => a.has(r))).toBe(false);
    expect(rangesUnion(rangesUnion(out.a, out.b), [50, 100])).toEqual(rangesUnion(then, now));
  });

  it('leaves disjoint groups as they are', () => {
    const a = rangesFromIndices([1, 2, 3, 9]);
    const b = rangesFromIndices([4, 5]);
    expect(exclusiveGroups(a, b)).toEqual({ a, b, shared: 0 });
  });

  it('leaves nothing on a side that the other holds whole', () => {
    const out = exclusiveGroups([10, 20], [0, 100]);
    expect(out).toEqual({ a: [], b: [0, 10, 20, 100], shared: 10 });
  });
});
