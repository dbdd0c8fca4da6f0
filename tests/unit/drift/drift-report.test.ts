import { beforeAll, describe, expect, it } from 'vitest';
import { driftReport, DriftError } from '../../../server/analysis/drift/drift-report.ts';
import { cellValue, dictionaryEncode, type Column, type Table } from '../../../shared/table.ts';
import { createRandom } from '../../../shared/random.ts';
import { loadAsset } from '../../support/assets.ts';

const MASS = 'Body Mass (g)';

function mapColumn(table: Table, name: string, fn: (column: Column) => Column): Table {
  return { ...table, columns: table.columns.map((c) => (c.name === name ? fn(c) : c)) };
}

function rowsOf(table: Table, rows: number[]): Table {
  return {
    rowCount: rows.length,
    columns: table.columns.map((c): Column => {
      const d = c.data;
      if (d.type === 'number' || d.type === 'datetime') return { ...c, data: { type: d.type, values: Float64Array.from(rows, (r) => d.values[r]) } };
      if (d.type === 'text') return { ...c, data: { type: 'text', values: rows.map((r) => d.values[r]) } };
      return { ...c, data: { type: d.type, dictionary: d.dictionary, codes: Int32Array.from(rows, (r) => d.codes[r]) } };
    }),
  };
}

function withIds(table: Table): Table {
  const ids = Array.from({ length: table.rowCount }, (_, i) => `P${i}`);
  return { ...table, columns: [{ name: 'Penguin', identifier: true, data: { type: 'category', ...dictionaryEncode(ids) } }, ...table.columns] };
}

