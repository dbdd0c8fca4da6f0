import { describe, expect, it } from 'vitest';
import { clusterSources } from '../../../client/encodings/cluster-sources.ts';
import { combineTables } from '../../../server/analysis/drift/combine-tables.ts';
import { dictionaryEncode, type Table } from '../../../shared/table.ts';

const table = (values: number[], species: (string | null)[]): Table => ({
  rowCount: values.length,
  columns: [
    { name: 'mass', identifier: false, data: { type: 'number', values: Float64Array.from(values) } },
    { name: 'species', identifier: false, data: { type: 'category', ...dictionaryEncode(species) } },
  ],
});

describe('two datasets in one table', () => {
  it('joins shared columns (categories re-coded), reference rows first, and names each row’s source', () => {
    const a = table([1, 2], ['x', 'y']);
    const b = { ...table([3, 4, 5], ['y', 'z', null]), columns: [...table([3, 4, 5], ['y', 'z', null]).columns, { name: 'extra', identifier: false, data: { type: 'number' as const, values: Float64Array.of(0, 0, 0) } }] };
    const { table: joined, sourceColumn, shared } = combineTables({ datasetId: 'A', name: 'v', table: a }, { datasetId: 'B', name: 'v', table: b });
    expect(shared).toEqual(['mass', 'species']);
    expect(sourceColumn).toBe('source');
    expect(joined.rowCount).toBe(5);
    const species = joined.columns[1].data as { codes: Int32Array; dictionary: string[] };
    expect(Array.from(species.codes, (c) => (c < 0 ? null : species.dictionary[c]))).toEqual(['x', 'y', 'y', 'z', null]);
    const source = joined.columns[2].data as { codes: Int32Array; dictionary: string[] };
    expect(source.dictionary).toEqual(['v (reference)', 'v (current)']);
    expect(Array.from(source.codes)).toEqual([0, 0, 1, 1, 1]);
  });

  it('joins a yes/no column of one with a category column of the other as categories', () => {
    const yes: Table = { rowCount: 2, columns: [{ name: 'ok', identifier: false, data: { type: 'boolean', codes: Int32Array.of(1, 0), dictionary: ['false', 'true'] } }] };
    const words: Table = { rowCount: 1, columns: [{ name: 'ok', identifier: false, data: { type: 'category', ...dictionaryEncode(['maybe']) } }] };
    const ok = combineTables({ datasetId: 'A', name: 'a', table: yes }, { datasetId: 'B', name: 'b', table: words }).table.columns[0].data;
    expect(ok.type).toBe('category');
    const { codes, dictionary } = ok as { codes: Int32Array; dictionary: string[] };
    expect(Array.from(codes, (c) => dictionary[c])).toEqual(['true', 'false', 'maybe']);
  });

  it('counts each cluster’s points by source through the points’ dataset rows', () => {
    const source = { type: 'category' as const, codes: Int32Array.of(0, 0, 1, 1, 1), dictionary: ['old', 'new'] };
    // Points 0..3 are dataset rows 0, 2, 3, 4 (row 1 was dropped by the analysis).
    const got = clusterSources(Int32Array.of(1, 0, 1, -1), Uint32Array.of(0, 2, 3, 4), source);
    expect(got).toEqual([
      { cluster: -1, counts: [0, 1], total: 1 },
      { cluster: 0, counts: [0, 1], total: 1 },
      { cluster: 1, counts: [1, 1], total: 2 },
    ]);
  });
});
