import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { ProposedFilter } from '../../../shared/insights/ask.ts';
import type { ClusterDescription } from '../../../shared/analysis-result.ts';
import type { DatasetDetail } from '../../../shared/api-types.ts';
import { profileColumn } from '../../../server/ingest/profile.ts';
import { evaluateFilters } from '../../../shared/encodings/filters.ts';
import { proposedFilterText, proposedFiltersText } from '../../../client/encodings/proposed-filter-words.ts';
import { askClusterIds, filtersFromProposal, pointsKept, proposalApplied } from '../../../client/session/answer-actions.ts';
import { initSessionDoc, rebindAnalysis } from '../../../shared/session/index.ts';
import { exampleQuestions } from '../../../client/session/example-questions.ts';
import type { ColumnType } from '../../../shared/table.ts';
import { loadAsset } from '../../support/assets.ts';
import { penguins } from './penguin-context.ts';

const HEAVY_ON_BISCOE: ProposedFilter[] = [
  { column: 'Body Mass (g)', kind: 'range', min: 5000 },
  { column: 'Island', kind: 'set', values: ['Biscoe'] },
];

async function datasetColumns(asset: 'penguins' | 'seattle' | 'iris'): Promise<DatasetDetail['columns']> {
  const table = await loadAsset(asset);
  return table.columns.map((c) => {
    const profile = profileColumn(c);
    return { name: c.name, type: profile.type, identifier: profile.identifier, missing: profile.missing, distinct: profile.distinct, profile };
  });
}

describe("an answer's proposed filters", () => {
  it('become shared filters that keep exactly the rows the words count (penguins)', async () => {
    const { ctx, column } = await penguins();
    const filters = filtersFromProposal(HEAVY_ON_BISCOE, 'Ada', 1000);
    expect(filters.map((f) => ({ ...f, id: typeof f.id }))).toEqual([
      { id: 'string', enabled: true, author: 'Ada', createdAt: 1000, kind: 'range', column: 'Body Mass (g)', min: 5000, max: null },
      { id: 'string', enabled: true, author: 'Ada', createdAt: 1001, kind: 'set', column: 'Island', values: ['Biscoe'] },
    ]);
    // The count straight from the data: bounds are kept inclusive, as the range filter keeps them.
    const mass = column('Body Mass (g)');
    const island = column('Island');
    if (mass.type !== 'number' || island.type !== 'category') throw new Error('unexpected types');
    const biscoe = island.dictionary.indexOf('Biscoe');
    let expected = 0;
    for (let i = 0; i < ctx.count; i++) {
      const r = ctx.rowIndex[i];
      if (mass.values[r] >= 5000 && island.codes[r] === biscoe) expected++;
    }
    expect(expected).toBeGreaterThan(40);
    expect(evaluateFilters(filters, ctx).passCount).toBe(expected);
  });

  it("count the session's points they keep, which the words add when it differs from the rows", async () => {
    const { ctx, column } = await penguins();
    const sex = column('Sex');
    if (sex.type !== 'category') throw new Error('unexpected type');
    let missingRows = 0;
    let missingPoints = 0;
    for (let r = 0; r < sex.codes.length; r++) if (sex.codes[r] < 0) missingRows++;
    for (let i = 0; i < ctx.count; i++) if (sex.codes[ctx.rowIndex[i]] < 0) missingPoints++;
    // The fixture's points are the rows with a body mass: two of the rows missing sex have none.
    expect([missingRows, missingPoints]).toEqual([11, 9]);
    const missingSex: ProposedFilter[] = [{ column: 'Sex', kind: 'set', values: [null] }];
    expect(pointsKept(missingSex, ctx)).toBe(missingPoints);
    expect(pointsKept([{ column: 'Not a column', kind: 'set', values: ['x'] }], { ...ctx, columns: new Map() })).toBeNull();
    const types = new Map<string, ColumnType>([['Sex', 'category']]);
    expect(proposedFiltersText(missingSex, types, missingRows, missingPoints)).toBe('Sex is missing — keeps 11 rows, 9 of them in the cloud');
    expect(proposedFiltersText(missingSex, types, 11, 0)).toBe('Sex is missing — keeps 11 rows, none of them in the cloud');
    expect(proposedFiltersText(missingSex, types, 11, 11)).toBe('Sex is missing — keeps 11 rows');
    expect(proposedFiltersText(missingSex, types, 11, null)).toBe('Sex is missing — keeps 11 rows');
  });

  it('read as applied exactly while the enabled filters are the proposal', () => {
    const applied = filtersFromProposal(HEAVY_ON_BISCOE, 'Ada');
    expect(proposalApplied(applied, HEAVY_ON_BISCOE)).toBe(true);
    expect(proposalApplied([...applied].reverse(), HEAVY_ON_BISCOE)).toBe(true);
    // A disabled extra filter changes nothing; an enabled one, a moved bound or another value does.
    const extra = filtersFromProposal([{ column: 'Sex', kind: 'set', values: ['MALE'] }], 'Bo');
    expect(proposalApplied([...applied, { ...extra[0], enabled: false }], HEAVY_ON_BISCOE)).toBe(true);
    expect(proposalApplied([...applied, ...extra], HEAVY_ON_BISCOE)).toBe(false);
    expect(proposalApplied([{ ...applied[0], min: 4000 } as typeof applied[0], applied[1]], HEAVY_ON_BISCOE)).toBe(false);
    expect(proposalApplied([applied[0], { ...applied[1], values: ['Dream'] } as typeof applied[1]], HEAVY_ON_BISCOE)).toBe(false);
    expect(proposalApplied([applied[0]], HEAVY_ON_BISCOE)).toBe(false);
    expect(proposalApplied([], [])).toBe(false);
  });

  it('read as words with the rows they keep', () => {
    const types = new Map<string, ColumnType>([
      ['Body Mass (g)', 'number'],
      ['Island', 'category'],
      ['date', 'datetime'],
    ]);
    expect(proposedFiltersText(HEAVY_ON_BISCOE, types, 44)).toBe('Body Mass (g) ≥ 5,000 and Island is Biscoe — keeps 44 rows');
    expect(proposedFiltersText(HEAVY_ON_BISCOE.slice(1), types, 1)).toBe('Island is Biscoe — keeps 1 row');
    expect(proposedFiltersText(HEAVY_ON_BISCOE, types)).toBe('Body Mass (g) ≥ 5,000 and Island is Biscoe');
    expect(proposedFilterText({ column: 'Body Mass (g)', kind: 'range', min: 3000, max: 4000.5 }, 'number')).toBe('Body Mass (g) 3,000 – 4,000.5');
    expect(proposedFilterText({ column: 'Body Mass (g)', kind: 'range', max: 3000 }, 'number')).toBe('Body Mass (g) ≤ 3,000');
    expect(proposedFilterText({ column: 'date', kind: 'range', min: Date.UTC(2012, 0, 1), max: Date.UTC(2012, 11, 31) }, 'datetime')).toBe('date 2012-01-01 – 2012-12-31');
    expect(proposedFilterText({ column: 'Sex', kind: 'set', values: [null] }, 'category')).toBe('Sex is missing');
    expect(proposedFilterText({ column: 'Island', kind: 'set', values: ['Biscoe', 'Dream'] }, 'category')).toBe('Island is Biscoe or Dream');
    expect(proposedFilterText({ column: 'x', kind: 'set', values: ['a', 'b', 'c', 'd', 'e', 'f', 'g'] }, 'category')).toBe('x is a, b, c, d or 3 others');
  });
});

