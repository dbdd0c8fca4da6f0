import type { ColumnMention, Mentions } from './find-mentions.ts';
import type { Condition, ParsedQuestion } from './parsed-question.ts';
import type { Token } from './tokenize.ts';
import { convert, unitOfWord, type Unit } from './units.ts';
import type { Vocabulary } from './vocabulary.ts';
import { isYear, yearCondition, yearsBetween } from './year-condition.ts';

type Op = '>' | '>=' | '<' | '<=' | '=';

const GREATER = new Set(['more', 'greater', 'higher', 'bigger', 'larger', 'over', 'above', 'exceeding', 'exceed', 'exceeds', 'beyond', 'after', 'later']);
const LESS = new Set(['less', 'fewer', 'lower', 'smaller', 'under', 'below', 'beneath', 'before', 'earlier']);
/** Comparatives that mean "less" ("lighter than"); any other "-er than" means more. */
const LESS_COMPARATIVES = new Set(['lighter', 'shorter', 'narrower', 'shallower', 'slower', 'colder', 'cooler', 'younger', 'cheaper', 'smaller', 'lower', 'fewer', 'less', 'earlier', 'thinner', 'weaker', 'drier']);
const MISSING_WORDS = new Set(['missing', 'empty', 'blank', 'null', 'unknown', 'unrecorded', 'nan', 'absent', 'without', 'lacking', 'lack']);
/** Words before a year that put a date in it: "in 2015". */
const YEAR_WORDS = new Map<string, Op>([['in', '='], ['during', '='], ['of', '='], ['from', '='], ['since', '>='], ['until', '<='], ['by', '<=']]);
const NEGATIONS = new Set(['not', 'except', 'excluding', 'besides', 'outside', 'other']);

/** Whether a value is negated: "not (on|from|in) Biscoe", "except Biscoe", "other than Biscoe". */
function isNegated(tokens: Token[], start: number): boolean {
  const w = (k: number) => (k >= 0 && tokens[k].kind === 'word' ? tokens[k].plain : '');
  if (NEGATIONS.has(w(start - 1)) && w(start - 1) !== 'other') return true;
  if (w(start - 1) === 'than' && w(start - 2) === 'other') return true;
  return ['on', 'from', 'in', 'at', 'of', 'a', 'an', 'the'].includes(w(start - 1)) && (w(start - 2) === 'not' || w(start - 2) === 'except');
}

/** Words between a number and the column it measures: "20 mm of precipitation". */
const BRIDGE = new Set(['of', 'the', 'in']);

export interface FoundConditions {
  conditions: Condition[];
  /** Tokens the conditions used (numbers, comparison words, units). */
  used: Set<number>;
  assumedUnits: ParsedQuestion['assumedUnits'];
}

/**
 * Comparisons ("heavier than 5 kg", "at least 8", "between 5 and 10 mm", "> 5000"), missing
 * values ("missing sex") and named values ("on Biscoe") as conditions on columns, numbers in the
 * column's own units. `skip` holds tokens already read (cluster numbers).
 */
