import { describe, expect, it } from 'vitest';
import { analysisParamsSchema } from '../../../shared/analysis-params.ts';
import type { QualityReport } from '../../../shared/insights/quality.ts';
import { cellValue, isMissing, type Table } from '../../../shared/table.ts';
import { runPipeline } from '../../../server/analysis/pipeline.ts';
import { profileTable } from '../../../server/ingest/index.ts';
import { clusterNumbering } from '../../../server/insights/ask/ask-context.ts';
import { indexedRows, MAX_ROW_DOCUMENTS } from '../../../server/insights/ask/ask-documents.ts';
import { answerQuestion } from '../../../server/insights/ask/answer-question.ts';
import { buildAskContext } from '../../../server/insights/ask/build-context.ts';
import { parseQuestion } from '../../../server/insights/ask/parse-question.ts';
import { countOf, proposedFilters, rowsKept } from '../../../server/insights/ask/row-conditions.ts';
import { robustZ } from '../../../server/insights/ask/robust-z.ts';
import { loadAsset } from '../../support/assets.ts';

const PARAMS = analysisParamsSchema.parse({ reduction: { method: 'pca' }, clustering: { method: 'kmeans', k: 3 } });

async function contextOf(table: Table, name: string, quality: QualityReport | null = null) {
  const out = runPipeline(table, PARAMS);
  return buildAskContext({ analysisId: 'test-analysis', datasetName: name, table, profiles: profileTable(table).columns, summary: out.summary, rowIndex: out.rowIndex, cluster: out.cluster, quality });
}

const values = (table: Table, name: string) => {
  const data = table.columns.find((c) => c.name === name)!.data;
  if (data.type !== 'number') throw new Error('not a number column');
  return data.values;
};