describe('example questions under the empty box', () => {
  it("are built from the dataset's own columns and clusters (penguins)", async () => {
    const columns = await datasetColumns('penguins');
    const clusters: ClusterDescription[] = [
      { id: 0, size: 150, share: 150 / 340, paragraph: '', label: 'Adelie', traits: [{ column: 'Beak Length (mm)', kind: 'lower', effect: -1.5 }] },
      {
        id: 1,
        size: 120,
        share: 120 / 340,
        paragraph: '',
        label: 'Gentoo',
        traits: [
          { column: 'Body Mass (g)', kind: 'higher', effect: 2.9 },
          { column: 'Species', kind: 'mostly', effect: 0.6, value: 'Gentoo', share: 1 },
        ],
      },
      { id: 2, size: 70, share: 70 / 340, paragraph: '', label: 'Chinstrap', traits: [{ column: 'Island', kind: 'mostly', effect: 0.8, value: 'Dream' }] },
    ];
    // Body mass sets a cluster apart most (upper quartile 4,750 g), in the cluster of Gentoos; Sex misses most.
    expect(exampleQuestions(columns, clusters)).toEqual([
      'show rows where Body Mass (g) is above 4800 and Species is Gentoo',
      'what makes cluster 1 different?',
      'how many rows have missing Sex?',
    ]);
  });

  it('ask about unusual rows when nothing is missing, and leave clusters out when there is one', async () => {
    const columns = await datasetColumns('iris');
    const questions = exampleQuestions(columns, [{ id: 0, size: 150, share: 1, paragraph: '', label: '', traits: [] }]);
    expect(questions).toHaveLength(2);
    expect(questions[0]).toMatch(/^show rows where sepal_length is above [\d.]+$/);
    expect(questions[1]).toBe('which rows are unusual in sepal_width?');
  });
});

describe('the cluster numbers a question is asked with', () => {
  it("are the session's shown numbers for the analysis it shows, and absent otherwise", () => {
    const doc = new Y.Doc();
    initSessionDoc(doc, { datasetId: 'penguins01', analysisId: 'first01', title: 'Penguins' });
    // The first analysis shows its raw ids: nothing to send.
    expect(askClusterIds(doc, 'first01')).toBeUndefined();
    // A re-bind numbered the new analysis's clusters after the ones shown before.
    rebindAnalysis(doc, 'second01', null, new Map([[0, 2], [1, 0], [2, 3], [3, 1]]));
    expect(askClusterIds(doc, 'second01')).toEqual({ raw: [0, 1, 2, 3], shown: [2, 0, 3, 1] });
    // A page still showing the first analysis (the re-bind loading) asks with raw ids.
    expect(askClusterIds(doc, 'first01')).toBeUndefined();
  });
});
