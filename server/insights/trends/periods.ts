import type { TrendPeriod } from '../../../shared/insights/trends.ts';

const DAY_MS = 86_400_000;

/**
 * Periods are numbered by an ordinal per kind, in UTC: days since 1970-01-01, Monday-based weeks
 * (ISO weeks start on Monday; 1970-01-01 was a Thursday), months, quarters or years since year 0.
 * Consecutive periods have consecutive ordinals, so a series is an array indexed by ordinal − first.
 */
export function periodOrdinal(ms: number, period: TrendPeriod): number {
  const day = Math.floor(ms / DAY_MS);
  if (period === 'day') return day;
  if (period === 'week') return Math.floor((day + 3) / 7);
  // Year and month from the day number without a Date per row (H. Hinnant's civil_from_days).
  const z = day + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153); // 0 = March … 11 = February
  const month = mp < 10 ? mp + 2 : mp - 10; // 0 = January
  const year = yoe + era * 400 + (month < 2 ? 1 : 0);
  if (period === 'month') return year * 12 + month;
  if (period === 'quarter') return year * 4 + Math.floor(month / 3);
  return year;
}

/** Epoch milliseconds at which the period with this ordinal starts. */
export function periodStart(ordinal: number, period: TrendPeriod): number {
  switch (period) {
    case 'day':
      return ordinal * DAY_MS;
    case 'week':
      return (ordinal * 7 - 3) * DAY_MS;
    case 'month':
      return utc(Math.floor(ordinal / 12), ordinal - 12 * Math.floor(ordinal / 12));
    case 'quarter':
      return utc(Math.floor(ordinal / 4), 3 * (ordinal - 4 * Math.floor(ordinal / 4)));
    case 'year':
      return utc(ordinal, 0);
  }
}

function utc(year: number, month: number): number {
  const d = new Date(Date.UTC(2000, month, 1));
  d.setUTCFullYear(year); // Date.UTC maps years 0–99 to 1900–1999
  return d.getTime();
}

/** At most this many periods when the period is chosen automatically (a chart stays legible, a forecast has history). */
export const AUTO_MAX_PERIODS = 60;
/** At most this many periods in any series (a finer period than this is refused with a sentence). */
export const MAX_PERIODS = 2000;

const FINEST_FIRST: readonly TrendPeriod[] = ['day', 'week', 'month', 'quarter', 'year'];

/** Periods from the one holding `first` to the one holding `last`, both included. */
export function periodCount(first: number, last: number, period: TrendPeriod): number {
  return periodOrdinal(last, period) - periodOrdinal(first, period) + 1;
}

/** The finest period that covers [first, last] in at most AUTO_MAX_PERIODS periods (years when none does). */
export function choosePeriod(first: number, last: number): TrendPeriod {
  return FINEST_FIRST.find((p) => periodCount(first, last, p) <= AUTO_MAX_PERIODS) ?? 'year';
}

/** The season a period's series may repeat with: a week of days, a year of weeks, months or quarters. */
export function seasonLength(period: TrendPeriod): number | null {
  return { day: 7, week: 52, month: 12, quarter: 4, year: null }[period];
}

