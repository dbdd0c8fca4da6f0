import { describe, expect, it } from 'vitest';
import { checkRules, type StoredRule } from '../../../server/data-quality/rules/check-rules.ts';
import { violatingRows } from '../../../server/data-quality/rules/check-rule.ts';
import { parseRuleInput } from '../../../server/data-quality/rules/rule-input.ts';
import { RuleError } from '../../../server/data-quality/rules/rule-error.ts';
import { compileSafePattern } from '../../../server/data-quality/rules/safe-pattern.ts';
import { cellValue, type Table } from '../../../shared/table.ts';
import { indicesFromRanges } from '../../../shared/session/ranges.ts';
import { loadAsset } from '../../support/assets.ts';

const column = (table: Table, name: string) => table.columns.find((c) => c.name === name)!;
/** The rows where `test` holds for the cell, counted the plain way. */
function directRows(table: Table, name: string, test: (v: string | number | boolean | null) => boolean): number[] {
  const data = column(table, name).data;
  const rows: number[] = [];
  for (let r = 0; r < table.rowCount; r++) if (test(cellValue(data, r))) rows.push(r);
  return rows;
}

describe('rules on the real penguins table', () => {
  it('count exactly the rows a direct count finds', async () => {
    const table = await loadAsset('penguins');
    const rule = (input: Omit<StoredRule, 'id' | 'createdAt'>, i: number) => ({ ...input, id: `rule-${i}`, createdAt: 0 }) as StoredRule;
    const rules = [
      { kind: 'not-null', column: 'Sex' },
      { kind: 'range', column: 'Body Mass (g)', min: 3000, max: 6000 },
      { kind: 'allowed-values', column: 'Island', values: ['Biscoe', 'Dream'] },
      { kind: 'pattern', column: 'Species', pattern: 'Ad.*' },
      { kind: 'unique', column: 'Body Mass (g)' },
    ].map((r, i) => rule(r as Omit<StoredRule, 'id' | 'createdAt'>, i));
    const checked = checkRules(rules, table);
    const expected = [
      directRows(table, 'Sex', (v) => v === null),
      directRows(table, 'Body Mass (g)', (v) => v !== null && ((v as number) < 3000 || (v as number) > 6000)),
      directRows(table, 'Island', (v) => v !== null && v !== 'Biscoe' && v !== 'Dream'),
      directRows(table, 'Species', (v) => v !== null && !String(v).startsWith('Ad')),
    ];
    const masses = directRows(table, 'Body Mass (g)', () => true).map((r) => cellValue(column(table, 'Body Mass (g)').data, r));
    expected.push(directRows(table, 'Body Mass (g)', (v) => v !== null && masses.filter((m) => m === v).length > 1));
    expect(checked.map((r) => r.violations)).toEqual(expected.map((rows) => rows.length));
    checked.forEach((r, i) => expect(Array.from(indicesFromRanges(r.violatingRows))).toEqual(expected[i]));
    expect(checked[0].violations).toBe(11);
    expect(checked[2].violations).toBe(52); // Torgersen
    expect(checked[3].violations).toBe(344 - 152); // every Chinstrap and Gentoo
  });

  it('refuses rules the data cannot have, with a sentence', async () => {
    const table = await loadAsset('penguins');
    const columns = table.columns.map((c) => ({ name: c.name, type: c.data.type }));
    const refused = (body: unknown) => {
      try {
        parseRuleInput(body, columns);
      } catch (error) {
        return error as Error;
      }
      throw new Error('accepted');
    };
    expect(refused({ kind: 'not-null', column: 'Weight' }).message).toMatch(/^Unknown column "Weight"\. Columns are: "Species"/);
    expect((refused({ kind: 'range', column: 'Species', min: 1 }) as RuleError).code).toBe('invalid_rule');
    expect((refused({ kind: 'pattern', column: 'Species', pattern: '(a' }) as RuleError).code).toBe('invalid_pattern');
    expect((refused({ kind: 'pattern', column: 'Species', pattern: '(a+)+$' }) as RuleError).code).toBe('unsafe_pattern');
    expect(refused({ kind: 'range', column: 'Body Mass (g)', min: 9, max: 1 }).message).toContain('min is larger than max');
    expect(refused({ kind: 'bigger', column: 'Species' }).name).toBe('ZodError');
  });
});

describe('safe patterns', () => {
  it('accepts ordinary patterns, anchored to the whole value', () => {
    expect(compileSafePattern('[A-Z][a-z]+').test('Adelie')).toBe(true);
    expect(compileSafePattern('[A-Z][a-z]+').test('Adelie penguin')).toBe(false);
    expect(compileSafePattern('\\d{3}-\\d{4}').test('555-1234')).toBe(true);
    expect(compileSafePattern('(Adelie|Gentoo)').test('Gentoo')).toBe(true);
    expect(compileSafePattern('(\\d{3}-){2}\\d{4}').test('555-123-1234')).toBe(true);
  });

  it('refuses patterns that could backtrack for minutes, and overlong or invalid ones', () => {
    const code = (pattern: string) => {
      try {
        compileSafePattern(pattern);
        return 'ok';
      } catch (error) {
        return (error as RuleError).code;
      }
    };
    for (const p of ['(a+)+', '(a*)*b', '(x+x+)+y', '(a|aa)*', '(a|b)+c', '((ab)*)+', '(\\w+\\s?)*$', '(.*a){3,}']) expect(code(p), p).toBe('unsafe_pattern');
    expect(code('(a)\\1')).toBe('unsafe_pattern');
    expect(code('a*b*c*d*e*')).toBe('unsafe_pattern');
    expect(code('x'.repeat(201))).toBe('invalid_pattern');
    expect(code('[')).toBe('invalid_pattern');
    expect(code('')).toBe('invalid_pattern');
  });

  it('stops a slow evaluation with a clear error instead of blocking', async () => {
    const table = await loadAsset('penguins');
    let t = 0;
    const clock = () => (t += 1500);
    expect(() => violatingRows({ kind: 'pattern', column: 'Body Mass (g)', pattern: '\\d+' }, column(table, 'Body Mass (g)'), table.rowCount, clock)).toThrow(/takes too long/);
  });
});
