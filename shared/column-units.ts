/**
 * Units from column names, and amounts written with them — one copy for the server's paragraphs
 * and statistics and the client's trait lists and tables.
 *
 * How a column reads in a sentence: its name without the unit, and the unit its name gives —
 * "Body Mass (g)" and body_mass_g both read "body mass", in g. Names without a known unit have none.
 */
export interface ColumnWords {
  label: string;
  unit?: string;
}

/**
 * Units a name may end with after _ or - (body_mass_g, Weight_in_lbs), and how each is written
 * after a number. Only words that are units whatever the column: "min", "max", "m", "h" or "c"
 * at the end of a name are as often something else (temp_min).
 */
const UNITS: Record<string, string> = {
  g: 'g',
  kg: 'kg',
  mg: 'mg',
  lb: 'lb',
  lbs: 'lbs',
  mm: 'mm',
  cm: 'cm',
  km: 'km',
  usd: 'USD',
  eur: 'EUR',
  gbp: 'GBP',
  pct: '%',
  percent: '%',
  ms: 'ms',
  sec: 's',
  secs: 's',
  seconds: 's',
  hours: 'h',
  days: 'days',
  mph: 'mph',
  kmh: 'km/h',
  kwh: 'kWh',
};

export function columnWords(name: string): ColumnWords {
  // "Body Mass (g)", "price [usd]": anything short in brackets is a unit (known ones written the usual way).
  const bracketed = /^(.*?)\s*[([]\s*([^)\]]{1,12})\s*[)\]]\s*$/.exec(name);
  if (bracketed && bracketed[1].trim() !== '') {
    const known = UNITS[bracketed[2].toLowerCase()];
    return { label: words(bracketed[1]), unit: known ?? bracketed[2] };
  }
  // body_mass_g, Weight_in_lbs, share-pct
  const suffixed = /^(.+?)[_-](?:in[_-])?([A-Za-z]+)$/.exec(name);
  if (suffixed) {
    const known = UNITS[suffixed[2].toLowerCase()];
    if (known) return { label: words(suffixed[1]), unit: known };
  }
  return { label: words(name) };
}

/**
 * Separators to spaces and Title Case words lower-cased ("Body_Mass" → "body mass"); acronyms
 * kept; names with numbered parts (pixel_4_2) kept as written.
 */
function words(text: string): string {
  const trimmed = text.trim();
  if (/(^|[_-])\d+([_-]|$)/.test(trimmed)) return trimmed;
  return trimmed
    .replace(/[_-]+/g, ' ')
    .split(/\s+/)
    .map((w) => (/^[A-Z][a-z]+$/.test(w) ? w.toLowerCase() : w))
    .join(' ');
}

const NUMBER = new Intl.NumberFormat('en-US', { maximumSignificantDigits: 4 });

/** A value with its unit: "5,076 g", "12.5%", a date as YYYY-MM-DD (dates are epoch ms). */
export function formatAmount(value: number, unit: string | undefined, type: 'number' | 'datetime' = 'number'): string {
  if (type === 'datetime') return Number.isFinite(value) ? new Date(value).toISOString().slice(0, 10) : String(value);
  return withUnit(NUMBER.format(value), unit);
}

/** A number already printed, followed by its unit as amounts are written: "5,076 g", "12.5%" (no space before %). */
export function withUnit(text: string, unit: string | undefined): string {
  if (!unit) return text;
  return unit === '%' ? `${text}%` : `${text} ${unit}`;
}

/** A share as a whole percentage that never rounds a part to 0% or 100%: "36%", "<1%", ">99%". */
export function formatShare(share: number): string {
  if (share <= 0) return '0%';
  if (share >= 1) return '100%';
  const p = Math.round(share * 100);
  if (p === 0) return '<1%';
  if (p === 100) return '>99%';
  return `${p}%`;
}
