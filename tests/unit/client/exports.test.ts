import Papa from 'papaparse';
import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import { rowNumbersNeeded, rowsToCsv, rowsToJson, withAnalysis } from '../../../client/session/export-rows.ts';
import type { Row } from '../../../client/api/datasets.ts';
import { cellValue } from '../../../shared/table.ts';
import { penguins } from './penguin-context.ts';
import { exportViewState, importViewState, ViewFileError } from '../../../client/session/view-state-file.ts';
import {
  initSessionDoc,
  readFilters,
  readSelection,
  readView,
  rangesFromIndices,
  setEncoding,
  setFilter,
  setSelection,
} from '../../../shared/session/index.ts';

describe('row exports', () => {
  it('CSV escapes spreadsheet formulae and round-trips every other value', () => {
    const rows = [
      { name: '=HYPERLINK("http://x")', mass: 3750, note: 'plain, with comma', flag: true, empty: null },
      { name: '+1', mass: 4.5, note: 'line\nbreak', flag: false, empty: null },
    ];
    const csv = rowsToCsv(rows);
    const parsed = Papa.parse<Record<string, string>>(csv, { header: true });
    expect(parsed.data[0].name).toBe(`'=HYPERLINK("http://x")`);
    expect(parsed.data[1].name).toBe(`'+1`);
    expect(parsed.data[0].note).toBe('plain, with comma');
    expect(parsed.data[1].note).toBe('line\nbreak');
    expect(parsed.data[0].mass).toBe('3750');
    expect(parsed.data[0].empty).toBe('');
    expect(JSON.parse(rowsToJson(rows))).toEqual(rows);
  });

  it('appends each point\'s cluster and anomaly score, without overwriting a column of the table', () => {
    // Points 1 and 3 are exported; their rows come in point order.
    const mask = Uint8Array.from([0, 1, 0, 1]);
    const analysis = { cluster: Int32Array.from([0, 2, 1, -1]), anomaly: Float32Array.from([0.1, 0.25, 0.5, 0.987654]) };
    const rows = withAnalysis([{ id: 'b', cluster: 'theirs' }, { id: 'd', cluster: 'theirs' }], mask, analysis);
    expect(rows).toEqual([
      { id: 'b', cluster: 'theirs', 'cluster (analysis)': 'C3', anomaly_score: 0.25 },
      { id: 'd', cluster: 'theirs', 'cluster (analysis)': 'Noise', anomaly_score: 0.9877 },
    ]);
  });
});

describe('row numbers in exports of a table without an identifier', () => {
  it('starts each row with `row`, 1-based, which joins the CSV export back to the records of the file', async () => {
    const { table, ctx } = await penguins();
    expect(rowNumbersNeeded(table.columns)).toBe(true);
    expect(rowNumbersNeeded([...table.columns, { identifier: true }])).toBe(false);
    // Every 17th analysed point (penguins without measurements are not points: rows ≠ points).
    const mask = Uint8Array.from({ length: ctx.count }, (_, p) => (p % 17 === 3 ? 1 : 0));
    const rows: Row[] = [];
    for (let p = 0; p < ctx.count; p++) {
      if (mask[p] !== 1) continue;
      rows.push(Object.fromEntries(table.columns.map((c) => [c.name, cellValue(c.data, ctx.rowIndex[p])])));
    }
    const exported = withAnalysis(rows, mask, { cluster: ctx.cluster, anomaly: ctx.anomaly }, ctx.rowIndex);
    const csv = Papa.parse<Record<string, string>>(rowsToCsv(exported), { header: true, skipEmptyLines: true });
    expect(csv.meta.fields?.[0]).toBe('row');
    const file = JSON.parse(await readFile(new URL('../../../assets/datasets/penguins.json', import.meta.url), 'utf8')) as Record<string, unknown>[];
    expect(csv.data).toHaveLength(rows.length);
    // Rows after the first penguin without measurements (row 4) sit one place off their point index.
    expect(csv.data.some((r, i) => Number(r.row) !== i * 17 + 4)).toBe(true);
    for (const record of csv.data) {
      const original = file[Number(record.row) - 1];
      for (const name of ['Species', 'Island', 'Body Mass (g)', 'Beak Length (mm)', 'Sex']) expect(String(original[name] ?? ''), `${name} of row ${record.row}`).toBe(record[name]);
    }
  });

  it('names it "row (analysis)" when the table has a row column, and leaves it out without row numbers', () => {
    const mask = Uint8Array.from([0, 1]);
    const analysis = { cluster: Int32Array.from([0, 1]), anomaly: Float32Array.from([0, 0.5]) };
    expect(withAnalysis([{ row: 'B' }], mask, analysis, Uint32Array.from([7, 9]))).toEqual([{ 'row (analysis)': 10, row: 'B', cluster: 'C2', anomaly_score: 0.5 }]);
    expect(withAnalysis([{ id: 'b' }], mask, analysis)).toEqual([{ id: 'b', cluster: 'C2', anomaly_score: 0.5 }]);
  });
});

describe('view state files', () => {
  function sessionDoc(): Y.Doc {
    const doc = new Y.Doc();
    initSessionDoc(doc, { datasetId: 'dataset-1', analysisId: 'analysis-1' });
    return doc;
  }

  it('round-trip view, filters and selection into another session of the same dataset, undoable in one step', () => {
    const from = sessionDoc();
    setEncoding(from, 'color', { by: 'column', column: 'Island', palette: 'bright' });
    setFilter(from, { kind: 'range', column: 'Body Mass (g)', min: 3000, max: null, enabled: true, author: 'a' });
    setSelection(from, { points: rangesFromIndices([3, 4, 5, 90]), clusters: [1], author: 'a' });
    const file = JSON.stringify(exportViewState(from, 'dataset-1', { position: [1, 2, 3], target: [0, 0, 0] }));

    const to = sessionDoc();
    const origin = { me: true };
    const undo = new Y.UndoManager([to.getMap('view'), to.getMap('filters'), to.getMap('selection')], { trackedOrigins: new Set([origin]) });
    const camera = importViewState(to, file, 'dataset-1', 'b', origin);
    expect(camera).toEqual({ position: [1, 2, 3], target: [0, 0, 0] });
    expect(readView(to)).toEqual(readView(from));
    expect(readFilters(to)).toEqual(readFilters(from));
    expect(readSelection(to).points).toEqual([3, 6, 90, 91]);
    expect(readSelection(to).clusters).toEqual([1]);
    undo.undo();
    expect(readFilters(to)).toEqual([]);
    expect(readSelection(to).points).toEqual([]);
  });

  it('refuses other datasets and files that are not view states, changing nothing', () => {
    const doc = sessionDoc();
    const file = JSON.stringify(exportViewState(doc, 'dataset-1', null));
    const before = readView(doc);
    expect(() => importViewState(doc, file, 'dataset-2', 'b', null)).toThrow(ViewFileError);
    expect(() => importViewState(doc, '{"format": "something else"}', 'dataset-1', 'b', null)).toThrow(/not a Data Mirage view state/);
    expect(() => importViewState(doc, 'not json', 'dataset-1', 'b', null)).toThrow(/not JSON/);
    const bad = JSON.parse(file) as { filters: unknown[] };
    bad.filters = [{ id: 'x', kind: 'range', column: 'a', min: 5, max: 1, enabled: true, author: 'z', createdAt: 1 }];
    expect(() => importViewState(doc, JSON.stringify(bad), 'dataset-1', 'b', null)).toThrow();
    expect(readView(doc)).toEqual(before);
    expect(readFilters(doc)).toEqual([]);
  });
});