export function findConditions(tokens: Token[], mentions: Mentions, vocabulary: Vocabulary, skip: Set<number>): FoundConditions {
  const used = new Set<number>();
  const conditions: Condition[] = [];
  const assumedUnits: ParsedQuestion['assumedUnits'] = [];
  const word = (i: number) => (i >= 0 && i < tokens.length && tokens[i].kind !== 'number' ? tokens[i].plain : '');
  const isNumber = (i: number) => i >= 0 && i < tokens.length && tokens[i].kind === 'number' && !skip.has(i) && !used.has(i);
  const numericColumn = (m: ColumnMention | undefined) => {
    const name = m?.columns[0];
    const type = vocabulary.columns.find((c) => c.name === name)?.type;
    return m && m.columns.length === 1 && (type === 'number' || type === 'datetime') ? name! : null;
  };
  const typeOf = (column: string) => vocabulary.columns.find((c) => c.name === column)?.type;
  // A year with no date column named goes to the table's date column, when it has exactly one.
  const dateColumns = vocabulary.columns.filter((c) => c.type === 'datetime');
  const onlyDate = dateColumns.length === 1 ? dateColumns[0].name : null;
  // A word that names a column is the column, not a unit ("200 horsepower").
  const unitAt = (i: number): Unit | null => (i < tokens.length && tokens[i].kind === 'word' && !mentions.used.has(i) ? (unitOfWord(tokens[i].text) ?? unitOfWord(tokens[i].plain)) : null);
  /** The mention right after position `after` (over "of", "the"), or the nearest one that starts before the comparison at `before` and ends before the number. */
  const columnFor = (after: number, before: number, number: number): string | null => {
    let k = after;
    while (k < tokens.length && tokens[k].kind === 'word' && BRIDGE.has(tokens[k].plain)) k++;
    const next = numericColumn(mentions.columns.find((m) => m.start === k));
    if (next) return next;
    const previous = mentions.columns.filter((m) => m.start <= before && m.end <= number && before - m.end <= 6 && numericColumn(m)).at(-1);
    return numericColumn(previous);
  };
  /**
   * With no column named, the one a unit points at: the only number column measured in that
   * dimension, or named by the unit ("150 hp" → Horsepower).
   */
  const columnOfUnit = (unit: Unit): string | null => {
    const numbers = vocabulary.columns.filter((c) => c.type === 'number');
    const measured = numbers.filter((c) => c.unit?.dimension === unit.dimension);
    if (measured.length === 1) return measured[0].name;
    const named = numbers.filter((c) => c.words.some((w) => unit.names.includes(w)));
    return named.length === 1 ? named[0].name : null;
  };
  /** The number in the column's units; the question's unit converted when both are known. */
  const inColumnUnits = (column: string, value: number, unit: Unit | null): number => {
    const columnUnit = vocabulary.columns.find((c) => c.name === column)?.unit ?? null;
    if (!unit) return value;
    if (!columnUnit) {
      if (!assumedUnits.some((a) => a.column === column)) assumedUnits.push({ column, unit });
      return value;
    }
    return convert(value, unit, columnUnit) ?? value;
  };

  for (let i = 0; i < tokens.length; i++) {
    if (!isNumber(i)) continue;
    const value = tokens[i].value!;
    // "between 5 and 10", "from 5 to 10"
    const pair = (word(i - 1) === 'between' && word(i + 1) === 'and') || (word(i - 1) === 'from' && word(i + 1) === 'to');
    if (pair && isNumber(i + 2)) {
      const unitA = unitAt(i + 3) ?? unitAt(i + 1);
      const unitEnd = unitAt(i + 3) ? i + 4 : i + 3;
      const years = isYear(value) && isYear(tokens[i + 2].value!);
      const column = columnFor(unitEnd, i - 1, i) ?? (years ? onlyDate : null);
      if (!column) continue;
      if (typeOf(column) === 'datetime' && years) {
        conditions.push(yearsBetween(column, value, tokens[i + 2].value!));
        [i - 1, i, i + 1, i + 2].forEach((k) => used.add(k));
        i += 2;
        continue;
      }
      const [lo, hi] = [value, tokens[i + 2].value!].sort((a, b) => a - b);
      conditions.push({ column, kind: 'range', min: inColumnUnits(column, lo, unitA), max: inColumnUnits(column, hi, unitA), said: `${lo} – ${hi}${unitA ? ` ${unitA.symbol}` : ''}` });
      [i - 1, i, i + 1, i + 2, unitEnd - 1].forEach((k) => used.add(k));
      i += 2;
      continue;
    }
    const unit = unitAt(i + 1);
    let after = unit ? i + 2 : i + 1;
    let op: Op | null = null;
    let opStart = i;
    const prev = tokens[i - 1];
    if (prev?.kind === 'symbol') {
      op = prev.text as Op;
      opStart = i - 1;
    } else if (word(i - 1) === 'than') {
      const w = word(i - 2);
      const negated = word(i - 3) === 'no' || word(i - 3) === 'not';
      const less = LESS.has(w) || LESS_COMPARATIVES.has(w);
      op = negated ? (less ? '>=' : '<=') : less ? '<' : '>';
      opStart = negated ? i - 3 : i - 2;
    } else if (word(i - 2) === 'at' && (word(i - 1) === 'least' || word(i - 1) === 'most')) {
      op = word(i - 1) === 'least' ? '>=' : '<=';
      opStart = i - 2;
    } else if (word(i - 2) === 'up' && word(i - 1) === 'to') {
      op = '<=';
      opStart = i - 2;
    } else if (GREATER.has(word(i - 1)) || LESS.has(word(i - 1))) {
      op = GREATER.has(word(i - 1)) ? '>' : '<';
      opStart = i - 1;
    } else if (word(i - 1) === 'exactly' || (word(i - 2) === 'equal' && word(i - 1) === 'to')) {
      op = '=';
      opStart = word(i - 1) === 'exactly' ? i - 1 : i - 2;
    }
    // "8 or more", "5 kg and above"
    if ((word(after) === 'or' || word(after) === 'and') && ['more', 'above', 'over', 'higher', 'greater', 'less', 'fewer', 'below', 'under', 'lower'].includes(word(after + 1))) {
      op = GREATER.has(word(after + 1)) ? '>=' : '<=';
      used.add(after).add(after + 1);
      after += 2;
    }
    if (!op && isYear(value) && YEAR_WORDS.has(word(i - 1))) {
      op = YEAR_WORDS.get(word(i - 1))!;
      opStart = i - 1;
    }
    const named = op ? columnFor(after, opStart, i) : (numericColumn(mentions.columns.find((m) => m.start === after)) ?? numericColumn(mentions.columns.find((m) => m.end === i)));
    const column = named ?? (op && isYear(value) ? onlyDate : null) ?? (op && unit ? columnOfUnit(unit) : null);
    if (!column) continue;
    if (typeOf(column) === 'datetime' && isYear(value)) {
      conditions.push(yearCondition(column, op ?? '=', value, `${opStart < i ? tokens.slice(opStart, i).map((t) => t.raw).join(' ') : 'in'} ${value}`));
      for (let k = opStart; k <= i; k++) used.add(k);
      continue;
    }
    const v = inColumnUnits(column, value, unit);
    const said = `${op ?? '='} ${tokens[i].text}${unit ? ` ${unit.symbol}` : ''}`;
    const condition: Condition =
      op === '>' ? { column, kind: 'range', min: v, minExclusive: true, said }
      : op === '>=' ? { column, kind: 'range', min: v, said }
      : op === '<' ? { column, kind: 'range', max: v, maxExclusive: true, said }
      : op === '<=' ? { column, kind: 'range', max: v, said }
      : { column, kind: 'range', min: v, max: v, said };
    conditions.push(condition);
    for (let k = opStart; k < (unit ? i + 2 : i + 1); k++) used.add(k);
  }

  // Missing values: "missing sex", "sex is missing", "without a horsepower", "no sex".
  tokens.forEach((t, i) => {
    const isNo = t.plain === 'no';
    if (t.kind !== 'word' || (!MISSING_WORDS.has(t.plain) && !isNo)) return;
    const reach = isNo ? 2 : 3;
    const afterMention = mentions.columns.find((m) => m.start > i && m.start - i <= reach && m.columns.length === 1);
    const beforeMention = isNo ? undefined : mentions.columns.filter((m) => m.end <= i && i - m.end < reach && m.columns.length === 1).at(-1);
    const m = afterMention ?? beforeMention;
    if (!m || conditions.some((c) => c.column === m.columns[0])) return;
    // "days with no precipitation": a measured amount of zero, not a missing one.
    if (isNo && m === afterMention && typeOf(m.columns[0]) === 'number') conditions.push({ column: m.columns[0], kind: 'range', min: 0, max: 0, said: 'none' });
    else conditions.push({ column: m.columns[0], kind: 'missing' });
    used.add(i);
  });

  // Named values: one set per column ("Biscoe or Dream"); "not on Biscoe", "except Biscoe": the column's other values.
  const wanted = new Map<string, string[]>();
  const unwanted = new Map<string, string[]>();
  for (const v of mentions.values) {
    const negated = isNegated(tokens, v.start);
    const into = negated ? unwanted : wanted;
    into.set(v.column, [...(into.get(v.column) ?? []), v.value]);
    if (negated) for (let k = Math.max(0, v.start - 3); k < v.start; k++) if (NEGATIONS.has(tokens[k].plain) || tokens[k].plain === 'than') used.add(k);
  }
  for (const column of new Set([...wanted.keys(), ...unwanted.keys()])) {
    const out = new Set(unwanted.get(column) ?? []);
    const base = wanted.get(column) ?? vocabulary.values.filter((v) => v.column === column).map((v) => v.value);
    const values = [...new Set(base)].filter((v) => !out.has(v));
    conditions.push(out.size > 0 && !wanted.has(column) ? { column, kind: 'set', values, except: [...out] } : { column, kind: 'set', values });
  }
  return { conditions, used, assumedUnits };
}
