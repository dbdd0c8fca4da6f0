import type { ColumnType } from '../table.ts';

interface Described {
  name: string;
  type: ColumnType;
  identifier: boolean;
}

export interface RfmGuess {
  customer: string | null;
  date: string | null;
  amount: string | null;
}

const CUSTOMER = /(customer|client|user|member|buyer|account)/i;
const AMOUNT = /(amount|sales|revenue|total|price|value|spend|paid)/i;
const DATE = /(date|time|day|when)/i;

/**
 * The start page's first choice of RFM columns, by name and type: a customer-like column (else
 * the first identifier), a date column (one named like a date first), a number column named like
 * an amount. Null where the table has nothing that fits: the card says what is missing.
 */
export function guessRfmColumns(columns: readonly Described[]): RfmGuess {
  const dates = columns.filter((c) => c.type === 'datetime');
  const numbers = columns.filter((c) => c.type === 'number');
  const customers = columns.filter((c) => c.type !== 'datetime' && c.type !== 'number');
  return {
    customer: (customers.find((c) => CUSTOMER.test(c.name)) ?? columns.find((c) => CUSTOMER.test(c.name) && c.type !== 'datetime') ?? customers.find((c) => c.identifier))?.name ?? null,
    date: (dates.find((c) => DATE.test(c.name)) ?? dates[0])?.name ?? null,
    amount: (numbers.find((c) => AMOUNT.test(c.name) && !c.identifier) ?? null)?.name ?? null,
  };
}
