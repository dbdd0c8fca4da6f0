import type { CoOccurrenceAnswer, CoOccurrenceRule } from '../../../shared/insights/co-occurrence.ts';
import { rangesFromIndices } from '../../../shared/session/ranges.ts';
import { frequentItemsets, itemsetKey } from './frequent-itemsets.ts';
import type { RuleItems } from './rule-items.ts';

export interface RuleBounds {
  minSupport: number;
  minConfidence: number;
  top: number;
}

/** Float slack for "lift above 1" and "surer than its parts" (ratios of counts that are equal in exact arithmetic). */
const LIFT_EPSILON = 1e-9;

/**
 * Rules A ⇒ C and A, B ⇒ C over the group's rows (one consequent item; itemsets of at most three),
 * with support, confidence and lift; the `top` by lift (then support, then text, so the order is
 * deterministic), each with the rows it covers. Only values that go together are rules: lift above
 * 1 (an item every row of the group holds has lift 1 with anything), and A, B ⇒ C only when it is
 * surer than both A ⇒ C and B ⇒ C (otherwise B adds nothing).
 */
export function coOccurrenceRules(source: RuleItems, rows: Uint32Array, bounds: RuleBounds): CoOccurrenceAnswer {
  const n = rows.length;
  const answer: CoOccurrenceAnswer = { groupRows: n, columns: source.columns, rules: [] };
  if (n === 0 || source.width === 0) return answer;
  const minCount = Math.max(1, Math.ceil(bounds.minSupport * n - 1e-9));
  const { counts } = frequentItemsets(source.items, rows, source.width, minCount);
  const candidates: { set: number[]; then: number; count: number; confidence: number; lift: number }[] = [];
  for (const [key, count] of counts) {
    const set = key.split(',').map(Number);
    if (set.length < 2) continue;
    for (const then of set) {
      const antecedent = set.filter((i) => i !== then);
      const antecedentCount = counts.get(itemsetKey(antecedent)) ?? 0;
      const thenCount = counts.get(String(then)) ?? 0;
      const confidence = count / antecedentCount;
      const lift = confidence / (thenCount / n);
      if (confidence < bounds.minConfidence || !(lift > 1 + LIFT_EPSILON)) continue;
      // A, B ⇒ C says nothing A ⇒ C or B ⇒ C does not already say unless it is surer.
      if (antecedent.length === 2 && antecedent.some((a) => (counts.get(itemsetKey([a, then].sort((x, y) => x - y))) ?? 0) / (counts.get(String(a)) ?? 1) >= confidence - LIFT_EPSILON)) continue;
      candidates.push({ set, then, count, confidence, lift });
    }
  }
  const text = (c: (typeof candidates)[number]) => `${c.set.filter((i) => i !== c.then).join(',')}>${c.then}`;
  candidates.sort((a, b) => b.lift - a.lift || b.count - a.count || (text(a) < text(b) ? -1 : 1));
  answer.rules = candidates.slice(0, bounds.top).map((c): CoOccurrenceRule => ({
    if: c.set.filter((i) => i !== c.then).map((i) => source.labels[i]),
    then: source.labels[c.then],
    support: c.count / n,
    confidence: c.confidence,
    lift: c.lift,
    count: c.count,
    rows: coveredRows(source, rows, c.set),
  }));
  return answer;
}

function coveredRows(source: RuleItems, rows: Uint32Array, set: number[]): number[] {
  // Each item belongs to one column: compare just those cells.
  const cells = set.map((item) => source.columns.indexOf(source.labels[item].column));
  const covered: number[] = [];
  for (const row of rows) {
    const base = row * source.width;
    let all = true;
    for (let k = 0; k < set.length && all; k++) all = source.items[base + cells[k]] === set[k];
    if (all) covered.push(row);
  }
  return rangesFromIndices(covered);
}