describe('drift between two versions of penguins', () => {
  let penguins: Table;
  beforeAll(async () => {
    penguins = await loadAsset('penguins');
  });
  const named = (name: string, table: Table) => ({ datasetId: name, name, table });

  it('ranks a planted +15% body mass shift first and flags only it', () => {
    const shifted = mapColumn(penguins, MASS, (c) => ({ ...c, data: { type: 'number', values: (c.data as { values: Float64Array }).values.map((v) => v * 1.15) } }));
    const report = driftReport(named('before', penguins), named('after', shifted));
    expect(report.columns[0].column).toBe(MASS);
    expect(report.columns[0].drifted).toBe(true);
    expect(report.columns[0].metric).toBe('psi');
    expect(report.columns[0].psi).toBeGreaterThan(0.2);
    expect(report.columns[0].ks!.pValue).toBeLessThan(1e-6);
    expect(report.columns.filter((c) => c.drifted).map((c) => c.column)).toEqual([MASS]);
    expect(report.columns.map((c) => c.column).sort()).toEqual(penguins.columns.map((c) => c.name).sort());
    // Same rows otherwise, but every row with a mass changed: matched by whole row, those differ.
    const withMass = report.columns[0].referenceCount;
    expect(withMass).toBe(342);
    expect(report.rows).toMatchObject({ matchedBy: 'whole-row', added: withMass, removed: withMass });
  });

  it('finds nothing on an unchanged copy', () => {
    const report = driftReport(named('a', penguins), named('b', rowsOf(penguins, [...Array(penguins.rowCount).keys()])));
    expect(report.columns.some((c) => c.drifted)).toBe(false);
    for (const c of report.columns) expect(c.psi).toBe(0);
    expect(report.rows).toMatchObject({ added: 0, removed: 0, matchedBy: 'whole-row' });
  });

  it('flags a category whose mix changed (chi-square and PSI), not a random half of the same rows', () => {
    const random = createRandom(7);
    const indices = [...Array(penguins.rowCount).keys()];
    const gentoo = indices.filter((r) => cellValue(penguins.columns.find((c) => c.name === 'Species')!.data, r) === 'Gentoo');
    const report = driftReport(named('all', penguins), named('gentoo-heavy', rowsOf(penguins, [...indices, ...gentoo, ...gentoo])));
    const species = report.columns.find((c) => c.column === 'Species')!;
    expect(species.drifted).toBe(true);
    expect(species.chi2!.pValue).toBeLessThan(0.01);
    const half = driftReport(named('all', penguins), named('random half', rowsOf(penguins, indices.filter(() => random() < 0.5))));
    expect(half.columns.filter((c) => c.drifted)).toEqual([]);
  });

  it('counts rows added and removed by the shared identifier like a direct set difference', () => {
    const all = withIds(penguins);
    const before = rowsOf(all, [...Array(300).keys()]);
    const after = rowsOf(all, [...Array(all.rowCount).keys()].filter((r) => r >= 40));
    const report = driftReport(named('before', before), named('after', after));
    const ids = (t: Table) => new Set(Array.from({ length: t.rowCount }, (_, r) => cellValue(t.columns[0].data, r)));
    const a = ids(before);
    const b = ids(after);
    expect(report.rows).toMatchObject({
      matchedBy: 'identifier',
      key: 'Penguin',
      added: [...b].filter((x) => !a.has(x)).length,
      removed: [...a].filter((x) => !b.has(x)).length,
    });
    expect(report.rows.added).toBe(all.rowCount - 300);
    expect(report.rows.removed).toBe(40);
    expect(report.skipped).toEqual([{ column: 'Penguin', reason: expect.stringContaining('identifier') }]);
  });

  it('two random halves of one table rarely look drifted (the false-alarm rate the thresholds give)', async () => {
    const falseAlarms = (table: Table, seeds: number) => {
      let flagged = 0;
      let columns = 0;
      for (let seed = 1; seed <= seeds; seed++) {
        const random = createRandom(seed);
        const side = Array.from({ length: table.rowCount }, () => random() < 0.5);
        const rows = (want: boolean) => [...side.keys()].filter((r) => side[r] === want);
        const report = driftReport(named('a', rowsOf(table, rows(true))), named('b', rowsOf(table, rows(false))));
        flagged += report.columns.filter((c) => c.drifted).length;
        columns += report.columns.length;
      }
      return flagged / columns;
    };
    // 172 rows a side: each test runs at p < 0.01, so a few columns in a hundred are flagged by chance.
    expect(falseAlarms(penguins, 50)).toBeLessThanOrEqual(0.03);
    // 730 rows a side: none.
    expect(falseAlarms(await loadAsset('seattle'), 20)).toBe(0);
  });

  it('counts rows by a number key (sorted merge) like a direct multiset difference, repeats and missing keys included', async () => {
    const { rowChanges } = await import('../../../server/analysis/drift/row-changes.ts');
    const random = createRandom(3);
    const draw = (n: number) => Array.from({ length: n }, () => (random() < 0.05 ? NaN : Math.floor(random() * 400)));
    const [a, b] = [draw(1000), draw(900)];
    const one = (values: number[]): Table => ({ rowCount: values.length, columns: [{ name: 'k', identifier: false, data: { type: 'number', values: Float64Array.from(values) } }] });
    const counts = (values: number[]) => values.reduce((m, v) => m.set(String(v), (m.get(String(v)) ?? 0) + 1), new Map<string, number>());
    const [ca, cb] = [counts(a), counts(b)];
    const surplus = (x: Map<string, number>, y: Map<string, number>) => [...x].reduce((s, [k, n]) => s + Math.max(0, n - (y.get(k) ?? 0)), 0);
    expect(rowChanges(one(a), one(b), ['k'])).toMatchObject({ added: surplus(cb, ca), removed: surplus(ca, cb), matchedBy: 'whole-row' });
  });

  it('refuses two tables that share no column', () => {
    const other: Table = { rowCount: 1, columns: [{ name: 'x', identifier: false, data: { type: 'number', values: Float64Array.of(1) } }] };
    expect(() => driftReport(named('a', penguins), named('b', other))).toThrow(DriftError);
  });
});
