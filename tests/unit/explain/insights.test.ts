import { describe, expect, it } from 'vitest';
import { clusterStatsCsv } from '../../../server/analysis/explain/cluster-stats-csv.ts';
import { columnWords } from '../../../shared/column-units.ts';
import { compareGroups, type CompareContext } from '../../../server/analysis/explain/compare-groups.ts';
import { rowNoun } from '../../../server/analysis/explain/dataset-noun.ts';
import { explainedColumns } from '../../../server/analysis/explain/explained-columns.ts';
import { runPipeline } from '../../../server/analysis/pipeline.ts';
import { analysisParamsSchema } from '../../../shared/analysis-params.ts';
import { rangesFromIndices } from '../../../shared/session/ranges.ts';
import { ASSETS, QUALITY_ASSETS, loadAsset, type AssetName } from '../../support/assets.ts';

describe('explanations on penguins (issue 12)', async () => {
  const penguins = await loadAsset('penguins');
  // The default analysis (UMAP + k-means), as a user gets it; rows with a missing value kept.
  const out = runPipeline(penguins, analysisParamsSchema.parse({ missing: 'impute' }), {}, { datasetName: 'penguins.json' });
  const clusters = out.summary.clusters;
  const gentoo = clusters.find((c) => c.traits.some((t) => t.column === 'Species' && t.value === 'Gentoo' && t.share! > 0.9));
  const ctx: CompareContext = {
    columns: explainedColumns(penguins, out.summary.features),
    rowIndex: out.rowIndex,
    labels: out.cluster,
    clusterLabels: clusters.map((c) => c.label),
    noun: rowNoun('penguins.json'),
  };

  it("tells the Gentoo cluster apart by body mass or flipper length, higher, and says so in grams or millimetres", () => {
    expect(gentoo, clusters.map((c) => c.paragraph).join('\n')).toBeDefined();
    const measured = gentoo!.traits.filter((t) => t.column === 'Body Mass (g)' || t.column === 'Flipper Length (mm)');
    expect(measured.length).toBeGreaterThan(0);
    for (const t of measured) {
      expect(t.kind).toBe('higher');
      expect(t.effect).toBeGreaterThan(1.5);
      expect(t.clusterMean!).toBeGreaterThan(t.restMean!);
    }
    // "119 penguins, 36% of all: 100% Gentoo; flipper length 217.2 mm vs 191.9 mm elsewhere (d = 3.6); …"
    expect(gentoo!.paragraph).toMatch(/^\d+ penguins, \d+% of all: /);
    expect(gentoo!.paragraph).toMatch(/(flipper length \d{3}(\.\d)? mm vs \d{3}(\.\d)? mm elsewhere|body mass \d,\d{3} g vs \d,\d{3} g elsewhere) \(d = \d\.\d\)/);
    expect(gentoo!.paragraph).toMatch(/\b(100|>99|9\d)% Gentoo\b/);
    expect(gentoo!.paragraph.split(';').length).toBeLessThanOrEqual(3);
    expect(gentoo!.share).toBeCloseTo(gentoo!.size / out.summary.pointCount, 10);
    const species = gentoo!.traits.find((t) => t.column === 'Species')!;
    expect(species.restShare!).toBeLessThan(0.05);
    // Lift: share in the cluster over share among all rows (≈ 1 / the Gentoos' share of penguins).
    expect(species.lift!).toBeCloseTo(species.share! / ((species.share! * gentoo!.size + species.restShare! * (out.summary.pointCount - gentoo!.size)) / out.summary.pointCount), 10);
  });

  it('stores statistics that match a direct computation (mean, quartiles, missing) on a column, per cluster and over all rows', () => {
    const mass = penguins.columns.find((c) => c.name === 'Body Mass (g)')!;
    if (mass.data.type !== 'number') throw new Error('Body Mass should be a number');
    const column = out.clusterStats.columns.findIndex((c) => c.name === 'Body Mass (g)');
    expect(out.clusterStats.columns[column].unit).toBe('g');
    const direct = (points: number[]) => {
      const values = points.map((p) => mass.data.type === 'number' ? mass.data.values[out.rowIndex[p]] : NaN);
      const present = values.filter((v) => !Number.isNaN(v)).sort((a, b) => a - b);
      // Quartiles by linear interpolation between closest ranks, written out for this check.
      const q = (f: number) => {
        const h = (present.length - 1) * f;
        return present[Math.floor(h)] + (h - Math.floor(h)) * (present[Math.ceil(h)] - present[Math.floor(h)]);
      };
      return { count: present.length, missing: values.length - present.length, mean: present.reduce((s, v) => s + v, 0) / present.length, q1: q(0.25), median: q(0.5), q3: q(0.75) };
    };
    const all = Array.from(out.rowIndex.keys());
    const groups = [{ cluster: null as number | null, points: all }, ...clusters.map((c) => ({ cluster: c.id as number | null, points: all.filter((p) => out.cluster[p] === c.id) }))];
    for (const { cluster, points } of groups) {
      const stored = out.clusterStats.groups.find((g) => g.cluster === cluster)!;
      expect(stored.size).toBe(points.length);
      const s = stored.stats[column];
      const d = direct(points);
      expect(s.count).toBe(d.count);
      expect(s.missing).toBe(d.missing);
      expect(s.mean!).toBeCloseTo(d.mean, 6);
      expect(s.q1!).toBeCloseTo(d.q1, 6);
      expect(s.median!).toBeCloseTo(d.median, 6);
      expect(s.q3!).toBeCloseTo(d.q3, 6);
    }
    // Penguins lacks 2 body masses; the analysis kept those rows (imputed), the statistics say so.
    expect(out.clusterStats.groups[0].stats[column].missing).toBe(2);
    const sex = out.clusterStats.columns.findIndex((c) => c.name === 'Sex');
    const sexData = penguins.columns.find((c) => c.name === 'Sex')!.data;
    if (sexData.type !== 'category') throw new Error('Sex should be a category');
    expect(out.clusterStats.groups[0].stats[sex].missing).toBe(sexData.codes.filter((c) => c < 0).length);
    expect(out.clusterStats.groups[0].stats[sex].top!.map((t) => t.value).sort()).toEqual(['FEMALE', 'MALE']);
  });

  it('writes the statistics as CSV, one row per group × column, formulas escaped', () => {
    const csv = clusterStatsCsv(out.clusterStats);
    const lines = csv.split(/\r?\n/);
    expect(lines[0]).toBe('cluster,label,size,column,type,unit,count,missing,mean,sd,min,q1,median,q3,max,top');
    expect(lines).toHaveLength(1 + out.clusterStats.groups.length * out.clusterStats.columns.length);
    expect(lines[1]).toMatch(/^all,All rows,\d+,Species,category,,\d+,0,/);
    // Clusters named as the interface names them: id 0 is C1.
    expect(lines.filter((l) => l.startsWith('C1,'))).toHaveLength(out.clusterStats.columns.length);
    expect(lines.some((l) => /^0,/.test(l))).toBe(false);
    const planted = clusterStatsCsv({ columns: [{ name: '=cmd()', type: 'category' }], groups: [{ cluster: null, label: '+x', size: 1, stats: [{ count: 1, missing: 0, top: [{ value: '@sum', count: 1 }] }] }] });
    expect(planted.split(/\r?\n/)[1]).toBe(`all,"'+x",1,"'=cmd()",category,,1,0,,,,,,,,"'@sum (1)"`);
  });

  it("compares a selection with the rest exactly as the cluster with the rest when the selection is the cluster's rows", () => {
    const rows = rangesFromIndices(Array.from(out.rowIndex).filter((_, p) => out.cluster[p] === gentoo!.id));
    const bySelection = compareGroups(ctx, { a: { rows }, b: { rest: true } });
    const byCluster = compareGroups(ctx, { a: { cluster: gentoo!.id }, b: { rest: true } });
    expect(bySelection.a.size).toBe(gentoo!.size);
    expect(bySelection.b.size).toBe(out.summary.pointCount - gentoo!.size);
    for (const result of [bySelection, byCluster]) {
      expect(result.traits.map((t) => [t.column, t.kind, t.value])).toEqual(gentoo!.traits.map((t) => [t.column, t.kind, t.value]));
      result.traits.forEach((t, i) => {
        expect(t.effect).toBeCloseTo(gentoo!.traits[i].effect, 9);
        if (t.clusterMean !== undefined) expect(t.restMean!).toBeCloseTo(gentoo!.traits[i].restMean!, 9);
      });
    }
    expect(bySelection.a.label).toBe('the selection');
    expect(byCluster.a.label).toBe(gentoo!.label);
    expect(bySelection.paragraph).toMatch(/^the selection \(\d+ penguins\) vs the rest \(\d+ penguins\): /);
    expect(bySelection.paragraph).toContain('in the rest (d = ');
  });

  it('compares two clusters, with the labels the caller gives', () => {
    const other = clusters.find((c) => c !== gentoo)!;
    const result = compareGroups(ctx, { a: { cluster: gentoo!.id }, b: { cluster: other.id }, labels: { a: 'Cluster 2', b: 'Cluster 1' } });
    expect(result.a).toEqual({ size: gentoo!.size, label: 'Cluster 2' });
    expect(result.b).toEqual({ size: other.size, label: 'Cluster 1' });
    expect(result.traits.length).toBeGreaterThan(0);
    expect(result.paragraph).toMatch(/^Cluster 2 \(\d+ penguins\) vs Cluster 1 \(\d+ penguins\): /);
  });

  it('refuses comparisons the data cannot answer, with a sentence', () => {
    const inGentoo = out.rowIndex[Array.from(out.cluster).indexOf(gentoo!.id)];
    const cases: [Parameters<typeof compareGroups>[1], RegExp][] = [
      [{ a: { cluster: 99 }, b: { rest: true } }, /no cluster 99/],
      [{ a: { cluster: gentoo!.id }, b: { cluster: gentoo!.id } }, /overlap/],
      [{ a: { cluster: gentoo!.id }, b: { rows: [inGentoo, inGentoo + 1] } }, /overlap: 1 row is in both/],
      [{ a: { rest: true }, b: { rest: true } }, /Only one of the two groups/],
      [{ a: { rows: [5, 3] }, b: { rest: true } }, /sorted, disjoint/],
      [{ a: { rows: [0, 1, 1, 2] }, b: { rest: true } }, /sorted, disjoint/],
      [{ a: { rows: [0] }, b: { rest: true } }, /even count/],
      [{ a: { rows: [100_000, 100_001] }, b: { rest: true } }, /holds none of the analysed rows/],
      [{ a: { rows: Array.from({ length: 100_002 }, (_, i) => 2 * i) }, b: { rest: true } }, /at most 50,000 row ranges/],
    ];
    for (const [request, message] of cases) expect(() => compareGroups(ctx, request)).toThrow(message);
  });
});

