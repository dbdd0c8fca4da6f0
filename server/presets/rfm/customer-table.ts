import { RFM_COLUMNS, rfmSegment } from '../../../shared/presets/rfm-segments.ts';
import { cellValue, type Table } from '../../../shared/table.ts';
import { customerMeasures } from './rfm-measures.ts';
import { quintileScores } from './quintile-scores.ts';

/** The three columns of a transactions table the preset reads. */
export interface RfmColumns {
  customer: string;
  date: string;
  amount: string;
}

export type CustomerRow = Record<string, string | number>;

export type CustomerTable =
  | { ok: true; rows: CustomerRow[]; lastDate: string; skipped: number; segments: Record<string, number> }
  | { ok: false; message: string };

/** Fewer customers than this cannot fill five quintiles. */
export const MIN_CUSTOMERS = 5;

/**
 * One row per customer: its id (under the customer column's own name), recency, frequency,
 * monetary value, their quintile scores and the segment named from them (shared/presets/rfm-segments.ts).
 * A table that cannot be read this way gets a sentence saying why.
 */
export function customerTable(table: Table, picks: RfmColumns): CustomerTable {
  const column = (name: string) => table.columns.find((c) => c.name === name);
  const customer = column(picks.customer);
  const date = column(picks.date);
  const amount = column(picks.amount);
  const names = table.columns.map((c) => `"${c.name}"`).join(', ');
  for (const [role, name, found] of [['customer', picks.customer, customer], ['date', picks.date, date], ['amount', picks.amount, amount]] as const) {
    if (!found) return { ok: false, message: `The ${role} column "${name}" is not in this table. Its columns are ${names}.` };
  }
  if (!customer || !date || !amount) return { ok: false, message: 'A column is missing.' };
  if (new Set([picks.customer, picks.date, picks.amount]).size < 3) return { ok: false, message: 'Choose three different columns for the customer, the date and the amount.' };
  if (date.data.type !== 'datetime') {
    return { ok: false, message: `The date column "${date.name}" holds ${date.data.type} values, not dates: choose a column of dates (e.g. 2024-03-31).` };
  }
  if (amount.data.type !== 'number') {
    return { ok: false, message: `The amount column "${amount.name}" holds ${amount.data.type} values, not numbers: choose a numeric column (the amount of each purchase).` };
  }
  if ((Object.values(RFM_COLUMNS) as string[]).includes(customer.name)) {
    return { ok: false, message: `The customer column is named "${customer.name}", a name the customer table gives its own column: rename it first.` };
  }
  if (customer.data.type === 'datetime') return { ok: false, message: `The customer column "${customer.name}" holds dates: choose the column that identifies customers.` };

  const ids = Array.from({ length: table.rowCount }, (_, i) => {
    const v = cellValue(customer.data, i);
    return v === null ? null : String(v);
  });
  const m = customerMeasures({ customer: ids, date: date.data.values, amount: amount.data.values });
  if (m.customers.length < MIN_CUSTOMERS) {
    return { ok: false, message: `RFM needs at least ${MIN_CUSTOMERS} customers with a date and an amount; this table has ${m.customers.length}.` };
  }
  const r = quintileScores(m.recencyDays, false);
  const f = quintileScores(m.frequency, true);
  const s = quintileScores(m.monetary, true);
  const segments: Record<string, number> = {};
  const rows = m.customers.map((id, i) => {
    const segment = rfmSegment(r[i], f[i]);
    segments[segment] = (segments[segment] ?? 0) + 1;
    return {
      [customer.name]: id,
      [RFM_COLUMNS.recency]: m.recencyDays[i],
      [RFM_COLUMNS.frequency]: m.frequency[i],
      [RFM_COLUMNS.monetary]: m.monetary[i],
      [RFM_COLUMNS.r]: r[i],
      [RFM_COLUMNS.f]: f[i],
      [RFM_COLUMNS.m]: s[i],
      [RFM_COLUMNS.segment]: segment,
    };
  });
  return { ok: true, rows, lastDate: new Date(m.lastDate).toISOString().slice(0, 10), skipped: m.skipped, segments };
}
