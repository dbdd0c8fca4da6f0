import { describe, expect, it } from 'vitest';
import { composeColors, encodeColors } from '../../../shared/encodings/color-encoding.ts';
import { histogram } from '../../../client/encodings/histogram.ts';
import { encodeMagnitude, SIZE_RANGE } from '../../../shared/encodings/magnitude-encoding.ts';
import { hexToRgb, MUTED_COLOR, rampTable, CONTINUOUS_PALETTES } from '../../../shared/encodings/palettes.ts';
import { valuesFor } from '../../../shared/encodings/point-values.ts';
import { fitToUnitSphere, positionsFor } from '../../../shared/encodings/positions.ts';
import { makeNormaliser } from '../../../shared/encodings/scales.ts';
import { compareColumn } from '../../../client/encodings/stats.ts';
import { penguins } from './penguin-context.ts';

describe('colour encodings', () => {
  it('colours species by frequency, with a legend whose counts add up to every point', async () => {
    const { ctx } = await penguins();
    const result = valuesFor({ by: 'column', column: 'Species' }, ctx);
    if (!result || 'pending' in result) throw new Error('values missing');
    const { rgb, legend } = encodeColors(result.values, { by: 'column', column: 'Species' }, result.title);
    if (legend.kind !== 'categorical') throw new Error('expected a categorical legend');
    expect(legend.items.map((i) => i.label)).toEqual(['Adelie', 'Gentoo', 'Chinstrap']);
    expect(legend.items.map((i) => i.count)).toEqual([151, 123, 68]);
    expect(legend.items.reduce((s, i) => s + i.count, 0)).toBe(ctx.count);
    // Each point carries its species' legend colour.
    const species = ctx.columns.get('Species')!;
    if (species.type !== 'category') throw new Error('types');
    for (let i = 0; i < ctx.count; i += 17) {
      const label = species.dictionary[species.codes[ctx.rowIndex[i]]];
      const colour = hexToRgb(legend.items.find((it) => it.label === label)!.color);
      expect([rgb[i * 3], rgb[i * 3 + 1], rgb[i * 3 + 2]]).toEqual(colour);
    }
  });

  it('greys missing values and maps numbers along the ramp in order', async () => {
    const { ctx } = await penguins();
    const enc = { by: 'column' as const, column: 'Sex' };
    const sex = valuesFor(enc, ctx);
    if (!sex || 'pending' in sex) throw new Error('values missing');
    const { legend } = encodeColors(sex.values, enc, 'Sex');
    if (legend.kind !== 'categorical') throw new Error('legend');
    const missing = legend.items.find((i) => i.key === null)!;
    expect(missing.color).toBe(MUTED_COLOR);
    expect(missing.count).toBeGreaterThan(0);

    const massEnc = { by: 'column' as const, column: 'Body Mass (g)' };
    const mass = valuesFor(massEnc, ctx);
    if (!mass || 'pending' in mass || mass.values.kind !== 'continuous') throw new Error('values missing');
    const { rgb, legend: bar } = encodeColors(mass.values, massEnc, 'Body Mass (g)');
    if (bar.kind !== 'continuous') throw new Error('legend');
    expect(bar.ticks.map((t) => t.label)).toEqual(['2,700', '4,500', '6,300']);
    const table = rampTable(CONTINUOUS_PALETTES.viridis);
    const lightest = Array.from(mass.values.values).indexOf(6300);
    expect([rgb[lightest * 3], rgb[lightest * 3 + 1], rgb[lightest * 3 + 2]]).toEqual([table[765], table[766], table[767]]);
  });

  it('interleaves opacity into RGBA bytes', () => {
    const rgba = composeColors(Uint8Array.from([10, 20, 30, 40, 50, 60]), Float32Array.from([0.5, 2]));
    expect(Array.from(rgba)).toEqual([10, 20, 30, 128, 40, 50, 60, 255]);
  });
});

describe('scales', () => {
  it('quantile scale puts the median at one half and inverts to the data', async () => {
    const { ctx } = await penguins();
    const values = Float64Array.from(ctx.rowIndex, (r) => (ctx.columns.get('Flipper Length (mm)') as { values: Float64Array }).values[r]);
    const q = makeNormaliser(values, 'quantile');
    const sorted = Float64Array.from(values).sort();
    const median = sorted[(sorted.length - 1) / 2 | 0];
    expect(Math.abs(q.apply(median) - 0.5)).toBeLessThan(0.03);
    expect(q.invert(0)).toBe(sorted[0]);
    expect(q.invert(1)).toBe(sorted[sorted.length - 1]);
    for (const scale of ['linear', 'log', 'sqrt'] as const) {
      const n = makeNormaliser(values, scale);
      expect(n.apply(n.min)).toBeCloseTo(0, 9);
      expect(n.apply(n.max)).toBeCloseTo(1, 9);
      expect(n.invert(n.apply(200))).toBeCloseTo(200, 6);
    }
    expect(Number.isNaN(makeNormaliser(values).apply(Number.NaN))).toBe(true);
  });

  it('sizes follow the number, missing values get the missing size', () => {
    const sizes = encodeMagnitude({ kind: 'continuous', values: Float64Array.from([0, 5, 10, Number.NaN]), temporal: false, title: 'x' }, { by: 'column', column: 'x' }, SIZE_RANGE);
    expect(sizes[0]).toBeCloseTo(SIZE_RANGE.min);
    expect(sizes[1]).toBeCloseTo((SIZE_RANGE.min + SIZE_RANGE.max) / 2);
    expect(sizes[2]).toBeCloseTo(SIZE_RANGE.max);
    expect(sizes[3]).toBeCloseTo(SIZE_RANGE.missing);
  });
});

