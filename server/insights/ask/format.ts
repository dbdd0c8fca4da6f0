import type { ColumnType } from '../../../shared/table.ts';
import type { Unit } from './units.ts';

const grouped = (digits: number) => new Intl.NumberFormat('en-US', { maximumFractionDigits: digits, useGrouping: true });

/** A figure for a sentence: 4,202 · 200.92 · 0.0345; dates as days. */
export function formatValue(value: number, type: ColumnType = 'number'): string {
  if (type === 'datetime') return new Date(value).toISOString().slice(0, 10);
  const size = Math.abs(value);
  if (size >= 1000) return grouped(0).format(value);
  if (size >= 100) return grouped(1).format(value);
  if (size >= 1 || size === 0) return grouped(2).format(value);
  return new Intl.NumberFormat('en-US', { maximumSignificantDigits: 3 }).format(value);
}

/** A figure with its column's unit when the name gives one: "5,076 g". */
export function withUnit(value: number, unit: Unit | null, type: ColumnType = 'number'): string {
  return unit && type === 'number' ? `${formatValue(value, type)} ${unit.symbol}` : formatValue(value, type);
}

export function percent(part: number, whole: number): string {
  if (whole === 0) return '0%';
  const p = (100 * part) / whole;
  return `${p > 0 && p < 1 ? p.toFixed(1) : Math.round(p)}%`;
}

/** "a, b and c" */
export function listing(items: string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${formatValue(n)} ${n === 1 ? one : many}`;
}
