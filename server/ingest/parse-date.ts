/**
 * Dates and date-times as they appear in exports, read as epoch milliseconds (UTC unless the
 * text carries an offset). Each text belongs to one family; a column keeps the family of its
 * first date, so `01.02.2020` and `2020-02-01` never mix silently.
 * - 'ymd':   2020-02-01, 2020/02/01, with optional time `T13:45`, ` 13:45:30.250`, `Z`, `+01:00`
 * - 'dmy':   01.02.2020 (the German / Swiss / Russian dotted form), optional ` 13:45[:30]`
 * - 'slash': 01/02/2020: day-first or month-first is unknowable from one value, so the parts
 *   are kept packed (see packSlash) and the column decides at the end (finish-column.ts).
 */
export type DateFamily = 'ymd' | 'dmy' | 'slash';

export interface ParsedDate {
  family: DateFamily;
  /** Epoch ms, or for 'slash' the packed parts. */
  value: number;
}

const YMD = /^(\d{4})([-/])(\d{1,2})\2(\d{1,2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/;
const DMY = /^(\d{1,2})\.(\d{1,2})\.(\d{4})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;
const SLASH = /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;

const DAY_MS = 86_400_000;

function timeMs(h: string | undefined, m: string | undefined, s: string | undefined, frac: string | undefined): number {
  if (h === undefined) return 0;
  const hours = Number(h);
  const minutes = Number(m);
  const seconds = s === undefined ? 0 : Number(s);
  if (hours > 23 || minutes > 59 || seconds > 59) return NaN;
  const ms = frac === undefined ? 0 : Math.round(Number(`0.${frac}`) * 1000);
  return ((hours * 60 + minutes) * 60 + seconds) * 1000 + ms;
}

/** Epoch ms of a calendar day, or NaN when the day does not exist (2021-02-30). */
export function utcDay(year: number, month: number, day: number): number {
  if (month < 1 || month > 12 || day < 1 || day > 31) return NaN;
  const ms = Date.UTC(year, month - 1, day);
  const d = new Date(ms);
  // Date.UTC maps years 0–99 to 1900–1999; four-digit inputs never hit that.
  return d.getUTCDate() === day && d.getUTCMonth() === month - 1 ? ms : NaN;
}

function offsetMs(zone: string | undefined): number {
  if (zone === undefined || zone === 'Z') return 0;
  const sign = zone[0] === '-' ? -1 : 1;
  const digits = zone.slice(1).replace(':', '');
  return sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2))) * 60_000;
}

/** Day-first or month-first is decided later: keep year, both parts and the time exactly. */
export function packSlash(first: number, second: number, year: number, time: number): number {
  return (year * 10_000 + first * 100 + second) * DAY_MS + time;
}

export function unpackSlash(packed: number, dayFirst: boolean): number {
  const time = packed % DAY_MS;
  const ymd = (packed - time) / DAY_MS;
  const year = Math.floor(ymd / 10_000);
  const first = Math.floor(ymd / 100) % 100;
  const second = ymd % 100;
  const day = dayFirst ? first : second;
  const month = dayFirst ? second : first;
  return utcDay(year, month, day) + time;
}

/** The first two parts of a packed slash date, to learn which one can be a month. */
export function slashParts(packed: number): [number, number] {
  const ymd = Math.floor(packed / DAY_MS);
  return [Math.floor(ymd / 100) % 100, ymd % 100];
}

/** A date read from trimmed text, or undefined when the text is not a date. */
export function parseDate(text: string): ParsedDate | undefined {
  const c0 = text.charCodeAt(0);
  if (text.length < 8 || text.length > 40 || c0 < 48 || c0 > 57) return undefined;
  let m = YMD.exec(text);
  if (m) {
    const day = utcDay(Number(m[1]), Number(m[3]), Number(m[4]));
    const value = day + timeMs(m[5], m[6], m[7], m[8]) - offsetMs(m[9]);
    return Number.isNaN(value) ? undefined : { family: 'ymd', value };
  }
  m = DMY.exec(text);
  if (m) {
    const value = utcDay(Number(m[3]), Number(m[2]), Number(m[1])) + timeMs(m[4], m[5], m[6], undefined);
    return Number.isNaN(value) ? undefined : { family: 'dmy', value };
  }
  m = SLASH.exec(text);
  if (m) {
    const first = Number(m[1]);
    const second = Number(m[2]);
    const time = timeMs(m[4], m[5], m[6], undefined);
    // Valid under at least one reading: one part ≤ 12 is the month, the other a day.
    const valid =
      !Number.isNaN(utcDay(Number(m[3]), first, second)) || !Number.isNaN(utcDay(Number(m[3]), second, first));
    if (!valid || Number.isNaN(time)) return undefined;
    return { family: 'slash', value: packSlash(first, second, Number(m[3]), time) };
  }
  return undefined;
}
