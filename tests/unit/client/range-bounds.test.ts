import { describe, expect, it } from 'vitest';
import { applyBound, boundText, parseBound } from '../../../client/panels/range-filter.tsx';
import { evaluateFilters } from '../../../shared/encodings/filters.ts';
import type { RangeFilter } from '../../../shared/session/index.ts';
import { loadAsset } from '../../support/assets.ts';
import { penguins } from './penguin-context.ts';

const open = { min: null, max: null };

describe('typed range filter bounds', () => {
  it('read numbers exactly, days as UTC days (a max day keeps that whole day), empty as no bound', () => {
    expect(parseBound(' 20 ', false, 'min')).toBe(20);
    expect(parseBound('4.35', false, 'max')).toBe(4.35);
    expect(parseBound('', false, 'min')).toBeNull();
    expect(parseBound('abc', false, 'min')).toBeUndefined();
    expect(parseBound('1e999', false, 'min')).toBeUndefined();
    expect(parseBound('2012-06-30', true, 'min')).toBe(Date.UTC(2012, 5, 30));
    expect(parseBound('2012-06-30', true, 'max')).toBe(Date.UTC(2012, 6, 1) - 1);
    expect(parseBound('30/06/2012', true, 'min')).toBeUndefined();
    expect(parseBound('2012-13-45', true, 'min')).toBeUndefined();
  });

  it('clamp to the column range and to the other bound; an end of the range is no bound', () => {
    expect(applyBound('min', 20, open, 0, 100)).toEqual({ min: 20, max: null });
    expect(applyBound('min', -5, { min: 10, max: 50 }, 0, 100)).toEqual({ min: null, max: 50 });
    expect(applyBound('min', 70, { min: 10, max: 50 }, 0, 100)).toEqual({ min: 50, max: 50 });
    expect(applyBound('max', 500, { min: 10, max: 50 }, 0, 100)).toEqual({ min: 10, max: null });
    expect(applyBound('max', 5, { min: 10, max: 50 }, 0, 100)).toEqual({ min: 10, max: 10 });
    expect(applyBound('max', null, { min: 10, max: 50 }, 0, 100)).toEqual({ min: 10, max: null });
    expect(applyBound('min', null, { min: 10, max: 50 }, 0, 100)).toEqual({ min: null, max: 50 });
  });

  it('show bounds as the inputs expect them', () => {
    expect(boundText(4.300000001, false)).toBe('4.3');
    expect(boundText(Date.UTC(2012, 6, 1) - 1, true)).toBe('2012-06-30');
  });

  it('a typed bound keeps exactly the rows in range (penguin body mass)', async () => {
    const { ctx, column } = await penguins();
    const mass = column('Body Mass (g)');
    if (mass.type !== 'number') throw new Error('unexpected type');
    const bounds = applyBound('min', parseBound('4000', false, 'min')!, open, 2700, 6300);
    const filter: RangeFilter = { id: 'f', kind: 'range', column: 'Body Mass (g)', enabled: true, author: 'test', createdAt: 0, ...bounds };
    const passes = evaluateFilters([filter], ctx).passes;
    const kept = passes.reduce((s, v) => s + v, 0);
    let expected = 0;
    for (let p = 0; p < ctx.count; p++) if (mass.values[ctx.rowIndex[p]] >= 4000) expected++;
    expect(kept).toBe(expected);
    expect(kept).toBeGreaterThan(0);
    expect(kept).toBeLessThan(ctx.count);
  });

  it('a typed day range on the Seattle weather keeps exactly those days', async () => {
    const table = await loadAsset('seattle');
    const date = table.columns.find((c) => c.name === 'date')!.data;
    if (date.type !== 'datetime') throw new Error('unexpected type');
    const lo = date.values[0];
    const hi = date.values[date.values.length - 1];
    let b = applyBound('min', parseBound('2012-06-01', true, 'min')!, open, lo, hi);
    b = applyBound('max', parseBound('2012-06-30', true, 'max')!, b, lo, hi);
    const inJune = Array.from(date.values).filter((v) => v >= b.min! && v <= b.max!).length;
    expect(inJune).toBe(30);
  });
});
