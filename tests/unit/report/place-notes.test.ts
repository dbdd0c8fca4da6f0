import { describe, expect, it } from 'vitest';
import { positionsFor } from '../../../shared/encodings/positions.ts';
import { DEFAULT_VIEW, type Annotation, type Filter } from '../../../shared/session/index.ts';
import { placeNotes } from '../../../server/insights/report/assemble.ts';
import { drawSnapshot } from '../../../server/insights/report/snapshot.ts';
import { penguins } from '../client/penguin-context.ts';

/** Notes go under the most particular view that shows their point; the rest stay for the notes section. */
describe('placeNotes', () => {
  it('puts a Gentoo note under the Gentoo view, an Adelie note under the overview, a place note in the rest', async () => {
    const { ctx } = await penguins();
    const axes = { by: 'columns', x: 'Flipper Length (mm)', y: 'Beak Length (mm)', z: 'Body Mass (g)' } as const;
    const placed = positionsFor(axes, new Float32Array(ctx.count * 3), ctx);
    if (!('positions' in placed)) throw new Error('columns missing');
    const scene = { ctx, embedding: placed.positions, knownColumns: new Set(ctx.columns.keys()) };
    const view = { ...DEFAULT_VIEW, position: axes };
    const gentooOnly: Filter = { id: 'g', kind: 'cluster', values: [2], enabled: true, author: 'a', createdAt: 1 };
    const overview = drawSnapshot(scene, { view, filters: [], camera: null });
    const gentoo = drawSnapshot(scene, { view, filters: [gentooOnly], camera: null });
    const rowOf = (cluster: number) => ctx.rowIndex[ctx.cluster.indexOf(cluster)];
    const note = (id: string, rowIndex: number | null): Annotation => ({ id, rowIndex, position: rowIndex === null ? [0, 0, 0] : null, text: id, author: 'a', color: '#ffffff', createdAt: 1 });
    const notes = [note('gentoo', rowOf(2)), note('adelie', rowOf(0)), note('place', null), note('no such row', 99_999)];
    const { under, rest } = placeNotes(notes, [overview, gentoo], ctx.rowIndex);
    expect(under.map((list) => list.map((n) => n.id))).toEqual([['adelie'], ['gentoo']]);
    expect(rest.map((n) => n.id)).toEqual(['place', 'no such row']);
  });
});
