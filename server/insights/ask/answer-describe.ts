import type { AskCitation } from '../../../shared/insights/ask.ts';
import { isMissing, type ColumnData } from '../../../shared/table.ts';
import { rowName } from './ask-documents.ts';
import type { AskContext } from './ask-context.ts';
import { assumedUnitsText, conditionsText } from './conditions-text.ts';
import { formatValue, listing, percent, withUnit } from './format.ts';
import { offline, type OfflineAnswer } from './offline-answer.ts';
import type { ParsedQuestion, Statistic } from './parsed-question.ts';
import { columnData, countOf, proposedFilters, rowsKept, shareable } from './row-conditions.ts';

const STATISTIC_NAMES: Record<Statistic, string> = { mean: 'average', median: 'median', min: 'lowest', max: 'highest', range: 'range of', sum: 'total', sd: 'standard deviation of' };

/**
 * "What is the average bill length?", "range of price", "tell me about island": a statistic of
 * the named columns (or their profile), over the rows the question's conditions keep.
 */
export function answerDescribe(parsed: ParsedQuestion, ctx: AskContext): OfflineAnswer {
  const { table, vocabulary } = ctx;
  const conditionColumns = new Set(parsed.conditions.map((c) => c.column));
  // A column the conditions use is the subset, not the subject ("average mass of Gentoo" is about mass).
  const subjects = parsed.columns.filter((c) => !parsed.conditions.some((k) => k.column === c && k.kind !== 'range')).slice(0, 3);
  const columns = subjects.length > 0 ? subjects : parsed.columns.slice(0, 3);
  const filters = proposedFilters(parsed.conditions, table);
  const kept = parsed.conditions.length > 0 ? rowsKept(filters, table) : null;
  const scope = kept ? ` of the ${formatValue(countOf(kept))} rows with ${conditionsText(parsed.conditions, vocabulary)}` : '';
  const extremeRows: number[] = [];
  const sentences = columns.map((name) => {
    const term = vocabulary.columns.find((c) => c.name === name)!;
    const data = columnData(table, name);
    if (data.type === 'number' || data.type === 'datetime') {
      const values = presentValues(data, kept);
      const missing = (kept ? countOf(kept) : table.rowCount) - values.length;
      if (values.length === 0) return `${name} has no values${scope}.`;
      const v = (x: number) => withUnit(x, term.unit, data.type);
      const tail = ` (${formatValue(values.length)} rows with a value${missing > 0 ? `, ${formatValue(missing)} missing` : ''})`;
      const stat = parsed.statistic;
      if (stat === 'range') return `${name}${scope} ranges from ${v(values[0])} to ${v(values[values.length - 1])}${tail}.`;
      if (stat === 'min' || stat === 'max') {
        // The rows holding the extreme ("the lightest car" is a car).
        const extreme = statistic(values, stat);
        const holders: number[] = [];
        for (let r = 0; r < data.values.length; r++) if ((!kept || kept[r]) && data.values[r] === extreme) holders.push(r);
        extremeRows.push(...holders.slice(0, 5));
        const who = listing([...holders.slice(0, 3).map((r) => rowName(table, r)), ...(holders.length > 3 ? [`${formatValue(holders.length - 3)} more`] : [])]);
        return `The ${STATISTIC_NAMES[stat]} ${name}${scope} is ${v(extreme)}, in ${who}${tail}.`;
      }
      if (stat) return `The ${STATISTIC_NAMES[stat]} ${name}${scope} is ${stat === 'sd' ? formatValue(statistic(values, stat)) : v(statistic(values, stat))}${tail}.`;
      return `${name}${scope}: from ${v(values[0])} to ${v(values[values.length - 1])}, average ${v(statistic(values, 'mean'))}, median ${v(statistic(values, 'median'))}${tail}.`;
    }
    const counts = levelCounts(data, kept);
    const present = [...counts.values()].reduce((a, b) => a + b, 0);
    const top = [...counts.entries()].sort((a, b) => b[1] - a[1]).slice(0, 6);
    const missing = (kept ? countOf(kept) : table.rowCount) - present;
    if (top.length === 0) return `${name} has no values${scope}.`;
    return `${name}${scope}: ${formatValue(counts.size)} distinct values, most often ${listing(top.map(([value, n]) => `${value} (${formatValue(n)}, ${percent(n, present)})`))}${missing > 0 ? `; ${formatValue(missing)} missing` : ''}.`;
  });
  // What the quality report says of these columns, when there is one.
  const findings = ctx.index
    .documents('quality')
    .filter((d) => d.cites.some((c) => c.kind === 'column' && columns.includes(c.column)))
    .slice(0, 3);
  const quality = findings.length > 0 ? ` Data quality: ${findings.map((d) => d.text.replace(/\.$/, '')).join('; ')}.` : '';
  const text = `${sentences.join(' ')}${quality}${assumedUnitsText(parsed)}`;
  const citations: AskCitation[] = [...[...columns, ...conditionColumns].map((column) => ({ kind: 'column' as const, column })), ...extremeRows.map((rowIndex) => ({ kind: 'row' as const, rowIndex }))];
  const extra = kept ? { ...(shareable(filters) ? { filters } : {}), count: countOf(kept) } : {};
  return offline(text, citations, [text, ...columns.map((c) => ctx.index.get(`column:${c}`)?.text ?? '')].filter(Boolean), extra);
}

/** The present values of the kept rows, ascending. */
function presentValues(data: Extract<ColumnData, { values: Float64Array }>, kept: Uint8Array | null): Float64Array {
  const out: number[] = [];
  for (let r = 0; r < data.values.length; r++) if ((!kept || kept[r]) && !Number.isNaN(data.values[r])) out.push(data.values[r]);
  return Float64Array.from(out).sort();
}

function statistic(sorted: Float64Array, stat: Exclude<Statistic, 'range'>): number {
  const n = sorted.length;
  switch (stat) {
    case 'min':
      return sorted[0];
    case 'max':
      return sorted[n - 1];
    case 'median':
      return n % 2 ? sorted[n >> 1] : (sorted[(n >> 1) - 1] + sorted[n >> 1]) / 2;
    case 'sum':
      return sorted.reduce((a, b) => a + b, 0);
    case 'mean':
      return sorted.reduce((a, b) => a + b, 0) / n;
    case 'sd': {
      const mean = sorted.reduce((a, b) => a + b, 0) / n;
      return n < 2 ? 0 : Math.sqrt(sorted.reduce((a, b) => a + (b - mean) ** 2, 0) / (n - 1));
    }
  }
}

function levelCounts(data: ColumnData, kept: Uint8Array | null): Map<string, number> {
  const counts = new Map<string, number>();
  const n = data.type === 'category' || data.type === 'boolean' ? data.codes.length : data.type === 'text' ? data.values.length : 0;
  for (let r = 0; r < n; r++) {
    if ((kept && !kept[r]) || isMissing(data, r)) continue;
    const label = data.type === 'text' ? data.values[r]! : data.type === 'category' || data.type === 'boolean' ? data.dictionary[data.codes[r]] : '';
    counts.set(label, (counts.get(label) ?? 0) + 1);
  }
  return counts;
}