describe('positions from columns', () => {
  it('are centred with 98% of penguins within radius 1, and no missing value becomes NaN', async () => {
    const { ctx } = await penguins();
    const result = positionsFor({ by: 'columns', x: 'Beak Length (mm)', y: 'Flipper Length (mm)', z: 'Body Mass (g)' }, new Float32Array(0), ctx);
    if (!('positions' in result)) throw new Error('pending');
    const p = result.positions;
    expect(p.length).toBe(ctx.count * 3);
    expect(p.every((v) => Number.isFinite(v))).toBe(true);
    const radii = Array.from({ length: ctx.count }, (_, i) => Math.hypot(p[i * 3], p[i * 3 + 1], p[i * 3 + 2]));
    const inside = radii.filter((r) => r <= 1 + 1e-6).length / ctx.count;
    expect(inside).toBeGreaterThanOrEqual(0.98);
    expect(inside).toBeLessThan(0.995);
    for (let a = 0; a < 3; a++) {
      let mean = 0;
      for (let i = 0; i < ctx.count; i++) mean += p[i * 3 + a] / ctx.count;
      expect(Math.abs(mean)).toBeLessThan(1e-5);
    }
    const pending = positionsFor({ by: 'columns', x: 'a', y: 'b', z: 'a' }, new Float32Array(0), ctx);
    expect(pending).toEqual({ pending: ['a', 'b'] });
  });

  it('fitToUnitSphere leaves a degenerate cloud alone', () => {
    expect(Array.from(fitToUnitSphere(new Float32Array(6)))).toEqual([0, 0, 0, 0, 0, 0]);
  });
});

describe('histograms and selection statistics', () => {
  it('bins every present value once, on nice edges', async () => {
    const { ctx, column } = await penguins();
    const beak = column('Beak Depth (mm)') as { values: Float64Array };
    const values = Float64Array.from(ctx.rowIndex, (r) => beak.values[r]);
    const subset = Uint8Array.from(ctx.cluster, (c) => (c === 0 ? 1 : 0));
    const h = histogram(values, 20, subset)!;
    expect(h.counts.reduce((s, c) => s + c, 0)).toBe(values.length - h.missing);
    for (let b = 0; b < h.counts.length; b++) {
      const expected = Array.from(values).filter((v) => v >= h.edges[b] && (v < h.edges[b + 1] || (b === h.counts.length - 1 && v <= h.edges[b + 1]))).length;
      expect(h.counts[b]).toBe(expected);
    }
    expect(h.subsetCounts!.reduce((s, c) => s + c, 0)).toBe(subset.reduce((s, v) => s + v, 0));
    expect(h.edges.every((e) => Number.isInteger(e * 2))).toBe(true);
  });

  it('describes a selection against the rest: Gentoo are heavier (large positive effect)', async () => {
    const { ctx, column } = await penguins();
    const species = column('Species') as { codes: Int32Array; dictionary: string[] };
    const gentoo = species.dictionary.indexOf('Gentoo');
    const selected = Uint8Array.from(ctx.rowIndex, (r) => (species.codes[r] === gentoo ? 1 : 0));
    const mass = compareColumn('Body Mass (g)', column('Body Mass (g)'), ctx.rowIndex, selected);
    if (!mass || mass.kind !== 'numeric') throw new Error('numeric comparison expected');
    const masses = Array.from(ctx.rowIndex).filter((r) => species.codes[r] === gentoo).map((r) => (column('Body Mass (g)') as { values: Float64Array }).values[r]);
    const mean = masses.reduce((s, v) => s + v, 0) / masses.length;
    expect(mass.selected.count).toBe(123);
    expect(mass.selected.mean).toBeCloseTo(mean, 6);
    expect(mass.selected.std).toBeCloseTo(Math.sqrt(masses.reduce((s, v) => s + (v - mean) ** 2, 0) / (masses.length - 1)), 6);
    expect(mass.effect).toBeGreaterThan(2);
    const isle = compareColumn('Island', column('Island'), ctx.rowIndex, selected);
    if (!isle || isle.kind !== 'categorical') throw new Error('categorical comparison expected');
    // Every Gentoo lives on Biscoe.
    expect(isle.top[0]).toMatchObject({ value: 'Biscoe', selectedShare: 1 });
  });
});

describe('cluster colours', () => {
  it('are the colours the cluster legend uses, whatever colours the cloud', async () => {
    const { clusterColor } = await import('../../../shared/encodings/color-encoding.ts');
    const { ctx } = await penguins();
    const result = valuesFor({ by: 'cluster' }, ctx);
    if (!result || 'pending' in result) throw new Error('values');
    const { legend } = encodeColors(result.values, { by: 'cluster', palette: 'bright' }, 'Cluster');
    if (legend.kind !== 'categorical') throw new Error('legend');
    for (const item of legend.items) expect(clusterColor(typeof item.key === 'number' ? item.key : -1, 'bright')).toBe(item.color);
    expect(clusterColor(-1)).toBe(MUTED_COLOR);
  });
});