describe('answers on real data', async () => {
  const penguins = await loadAsset('penguins');
  const cars = await loadAsset('cars');
  const sexMissing = Array.from({ length: penguins.rowCount }, (_, r) => r).filter((r) => isMissing(penguins.columns.find((c) => c.name === 'Sex')!.data, r));
  // A finding as the quality report states one (shared/insights/quality.ts), its figures taken from the table.
  const quality: QualityReport = {
    datasetId: 'penguins',
    rowCount: penguins.rowCount,
    rules: [],
    findings: [{ kind: 'missing', column: 'Sex', count: sexMissing.length, examples: sexMissing.slice(0, 5).map((rowIndex) => ({ rowIndex, values: {} })), message: `Sex: ${sexMissing.length} values are missing` }],
  };
  const ctx = await contextOf(penguins, 'penguins', quality);
  const carsCtx = await contextOf(cars, 'cars');
  const raw = clusterNumbering(undefined, ctx.summary.clusters.map((c) => c.id));

  it('turns "more than" into an inclusive filter bound the column holds, keeping exactly the strict rows', () => {
    const mass = values(penguins, 'Body Mass (g)');
    const strict = Array.from(mass).filter((v) => v > 5000).length;
    const filters = proposedFilters(parseQuestion('penguins heavier than 5000 g', ctx.vocabulary).conditions, penguins);
    expect(filters).toHaveLength(1);
    const min = (filters[0] as { min: number }).min;
    expect(Array.from(mass)).toContain(min);
    expect(min).toBeGreaterThan(5000);
    expect(countOf(rowsKept(filters, penguins))).toBe(strict);
    // Above the largest value: no value to snap to, the next number up keeps nothing.
    const beyond = proposedFilters(parseQuestion('penguins heavier than 6300 g', ctx.vocabulary).conditions, penguins);
    expect((beyond[0] as { min: number }).min).toBeGreaterThan(6300);
    expect(countOf(rowsKept(beyond, penguins))).toBe(0);
  });

  it('finds words in a free-text column: an exact count, a set filter of those cells, the rows cited', () => {
    const names = cars.columns.find((c) => c.name === 'Name')!.data as { values: (string | null)[] };
    const impalas = names.values.flatMap((v, r) => (v !== null && /\bchevrolet impala\b/.test(v) ? [r] : []));
    expect(impalas.length).toBeGreaterThan(0);
    const { answer } = answerQuestion('chevrolet impala', carsCtx, raw);
    expect(answer.count).toBe(impalas.length);
    expect(answer.filters).toEqual([{ column: 'Name', kind: 'set', values: [...new Set(impalas.map((r) => names.values[r]))] }]);
    expect(answer.citations.flatMap((c) => (c.kind === 'row' ? [c.rowIndex] : []))).toEqual(impalas.slice(0, 10));
    expect(answer.answer).toContain('Name containing "chevrolet" and "impala"');
    // A plural, and a word no cell holds ("cars") left aside.
    const toyotas = names.values.filter((v) => v !== null && /\btoyota\b/.test(v)).length;
    expect(answerQuestion('how many toyotas are there?', carsCtx, raw).answer.count).toBe(toyotas);
    expect(answerQuestion('how many toyota cars from Japan?', carsCtx, raw).answer.count).toBe(toyotas);
  });

  it('names the rows holding an extreme, filters text and a unit together, and describes the data', () => {
    const weight = values(cars, 'Weight_in_lbs');
    const lightest = Math.min(...Array.from(weight).filter((v) => !Number.isNaN(v)));
    const { answer } = answerQuestion('what is the lightest car?', carsCtx, raw);
    const holders = Array.from(weight.keys()).filter((r) => weight[r] === lightest);
    expect(answer.citations.filter((c) => c.kind === 'row')).toEqual(holders.map((rowIndex) => ({ kind: 'row', rowIndex })));
    const names = cars.columns.find((c) => c.name === 'Name')!.data as { values: (string | null)[] };
    const hp = values(cars, 'Horsepower');
    const fords = names.values.filter((v, r) => v !== null && /\bford\b/.test(v) && hp[r] > 150).length;
    expect(answerQuestion('show ford cars with more than 150 hp', carsCtx, raw).answer.count).toBe(fords);
    const overview = answerQuestion('describe the data', carsCtx, raw).answer;
    expect(overview.answer).toMatch(/^cars: 406 rows and 9 columns/);
    expect(overview.citations.filter((c) => c.kind === 'cluster')).toHaveLength(carsCtx.summary.clusters.length);
  });

  it('answers from retrieval what no column, value or text filter reads', () => {
    const { answer } = answerQuestion('zzyzx', carsCtx, raw);
    expect(answer.answer).toMatch(/could not find "zzyzx"/);
  });

  it('retrieves the quality findings: in a column\'s description, and for a question about them', () => {
    const about = answerQuestion('tell me about sex', ctx, raw).answer;
    expect(about.answer).toContain(`Data quality: Sex: ${sexMissing.length} values are missing`);
    const missing = answerQuestion('which values are missing?', ctx, raw).answer;
    expect(missing.answer).toContain(`${sexMissing.length} values are missing`);
    expect(missing.citations).toContainEqual({ kind: 'column', column: 'Sex' });
  });

  it('explains a cluster with its traits, in the asker\'s numbering', () => {
    const gentoo = ctx.summary.clusters.find((c) => c.traits.some((t) => t.kind === 'mostly' && t.value === 'Gentoo'))!;
    const { answer } = answerQuestion(`what makes cluster ${gentoo.id + 1} different?`, ctx, raw);
    expect(answer.citations[0]).toEqual({ kind: 'cluster', cluster: gentoo.id });
    expect(answer.answer).toMatch(/Gentoo/);
    expect(answer.answer).toMatch(/Body Mass \(g\)|Flipper Length \(mm\)/);
  });

  it('counts the rows the cloud leaves out separately', () => {
    const { answer } = answerQuestion('how many rows have missing sex?', ctx, raw);
    expect(answer.count).toBe(sexMissing.length);
    expect(answer.answer).toMatch(/None of them is in the cloud/);
    expect(answer.inCloud).toBe(0);
    const gentoo = answerQuestion('how many Gentoo penguins are there?', ctx, raw).answer;
    const species = penguins.columns.find((c) => c.name === 'Species')!.data;
    const shown = Array.from(ctx.rowIndex).filter((r) => cellValue(species, r) === 'Gentoo').length;
    expect(gentoo.inCloud ?? gentoo.count).toBe(shown);
  });
});