describe('every top anomaly has a reason, on every shipped dataset', () => {
  // Scores and reasons come from the features, not the layout: PCA keeps the run short.
  for (const [name, file] of Object.entries({ ...ASSETS, ...QUALITY_ASSETS })) {
    it(name, async () => {
      const table = await loadAsset(name as AssetName);
      const out = runPipeline(table, analysisParamsSchema.parse({ reduction: { method: 'pca' } }), {}, { datasetName: file });
      const top = out.summary.anomalies.top;
      expect(top.length).toBe(Math.min(20, out.summary.pointCount));
      for (const a of top) {
        expect(a.reasons.length, `row ${a.rowIndex}`).toBeGreaterThan(0);
        for (const r of a.reasons) expect(r.text).toBeTruthy();
        expect(a.typical.length).toBe(3);
        for (const t of a.typical) expect(out.anomalyFlag[Array.from(out.rowIndex).indexOf(t.rowIndex)]).toBe(0);
        expect(a.typical[0].distance).toBeLessThanOrEqual(a.typical[2].distance);
      }
      // Clusters are explained in words on every dataset too.
      for (const c of out.summary.clusters) expect(c.paragraph.length).toBeGreaterThan(10);
    });
  }
});

describe('words for columns and rows', () => {
  it('reads the unit from the column name', () => {
    expect(columnWords('Body Mass (g)')).toEqual({ label: 'body mass', unit: 'g' });
    expect(columnWords('body_mass_g')).toEqual({ label: 'body mass', unit: 'g' });
    expect(columnWords('bill_length_mm')).toEqual({ label: 'bill length', unit: 'mm' });
    expect(columnWords('Weight_in_lbs')).toEqual({ label: 'weight', unit: 'lbs' });
    expect(columnWords('price_usd')).toEqual({ label: 'price', unit: 'USD' });
    expect(columnWords('share_pct')).toEqual({ label: 'share', unit: '%' });
    expect(columnWords('weight_kg')).toEqual({ label: 'weight', unit: 'kg' });
    // No unit where the last word could be anything else.
    expect(columnWords('temp_min')).toEqual({ label: 'temp min' });
    expect(columnWords('pixel_4_2')).toEqual({ label: 'pixel_4_2' });
    expect(columnWords('HbA1c')).toEqual({ label: 'HbA1c' });
  });

  it("names the rows by the dataset's noun when it can guess it", () => {
    expect(rowNoun('penguins.json')).toEqual({ plural: 'penguins', singular: 'penguin' });
    expect(rowNoun('Palmer penguins (demo)')).toEqual({ plural: 'penguins', singular: 'penguin' });
    expect(rowNoun('cars.json')).toEqual({ plural: 'cars', singular: 'car' });
    expect(rowNoun('iris.csv').plural).toBe('rows');
    expect(rowNoun('seattle-weather.csv').plural).toBe('rows');
    expect(rowNoun(undefined).plural).toBe('rows');
  });
});
