import type { Condition, ParsedQuestion } from './parsed-question.ts';
import { listing, withUnit } from './format.ts';
import type { Vocabulary } from './vocabulary.ts';

/** Conditions as the answer states them: "Body Mass (g) > 5,000 g (you said > 5 kg) and Island Biscoe". */
export function conditionsText(conditions: readonly Condition[], vocabulary: Vocabulary): string {
  return listing(conditions.map((c) => conditionText(c, vocabulary)));
}

function conditionText(c: Condition, vocabulary: Vocabulary): string {
  if (c.kind === 'missing') return `${c.column} missing`;
  if (c.kind === 'text') return `${c.column} containing ${listing(c.words.map((w) => `"${w}"`))}`;
  if (c.kind === 'set' && c.except) return `${c.column} other than ${listing(c.except)}`;
  if (c.kind === 'set') return `${c.column} ${c.values.length === 1 ? c.values[0] : `one of ${listing(c.values.length <= 6 ? c.values : [...c.values.slice(0, 5), `${c.values.length - 5} more`])}`}`;
  const term = vocabulary.columns.find((t) => t.name === c.column);
  const unit = term?.unit ?? null;
  const type = term?.type ?? 'number';
  const v = (x: number) => withUnit(x, unit, type);
  // Dates are asked in years ("in 2015", "after 2013"): say it so.
  if (type === 'datetime' && /\b\d{4}\b/.test(c.said)) return `${c.column} ${c.said}`;
  if (c.said === 'none') return `no ${c.column} (0)`;
  let bound: string;
  if (c.min !== undefined && c.max !== undefined) bound = c.min === c.max ? `= ${v(c.min)}` : `between ${v(c.min)} and ${v(c.max)}`;
  else if (c.min !== undefined) bound = `${c.minExclusive ? '>' : '≥'} ${v(c.min)}`;
  else bound = `${c.maxExclusive ? '<' : '≤'} ${v(c.max!)}`;
  // Say what was converted: "> 5 kg" became "> 5,000 g".
  const converted = unit && /[a-z]$/i.test(c.said) && !c.said.endsWith(` ${unit.symbol}`) ? ` (you said ${c.said})` : '';
  return `${c.column} ${bound}${converted}`;
}

/** "I took precipitation to be in mm (its name gives no unit)." or "". */
export function assumedUnitsText(parsed: ParsedQuestion): string {
  if (parsed.assumedUnits.length === 0) return '';
  return ` I took ${listing(parsed.assumedUnits.map((a) => `${a.column} to be in ${a.unit.symbol}`))}: ${parsed.assumedUnits.length === 1 ? 'its name gives' : 'their names give'} no unit.`;
}