describe('bounds and robust z', () => {
  it('indexes every row of a small table and every k-th row of a big one, at most MAX_ROW_DOCUMENTS', () => {
    expect(indexedRows(344)).toEqual({ stride: 1, count: 344 });
    const big = indexedRows(1_000_000);
    expect(big.count).toBeLessThanOrEqual(MAX_ROW_DOCUMENTS);
    expect(big.stride).toBe(50);
  });

  it('uses the MAD, and the mean absolute deviation when more than half the values are equal', () => {
    const { z, median } = robustZ(Float64Array.from([1, 2, 3, 4, 100, NaN]));
    expect(median).toBe(3);
    expect(z[4]).toBeCloseTo((0.6745 * 97) / 1, 6);
    expect(Number.isNaN(z[5])).toBe(true);
    const dry = robustZ(Float64Array.from([0, 0, 0, 0, 0, 10]));
    // MAD 0: mean absolute deviation 10/6, × 1.2533.
    expect(dry.z[5]).toBeCloseTo(10 / (1.2533 * (10 / 6)), 6);
    expect(robustZ(Float64Array.from([2, 2, 2])).z[0]).toBe(0);
  });
});

describe('clusters named by their labels', async () => {
  const penguins = await loadAsset('penguins');
  const ctx = await contextOf(penguins, 'penguins');
  const raw = clusterNumbering(undefined, ctx.summary.clusters.map((c) => c.id));
  const byValue = (value: string) => ctx.summary.clusters.find((c) => c.traits.some((t) => t.kind === 'mostly' && t.value === value))!;

  it('says which cluster has the heaviest or lightest penguins, from the clusters\' mean body mass', () => {
    const mass = values(penguins, 'Body Mass (g)');
    const means = ctx.summary.clusters.map((c) => {
      const v = Array.from(ctx.rowIndex).filter((_, p) => ctx.cluster[p] === c.id).map((r) => mass[r]).filter((x) => !Number.isNaN(x));
      return { id: c.id, mean: v.reduce((a, b) => a + b, 0) / v.length };
    });
    const heaviest = [...means].sort((a, b) => b.mean - a.mean)[0];
    const lightest = [...means].sort((a, b) => a.mean - b.mean)[0];
    const heavy = answerQuestion('which cluster has the heaviest penguins?', ctx, raw).answer;
    expect(heavy.citations[0]).toEqual({ kind: 'cluster', cluster: heaviest.id });
    expect(heavy.answer).toContain(`Cluster ${heaviest.id + 1} has the highest average Body Mass (g)`);
    expect(answerQuestion('which group has the lightest penguins?', ctx, raw).answer.citations[0]).toEqual({ kind: 'cluster', cluster: lightest.id });
  });

  it('explains "the Gentoo cluster" and compares two named clusters', () => {
    const gentoo = byValue('Gentoo');
    expect(answerQuestion('what makes the Gentoo cluster different?', ctx, raw).answer.citations[0]).toEqual({ kind: 'cluster', cluster: gentoo.id });
    const adelie = byValue('Adelie');
    const compared = answerQuestion('compare the Gentoo cluster with the Adelie cluster', ctx, raw).answer;
    expect(compared.citations.slice(0, 2)).toEqual([
      { kind: 'cluster', cluster: gentoo.id },
      { kind: 'cluster', cluster: adelie.id },
    ]);
    // Without the word "cluster" a value is a filter, not a cluster.
    expect(answerQuestion('show Gentoo penguins', ctx, raw).answer.filters).toEqual([{ column: 'Species', kind: 'set', values: ['Gentoo'] }]);
  });
});

describe('answers that must fit an answer shared to the room', () => {
  it('counts a negated value of a 1,500-level column but proposes no filter of 1,499 values', async () => {
    const n = 3000;
    const levels = Array.from({ length: 1500 }, (_, i) => `level ${i}`);
    const codes = Int32Array.from({ length: n }, (_, r) => r % 1500);
    const table: Table = {
      rowCount: n,
      columns: [
        { name: 'size', identifier: false, data: { type: 'number', values: Float64Array.from({ length: n }, (_, r) => (r * 7) % 101) } },
        { name: 'weight', identifier: false, data: { type: 'number', values: Float64Array.from({ length: n }, (_, r) => (r * 13) % 97) } },
        { name: 'code', identifier: false, data: { type: 'category', codes, dictionary: levels } },
      ],
    };
    const ctx = await contextOf(table, 'codes');
    const { answer } = answerQuestion('how many rows are not level 7?', ctx, clusterNumbering(undefined, ctx.summary.clusters.map((c) => c.id)));
    expect(answer.count).toBe(n - 2);
    expect(answer.filters).toBeUndefined();
    expect(answer.answer).toMatch(/Too many values to propose as a filter/);
  });
});
