import type { Condition } from './parsed-question.ts';

/** A number read as a year on a date column ("in 2015", "after 2013", "between 2012 and 2014"). */
export function isYear(value: number): boolean {
  return Number.isInteger(value) && value >= 1000 && value <= 2999;
}

const start = (year: number) => Date.UTC(year, 0, 1);

/**
 * A comparison with a year as a range of epoch milliseconds on a date column: "in 2015" is
 * [2015-01-01, 2016-01-01), "after 2013" from 2014-01-01, "before 2014" before 2014-01-01,
 * "by 2014" (≤) up to the end of 2014.
 */
export function yearCondition(column: string, op: '>' | '>=' | '<' | '<=' | '=', year: number, said: string): Condition {
  switch (op) {
    case '>':
      return { column, kind: 'range', min: start(year + 1), said };
    case '>=':
      return { column, kind: 'range', min: start(year), said };
    case '<':
      return { column, kind: 'range', max: start(year), maxExclusive: true, said };
    case '<=':
      return { column, kind: 'range', max: start(year + 1), maxExclusive: true, said };
    case '=':
      return { column, kind: 'range', min: start(year), max: start(year + 1), maxExclusive: true, said };
  }
}

/** "between 2012 and 2014": the whole of both years and those between. */
export function yearsBetween(column: string, from: number, to: number): Condition {
  return { column, kind: 'range', min: start(Math.min(from, to)), max: start(Math.max(from, to) + 1), maxExclusive: true, said: `from ${Math.min(from, to)} to ${Math.max(from, to)}` };
}
