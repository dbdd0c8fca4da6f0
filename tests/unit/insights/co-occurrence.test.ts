import { beforeAll, describe, expect, it } from 'vitest';
import { ruleText, type CoOccurrenceRule } from '../../../shared/insights/co-occurrence.ts';
import { indicesFromRanges } from '../../../shared/session/ranges.ts';
import { cellValue, type Table } from '../../../shared/table.ts';
import { coOccurrenceRules } from '../../../server/insights/co-occurrence/co-occurrence-rules.ts';
import { ruleItems } from '../../../server/insights/co-occurrence/rule-items.ts';
import { loadAsset } from '../../support/assets.ts';

interface Expected {
  text: string;
  count: number;
  support: number;
  confidence: number;
  lift: number;
  rows: number[];
}

/**
 * Every itemset of one to three column = value items (one value per column) counted directly,
 * row by row, and every rule with one consequent made from it, kept when its lift is above 1 and,
 * for two `if` items, when it is surer than each of them alone: what Apriori must find.
 */
function bruteForce(table: Table, rows: number[], minSupport: number, minConfidence: number): Expected[] {
  const columns = table.columns.filter((c) => !c.identifier && c.data.type === 'category');
  const value = (c: number, row: number) => cellValue(columns[c].data, row);
  const values = columns.map((_, c) => [...new Set(rows.map((r) => value(c, r)).filter((v) => v !== null))]);
  const holding = (items: [number, unknown][]) => rows.filter((r) => items.every(([c, v]) => value(c, r) === v));
  const sets: [number, unknown][][] = [];
  const grow = (from: number, set: [number, unknown][]) => {
    if (set.length > 0) sets.push(set);
    if (set.length === 3) return;
    for (let c = from; c < columns.length; c++) for (const v of values[c]) grow(c + 1, [...set, [c, v]]);
  };
  grow(0, []);
  const n = rows.length;
  const out: Expected[] = [];
  for (const set of sets) {
    if (set.length < 2) continue;
    const covered = holding(set);
    if (covered.length < minSupport * n) continue;
    for (let k = 0; k < set.length; k++) {
      const antecedent = set.filter((_, i) => i !== k);
      const confidence = covered.length / holding(antecedent).length;
      if (confidence < minConfidence) continue;
      const thenShare = holding([set[k]]).length / n;
      if (confidence / thenShare <= 1 + 1e-9) continue;
      const parts = antecedent.length === 2 ? antecedent.map((a) => holding([a, set[k]]).length / holding([a]).length) : [];
      if (parts.some((p) => p >= confidence - 1e-9)) continue;
      const name = ([c, v]: [number, unknown]) => `${columns[c].name} = ${String(v)}`;
      out.push({
        text: `${antecedent.map(name).join(', ')} ⇒ ${name(set[k])}`,
        count: covered.length,
        support: covered.length / n,
        confidence,
        lift: confidence / thenShare,
        rows: covered,
      });
    }
  }
  return out;
}

const asExpected = (r: CoOccurrenceRule): Expected => ({ text: ruleText(r), count: r.count, support: r.support, confidence: r.confidence, lift: r.lift, rows: [...indicesFromRanges(r.rows)] });
const byText = (a: Expected, b: Expected) => (a.text < b.text ? -1 : 1);

let penguins: Table;
beforeAll(async () => {
  penguins = await loadAsset('penguins');
});

describe('co-occurrence rules on the penguins', () => {
  it('finds exactly the rules a brute-force count finds, with the same support, confidence and lift', () => {
    const all = Array.from({ length: penguins.rowCount }, (_, i) => i);
    for (const [minSupport, minConfidence] of [
      [0.01, 0],
      [0.05, 0.5],
      [0.2, 0.8],
    ]) {
      const found = coOccurrenceRules(ruleItems(penguins), Uint32Array.from(all), { minSupport, minConfidence, top: 100_000 }).rules.map(asExpected);
      const expected = bruteForce(penguins, all, minSupport, minConfidence);
      expect(found.length).toBeGreaterThan(0);
      expect(found.sort(byText)).toEqual(expected.sort(byText));
    }
  });

  it('counts within a group of rows only, and keeps the top rules by lift', () => {
    const group = Array.from({ length: penguins.rowCount }, (_, i) => i).filter((i) => i % 3 !== 0 || i > 200);
    const answer = coOccurrenceRules(ruleItems(penguins), Uint32Array.from(group), { minSupport: 0.05, minConfidence: 0.5, top: 5 });
    expect(answer.groupRows).toBe(group.length);
    const expected = bruteForce(penguins, group, 0.05, 0.5).sort((a, b) => b.lift - a.lift || b.count - a.count);
    expect(answer.rules).toHaveLength(5);
    expect(answer.rules.map((r) => r.lift)).toEqual(expected.slice(0, 5).map((e) => e.lift));
    for (const rule of answer.rules) expect(indicesFromRanges(rule.rows).every((r) => group.includes(r))).toBe(true);
  });

  it('says what the penguins show: each island and species go together', () => {
    const all = Uint32Array.from({ length: penguins.rowCount }, (_, i) => i);
    const texts = coOccurrenceRules(ruleItems(penguins), all, { minSupport: 0.05, minConfidence: 0.9, top: 50 }).rules.map(ruleText);
    expect(texts).toContain('Species = Gentoo ⇒ Island = Biscoe');
    expect(texts).toContain('Island = Torgersen ⇒ Species = Adelie');
    expect(texts).toContain('Species = Chinstrap ⇒ Island = Dream');
  });
});
