/** One cell of an original row as text (rows come back as JSON values). */
export function formatCell(value: unknown): string {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'number') return Number.isInteger(value) ? String(value) : String(Math.round(value * 1e4) / 1e4);
  if (typeof value === 'string') return value.length > 80 ? `${value.slice(0, 77)}…` : value;
  return String(value);
}
