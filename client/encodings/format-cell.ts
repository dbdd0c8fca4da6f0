/** One cell of an original row as text (rows come back as JSON values). */
export function formatCell(value: unknown): string {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'number') return Number.isInteger(value) ? String(value) : String(Math.round(value * 1e4) / 1e4);
  if (typeof value === 'string') {
    // Dates come back as ISO strings: midnight UTC is a plain date, otherwise drop the seconds.
    const iso = /^(\d{4}-\d\d-\d\d)T(\d\d:\d\d)(:\d\d(\.\d+)?)?Z$/.exec(value);
    if (iso) return iso[2] === '00:00' && /^(:00(\.0+)?)?$/.test(iso[3] ?? '') ? iso[1] : `${iso[1]} ${iso[2]}`;
    return value.length > 80 ? `${value.slice(0, 77)}…` : value;
  }
  return String(value);
}
