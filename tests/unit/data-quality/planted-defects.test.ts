import { describe, expect, it } from 'vitest';
import { findQualityIssues } from '../../../server/data-quality/find-all.ts';
import { ingest } from '../../../server/ingest/index.ts';
import type { QualityFinding } from '../../../shared/insights/quality.ts';
import { indicesFromRanges } from '../../../shared/session/ranges.ts';
import { COLUMNS, PLANTED, cleanPenguinsCsv, penguinRows, plantedPenguinsCsv, plantedRows, toCsv } from '../../support/planted-penguins.ts';

async function report(csv: string): Promise<QualityFinding[]> {
  const result = await ingest((async function* () {
    yield csv;
  })(), { contentType: 'text/csv' });
  return findQualityIssues(result.table, result.warnings);
}

const ofKind = (findings: QualityFinding[], kind: QualityFinding['kind']) => findings.filter((f) => f.kind === kind);
const rowsOf = (f: QualityFinding) => Array.from(indicesFromRanges(f.rows ?? []));
const PLANTED_KINDS = ['duplicate-rows', 'constant', 'unparsed-values', 'outliers', 'duplicate-ids', 'mixed-magnitudes'] as const;

describe('quality report on the real penguins table', () => {
  it('finds nothing of the planted kinds in the clean original, and exactly the missing values it has', async () => {
    const findings = await report(cleanPenguinsCsv());
    for (const kind of PLANTED_KINDS) expect(ofKind(findings, kind), kind).toEqual([]);
    const source = penguinRows();
    const expected = Object.keys(source[0])
      .map((column) => ({ column, count: source.filter((r) => r[column] === null || r[column] === undefined || r[column] === '.').length }))
      .filter((m) => m.count > 0);
    expect(ofKind(findings, 'missing').map((f) => ({ column: f.column, count: f.count }))).toEqual(expected);
    // The source writes one missing sex as "." (SAS style): 10 nulls and that one.
    expect(expected.find((m) => m.column === 'Sex')?.count).toBe(11);
  });

  it('finds every planted defect with its exact count and rows', async () => {
    const findings = await report(plantedPenguinsCsv());
    const n = penguinRows().length;

    const dup = ofKind(findings, 'duplicate-rows');
    expect(dup).toHaveLength(1);
    expect(dup[0].count).toBe(3);
    expect(rowsOf(dup[0])).toEqual([n, n + 1, n + 2]);
    expect(dup[0].message).toContain('ignoring the id column "id"');

    const unparsed = ofKind(findings, 'unparsed-values');
    expect(unparsed.map((f) => [f.column, f.count])).toEqual([[COLUMNS.beakDepth, 3]]);
    expect(rowsOf(unparsed[0])).toEqual([...PLANTED.beakWords.keys()]);
    expect(unparsed[0].examples[0].values[COLUMNS.beakDepth]).toBe('unknown');
    expect(unparsed[0].message).toContain('"n.a."');

    const outliers = ofKind(findings, 'outliers');
    expect(outliers.map((f) => [f.column, f.count])).toEqual([[COLUMNS.flipper, 2]]);
    expect(rowsOf(outliers[0])).toEqual([...PLANTED.flipperTimesTen]);

    const ids = ofKind(findings, 'duplicate-ids');
    expect(ids.map((f) => [f.column, f.count])).toEqual([['id', 2]]);
    expect(rowsOf(ids[0])).toEqual([...PLANTED.reusedIds]);

    const mixed = ofKind(findings, 'mixed-magnitudes');
    expect(mixed.map((f) => [f.column, f.count])).toEqual([[COLUMNS.mass, PLANTED.massInKg.length]]);
    expect(rowsOf(mixed[0])).toEqual([...PLANTED.massInKg]);
    // Gentoo rows 250–269 weigh about 5.1 kg against a median of 3,950 g elsewhere: 2.9 orders.
    expect(mixed[0].message).toContain('2.9 orders apart');

    expect(ofKind(findings, 'constant')).toEqual([]);
    // The stray words are reported as unparsed, not again as missing.
    const missingBeak = ofKind(findings, 'missing').find((f) => f.column === COLUMNS.beakDepth);
    expect(missingBeak?.count).toBe(plantedRows().filter((r) => r[COLUMNS.beakDepth] === null).length);
    for (const f of findings) {
      expect(f.examples.length).toBeLessThanOrEqual(5);
      expect(f.message).toMatch(/^[^\n]+[.)]$/);
    }
  });

  it('finds numbers stored as text when a column has too many words to stay numeric', async () => {
    const rows = penguinRows().map((row) => ({ ...row }));
    const planted = Array.from({ length: 40 }, (_, i) => i * 8 + 1).filter((r) => rows[r][COLUMNS.flipper] !== null);
    for (const r of planted) rows[r][COLUMNS.flipper] = 'not measured';
    const findings = await report(toCsv(rows));
    const unparsed = ofKind(findings, 'unparsed-values');
    expect(unparsed.map((f) => [f.column, f.count])).toEqual([[COLUMNS.flipper, planted.length]]);
    expect(rowsOf(unparsed[0])).toEqual(planted);
    expect(unparsed[0].message).toContain('numbers');
  });

  it('reports constant and near-constant columns with the dominant share', async () => {
    const rows = penguinRows().map((row, i) => ({ ...row, station: 'A', batch: i < 340 ? 'x' : 'y' }));
    const findings = ofKind(await report(toCsv(rows)), 'constant');
    expect(findings.map((f) => [f.column, f.count])).toEqual([
      ['station', 344],
      ['batch', 340],
    ]);
    expect(findings[1].message).toContain('99%');
    expect(findings[1].examples.map((e) => e.rowIndex)).toEqual([340, 341, 342, 343]);
  });
});
