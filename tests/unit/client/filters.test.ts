import { describe, expect, it } from 'vitest';
import { evaluateFilters } from '../../../shared/encodings/filters.ts';
import type { Filter } from '../../../shared/session/index.ts';
import { penguins } from './penguin-context.ts';

const common = { enabled: true, author: 'test', createdAt: 1 };

describe('filter evaluation on the penguins table', () => {
  it('keeps exactly the rows a brute-force reading of the table keeps', async () => {
    const { ctx, table, column } = await penguins();
    const mass = column('Body Mass (g)');
    const species = column('Species');
    const island = column('Island');
    if (mass.type !== 'number' || species.type !== 'category' || island.type !== 'category') throw new Error('types');
    const filters: Filter[] = [
      { ...common, id: 'a', kind: 'range', column: 'Body Mass (g)', min: 3500, max: 5000 },
      { ...common, id: 'b', kind: 'set', column: 'Island', values: ['Biscoe', 'Dream'] },
    ];
    const result = evaluateFilters(filters, ctx);
    let expected = 0;
    for (let r = 0; r < table.rowCount; r++) {
      const m = mass.values[r];
      const isle = island.dictionary[island.codes[r]];
      if (!Number.isNaN(m) && m >= 3500 && m <= 5000 && (isle === 'Biscoe' || isle === 'Dream')) expected++;
    }
    expect(result.passCount).toBe(expected);
    expect(result.passCount).toBeGreaterThan(100);
    expect(result.passes.reduce((s, v) => s + v, 0)).toBe(expected);
    expect(result.pending).toEqual([]);
  });

  it('counts species by the set filter: 124 Gentoo with their mass measured', async () => {
    const { ctx } = await penguins();
    const gentoo = evaluateFilters([{ ...common, id: 's', kind: 'set', column: 'Species', values: ['Gentoo'] }], ctx);
    // One Gentoo has no measurements in the published table, so 123 of the 124 are points.
    expect(gentoo.passCount).toBe(123);
    const none = evaluateFilters([{ ...common, id: 's', kind: 'set', column: 'Species', values: [] }], ctx);
    expect(none.passCount).toBe(0);
  });

  it('treats missing values as failing ranges and matching null in sets', async () => {
    const { ctx, column } = await penguins();
    const sex = column('Sex');
    if (sex.type !== 'category') throw new Error('types');
    let missingSex = 0;
    for (const r of ctx.rowIndex) if (sex.codes[r] < 0) missingSex++;
    expect(missingSex).toBeGreaterThan(0);
    const onlyMissing = evaluateFilters([{ ...common, id: 'x', kind: 'set', column: 'Sex', values: [null] }], ctx);
    expect(onlyMissing.passCount).toBe(missingSex);
  });

  it('applies cluster and anomaly filters, ignores disabled ones and reports unloaded columns', async () => {
    const { ctx } = await penguins();
    const clusters = evaluateFilters([{ ...common, id: 'c', kind: 'cluster', values: [0, 2] }], ctx);
    let expected = 0;
    for (let i = 0; i < ctx.count; i++) if (ctx.cluster[i] === 0 || ctx.cluster[i] === 2) expected++;
    expect(clusters.passCount).toBe(expected);
    const high = evaluateFilters([{ ...common, id: 'n', kind: 'anomaly', min: 0.5, max: null }], ctx);
    expect(high.passCount).toBe(Array.from(ctx.anomaly).filter((v) => v >= 0.5).length);
    const disabled = evaluateFilters([{ ...common, enabled: false, id: 'd', kind: 'cluster', values: [] }], ctx);
    expect(disabled.passCount).toBe(ctx.count);
    const partial = { ...ctx, columns: new Map() };
    const pending = evaluateFilters([{ ...common, id: 'p', kind: 'range', column: 'Body Mass (g)', min: 0, max: 1 }], partial);
    expect(pending.pending).toEqual(['Body Mass (g)']);
    expect(pending.passCount).toBe(ctx.count);
    const unknown = evaluateFilters([{ ...common, id: 'u', kind: 'range', column: 'Wingspan', min: 0, max: 1 }], partial, new Set(['Species']));
    expect(unknown.pending).toEqual([]);
    expect(unknown.passCount).toBe(ctx.count);
  });
});
