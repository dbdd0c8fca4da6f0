import { describe, expect, it } from 'vitest';
import { selectionMask, rowsOfMask } from '../../../client/encodings/selection.ts';
import { searchPoints } from '../../../client/encodings/search.ts';
import { pointOfRow } from '../../../shared/encodings/point-context.ts';
import { rangesContain, rangesFromIndices } from '../../../shared/session/index.ts';
import { createRandom, randomInt } from '../../../shared/random.ts';
import { loadAsset } from '../../support/assets.ts';
import { penguins } from './penguin-context.ts';

describe('selection mask', () => {
  it('agrees with rangesContain for random selections, plus selected clusters', async () => {
    const { ctx } = await penguins();
    const random = createRandom(7);
    for (let trial = 0; trial < 20; trial++) {
      const rows = Array.from({ length: randomInt(random, 80) }, () => randomInt(random, 344));
      const ranges = rangesFromIndices(rows);
      const clusters = trial % 3 === 0 ? [randomInt(random, 3)] : [];
      const { mask, count } = selectionMask({ points: ranges, clusters, author: null, updatedAt: 0 }, ctx.rowIndex, ctx.cluster);
      let expected = 0;
      for (let i = 0; i < ctx.count; i++) {
        const want = rangesContain(ranges, ctx.rowIndex[i]) || clusters.includes(ctx.cluster[i]);
        expect(mask[i] === 1).toBe(want);
        if (want) expected++;
      }
      expect(count).toBe(expected);
      expect(Array.from(rowsOfMask(mask, ctx.rowIndex))).toEqual(Array.from(ctx.rowIndex).filter((_, i) => mask[i]));
    }
  });

  it('finds the point of a dataset row, or -1 for a row that is not a point', async () => {
    const { ctx } = await penguins();
    for (let i = 0; i < ctx.count; i += 13) expect(pointOfRow(ctx.rowIndex, ctx.rowIndex[i])).toBe(i);
    const dropped = [...Array(344).keys()].find((r) => !ctx.rowIndex.includes(r))!;
    expect(pointOfRow(ctx.rowIndex, dropped)).toBe(-1);
  });
});

describe('search', () => {
  it('matches category text case-insensitively and numbers exactly', async () => {
    const { ctx } = await penguins();
    const gentoo = searchPoints('genTOO', ['Species', 'Island'], ctx);
    expect(gentoo.count).toBe(123);
    expect(gentoo.byColumn).toEqual([{ column: 'Species', count: 123 }]);
    const dream = searchPoints('dream', ['Species', 'Island'], ctx);
    expect(dream.byColumn).toEqual([{ column: 'Island', count: 124 }]);
    const mass = searchPoints('3750', ['Body Mass (g)'], ctx);
    const expected = Array.from(ctx.rowIndex).filter((r) => (ctx.columns.get('Body Mass (g)') as { values: Float64Array }).values[r] === 3750).length;
    expect(mass.count).toBe(expected);
    expect(expected).toBeGreaterThan(1);
    expect(searchPoints('   ', ['Species'], ctx).count).toBe(0);
    expect(searchPoints('walrus', ['Species'], ctx).count).toBe(0);
  });

  it('matches dates by their ISO prefix on the Seattle weather table', async () => {
    const table = await loadAsset('seattle');
    const n = table.rowCount;
    const ctx = {
      count: n,
      rowIndex: Uint32Array.from({ length: n }, (_, i) => i),
      cluster: new Int32Array(n),
      anomaly: new Float32Array(n),
      anomalyFlag: new Uint8Array(n),
      columns: new Map(table.columns.map((c) => [c.name, c.data])),
      clusterLabels: new Map<number, string>(),
    };
    expect(searchPoints('2013-07', ['date'], ctx).count).toBe(31);
    expect(searchPoints('2012', ['date'], ctx).count).toBe(366);
    expect(searchPoints('snow', ['weather'], ctx).count).toBeGreaterThan(0);
  });
});
