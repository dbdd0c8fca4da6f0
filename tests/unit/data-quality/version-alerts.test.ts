import { describe, expect, it } from 'vitest';
import { datasetQuality, type PreviousVersion } from '../../../server/data-quality/dataset-quality.ts';
import type { StoredRule } from '../../../server/data-quality/rules/check-rules.ts';
import { ingest } from '../../../server/ingest/index.ts';
import { COLUMNS, PLANTED, cleanPenguinsCsv, penguinRows, plantedPenguinsCsv, toCsv } from '../../support/planted-penguins.ts';

async function read(csv: string) {
  return ingest(
    (async function* () {
      yield csv;
    })(),
    { contentType: 'text/csv' },
  );
}

const massRule: StoredRule = { id: 'mass-range', createdAt: 1, kind: 'range', column: COLUMNS.mass, min: 2000, max: 7000 };
const islandRule: StoredRule = { id: 'islands', createdAt: 2, kind: 'allowed-values', column: 'Island', values: ['Biscoe', 'Dream', 'Torgersen'] };

async function previous(rules: StoredRule[]): Promise<PreviousVersion> {
  const clean = await read(cleanPenguinsCsv());
  return { datasetId: 'cleanVersion1', name: 'penguins', createdAt: '2026-12-03T10:00:00.000Z', table: clean.table, rules };
}

describe('a new version of the penguins table', () => {
  it('that breaks a rule raises that alert, copies the rules and keeps their ids', async () => {
    const next = await read(plantedPenguinsCsv());
    const { quality, rules } = datasetQuality(next.table, next.warnings, await previous([massRule, islandRule]));
    expect(rules).toEqual([massRule, islandRule]);
    expect(quality.replaces).toMatchObject({ datasetId: 'cleanVersion1', name: 'penguins', createdAt: '2026-12-03T10:00:00.000Z' });
    expect(quality.replaces!.alerts).toEqual([
      { kind: 'rule-violated', column: COLUMNS.mass, message: `Rule "${COLUMNS.mass} between 2000 and 7000" is broken by ${PLANTED.massInKg.length} rows (0 in the previous version).` },
      // Two flipper lengths ×10 move the mean by 0.7 sd.
      { kind: 'mean-moved', column: COLUMNS.flipper, message: `${COLUMNS.flipper}: the mean moved from 200.9 to 210.8 (+0.7 sd of the previous version).` },
    ]);
  });

  it('an unchanged version raises none', async () => {
    const same = await read(cleanPenguinsCsv());
    expect(datasetQuality(same.table, same.warnings, await previous([massRule, islandRule])).quality.replaces!.alerts).toEqual([]);
  });

  it('says when missing values grow, a category appears, a column goes or comes', async () => {
    const rows = penguinRows().map((row, i) => {
      const { Sex: _sex, ...rest } = row;
      return { id: i + 1, ...rest, Island: i < 30 ? 'Anvers' : row.Island, [COLUMNS.flipper]: i % 10 === 0 ? null : row[COLUMNS.flipper], ring: `R${i}` };
    });
    const next = await read(toCsv(rows));
    const alerts = datasetQuality(next.table, next.warnings, await previous([islandRule])).quality.replaces!.alerts;
    expect(alerts.map((a) => [a.kind, a.column])).toEqual([
      ['rule-violated', 'Island'],
      ['new-category', 'Island'],
      ['missing-share-moved', COLUMNS.flipper],
      ['column-removed', 'Sex'],
      ['column-added', 'ring'],
    ]);
    expect(alerts[0].message).toContain('broken by 30 rows');
    expect(alerts[1].message).toBe('Island: a new value appeared ("Anvers"), in 30 rows.');
    // 35 emptied (every tenth row) and the 2 missing before: 37 of 344.
    expect(alerts[2].message).toBe(`${COLUMNS.flipper}: 10.8% of values are missing, 0.6% before.`);
  });
});
