import { createReadStream, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { RFM_COLUMNS } from '../../../shared/presets/rfm-segments.ts';
import type { Table } from '../../../shared/table.ts';
import { ingest } from '../../../server/ingest/index.ts';
import { customerTable } from '../../../server/presets/rfm/customer-table.ts';
import { quintileScores } from '../../../server/presets/rfm/quintile-scores.ts';

const SAMPLE = fileURLToPath(new URL('../../../assets/datasets/superstore-orders.csv', import.meta.url));
const PICKS = { customer: 'Customer ID', date: 'Order Date', amount: 'Sales' };

/**
 * The RFM preset on the shipped transactions sample (assets/datasets/SOURCES.md), against a
 * direct computation written here from the CSV text: no code shared with the preset.
 */
interface Direct {
  recency: number;
  frequency: number;
  monetary: number;
}

function directMeasures(): Map<string, Direct> {
  const [head, ...lines] = readFileSync(SAMPLE, 'utf8').trim().split('\n');
  const cols = head.split(',');
  const [c, d, s] = [cols.indexOf('Customer ID'), cols.indexOf('Order Date'), cols.indexOf('Sales')];
  const days = new Map<string, Set<string>>();
  const sums = new Map<string, number[]>();
  let last = '';
  for (const line of lines) {
    const cells = line.split(',');
    const who = cells[c];
    if (!days.has(who)) days.set(who, new Set());
    days.get(who)?.add(cells[d]);
    sums.set(who, [...(sums.get(who) ?? []), Number(cells[s])]);
    if (cells[d] > last) last = cells[d];
  }
  const dayNumber = (iso: string) => Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))) / 86_400_000;
  const out = new Map<string, Direct>();
  for (const [who, dates] of days) {
    const latest = [...dates].sort().at(-1) ?? '';
    out.set(who, { recency: dayNumber(last) - dayNumber(latest), frequency: dates.size, monetary: (sums.get(who) ?? []).reduce((a, b) => a + b, 0) });
  }
  return out;
}

/** Quintile by counting, O(n²): 1 + ⌊5 · (customers strictly worse) / n⌋. */
function directScore(all: number[], value: number, higherIsBetter: boolean): number {
  const worse = all.filter((v) => (higherIsBetter ? v < value : v > value)).length;
  return 1 + Math.floor((5 * worse) / all.length);
}

/** The documented map (docs/presets.md) as a grid: row = R score 5…1, column = F score 1…5. */
const GRID: Record<number, string[]> = {
  5: ['new', 'potential loyalists', 'potential loyalists', 'champions', 'champions'],
  4: ['promising', 'potential loyalists', 'potential loyalists', 'loyal', 'loyal'],
  3: ['about to sleep', 'about to sleep', 'need attention', 'loyal', 'loyal'],
  2: ['hibernating', 'hibernating', 'at risk', 'at risk', "can't lose"],
  1: ['hibernating', 'hibernating', 'at risk', 'at risk', "can't lose"],
};

let table: Table;
beforeAll(async () => {
  table = (await ingest(createReadStream(SAMPLE), { fileName: SAMPLE })).table;
});

describe('RFM preset on the Superstore orders sample', () => {
  it('measures recency, frequency and monetary value per customer as a direct count does', () => {
    const result = customerTable(table, PICKS);
    if (!result.ok) throw new Error(result.message);
    const direct = directMeasures();
    expect(result.rows).toHaveLength(direct.size);
    expect(result.rows).toHaveLength(397);
    expect(result.lastDate).toBe('2017-12-30');
    expect(result.skipped).toBe(0);
    for (const row of result.rows) {
      const d = direct.get(String(row['Customer ID']));
      expect(d).toBeDefined();
      expect(row[RFM_COLUMNS.recency]).toBe(d?.recency);
      expect(row[RFM_COLUMNS.frequency]).toBe(d?.frequency);
      expect(row[RFM_COLUMNS.monetary]).toBeCloseTo(d?.monetary ?? NaN, 6);
    }
  });

  it('scores quintiles as a direct rank count does, ties sharing a score, and names segments by the documented map', () => {
    const result = customerTable(table, PICKS);
    if (!result.ok) throw new Error(result.message);
    const values = (column: string) => result.rows.map((r) => Number(r[column]));
    const [recency, frequency, monetary] = [values(RFM_COLUMNS.recency), values(RFM_COLUMNS.frequency), values(RFM_COLUMNS.monetary)];
    const seen = new Map<string, number>();
    for (const [i, row] of result.rows.entries()) {
      const r = directScore(recency, recency[i], false);
      const f = directScore(frequency, frequency[i], true);
      expect(row[RFM_COLUMNS.r]).toBe(r);
      expect(row[RFM_COLUMNS.f]).toBe(f);
      expect(row[RFM_COLUMNS.m]).toBe(directScore(monetary, monetary[i], true));
      expect(row[RFM_COLUMNS.segment]).toBe(GRID[r][f - 1]);
      seen.set(String(row[RFM_COLUMNS.segment]), (seen.get(String(row[RFM_COLUMNS.segment])) ?? 0) + 1);
    }
    // Spending is spread: monetary quintiles are near-even (397 / 5 ≈ 79 each).
    const m = values(RFM_COLUMNS.m);
    for (let s = 1; s <= 5; s++) expect(Math.abs(m.filter((v) => v === s).length - 79.4)).toBeLessThanOrEqual(1);
    expect(Object.fromEntries(seen)).toEqual(result.segments);
    // Champions and hibernating customers both exist in four years of a real-shaped store.
    expect(seen.get('champions')).toBeGreaterThan(10);
    expect(seen.get('hibernating')).toBeGreaterThan(10);
  });

  it('gives equal values one score whatever their order', () => {
    expect([...quintileScores(Float64Array.of(3, 1, 3, 2, 3, 5, 4, 1, 2, 3), true)]).toEqual([3, 1, 3, 2, 3, 5, 5, 1, 2, 3]);
    expect([...quintileScores(Float64Array.of(10, 0, 0, 30), false)]).toEqual([2, 3, 3, 1]);
  });

  it('refuses columns that cannot be read as customer, date and amount, in a sentence', () => {
    const fail = (picks: typeof PICKS) => {
      const r = customerTable(table, picks);
      return r.ok ? '' : r.message;
    };
    expect(fail({ ...PICKS, date: 'Ship Mode' })).toMatch(/date column "Ship Mode" holds category values, not dates/);
    expect(fail({ ...PICKS, amount: 'Region' })).toMatch(/amount column "Region" holds category values, not numbers/);
    expect(fail({ ...PICKS, customer: 'Nobody' })).toMatch(/customer column "Nobody" is not in this table/);
    expect(fail({ ...PICKS, amount: 'Order ID' })).toMatch(/not numbers/);
    expect(fail({ ...PICKS, amount: 'Customer ID', customer: 'Customer ID' })).toMatch(/three different columns/);
  });
});
