import { describe, expect, it } from 'vitest';
import type { ColumnType } from '../../../shared/table.ts';
import { guessRfmColumns } from '../../../shared/presets/rfm-guess.ts';

const col = (name: string, type: ColumnType, identifier = false) => ({ name, type, identifier });

describe('the start page guess of RFM columns', () => {
  it('picks the Superstore sample columns by name and type', () => {
    const columns = [
      col('Order ID', 'category'),
      col('Order Date', 'datetime'),
      col('Ship Mode', 'category'),
      col('Customer ID', 'category'),
      col('Segment', 'category'),
      col('Sales', 'number'),
      col('Quantity', 'number'),
    ];
    expect(guessRfmColumns(columns)).toEqual({ customer: 'Customer ID', date: 'Order Date', amount: 'Sales' });
  });

  it('falls back to an identifier and the only date, and says null where nothing fits', () => {
    expect(guessRfmColumns([col('id', 'number', true), col('code', 'text', true), col('when', 'datetime'), col('weight', 'number')])).toEqual({ customer: 'code', date: 'when', amount: null });
    expect(guessRfmColumns([col('species', 'category'), col('mass', 'number')])).toEqual({ customer: null, date: null, amount: null });
  });
});
