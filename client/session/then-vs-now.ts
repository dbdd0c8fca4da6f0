import { rangesCount, rangesSubtract, type RowRanges } from '../../shared/session/index.ts';

/** Two row groups that share rows, made disjoint: what only A holds, what only B holds, and how many rows both held. */
export interface ExclusiveGroups {
  a: RowRanges;
  b: RowRanges;
  /** Rows in both, left out of the comparison (0: the groups were disjoint and are unchanged). */
  shared: number;
}

/**
 * "Then vs now": a bookmark's selection against today's selection usually shares rows, and the
 * server refuses overlapping groups (a row cannot stand for both sides). Comparing the rows only
 * in A with the rows only in B says what changed. Canonical row ranges in and out.
 */
export function exclusiveGroups(a: RowRanges, b: RowRanges): ExclusiveGroups {
  const onlyA = rangesSubtract(a, b);
  const shared = rangesCount(a) - rangesCount(onlyA);
  if (shared === 0) return { a, b, shared: 0 };
  return { a: onlyA, b: rangesSubtract(b, a), shared };
}
