import type { AskCitation } from '../../../shared/insights/ask.ts';
import type { AskContext } from './ask-context.ts';
import { assumedUnitsText, conditionsText } from './conditions-text.ts';
import { formatValue, percent } from './format.ts';
import { offline, type OfflineAnswer } from './offline-answer.ts';
import type { ParsedQuestion } from './parsed-question.ts';
import { countOf, proposedFilters, rowsKept, shareable } from './row-conditions.ts';

const CITED_TEXT_ROWS = 10;

/**
 * "How many …" and "show …": the conditions as proposed filters, the dataset rows they keep
 * counted exactly, and how many of those the cloud shows (an analysis may leave rows out).
 */
export function answerRows(parsed: ParsedQuestion, ctx: AskContext): OfflineAnswer {
  const { table, rowIndex } = ctx;
  const total = table.rowCount;
  if (parsed.conditions.length === 0) {
    const text = `The dataset has ${formatValue(total)} rows; the cloud shows ${formatValue(rowIndex.length)} of them as points.`;
    return offline(text, [], [text], { count: total });
  }
  const filters = proposedFilters(parsed.conditions, table);
  const kept = rowsKept(filters, table);
  const count = countOf(kept);
  let shown = 0;
  for (const r of rowIndex) shown += kept[r];
  const what = conditionsText(parsed.conditions, ctx.vocabulary);
  const citations: AskCitation[] = parsed.conditions.map((c) => ({ kind: 'column' as const, column: c.column }));
  // Rows found by their text are few and named: cite the first of them.
  if (parsed.conditions.some((c) => c.kind === 'text')) {
    for (let r = 0; r < kept.length && citations.length < CITED_TEXT_ROWS + parsed.conditions.length; r++) if (kept[r]) citations.push({ kind: 'row', rowIndex: r });
  }
  const units = assumedUnitsText(parsed);
  if (count === 0) {
    const text = `No row of the ${formatValue(total)} has ${what}.${units}`;
    return offline(text, citations, [text], { count: 0 });
  }
  const why = ctx.summary.droppedRows > 0 ? ', as it drops rows with missing values' : '';
  const cloud = shown === count ? '' : shown === 0 ? ` None of them is in the cloud (the analysis left them out${why}).` : ` ${formatValue(shown)} of them are in the cloud (the analysis left the others out${why}).`;
  const lead = `${formatValue(count)} of ${formatValue(total)} rows (${percent(count, total)}) have ${what}.`;
  const action = parsed.intent === 'filter' ? ' Apply the filter to show only them.' : '';
  const text = `${lead}${cloud}${action}${units}`;
  const inCloud = shown < count ? { inCloud: shown } : {};
  if (!shareable(filters)) return offline(`${text.replace(action, '')} (Too many values to propose as a filter.)`, citations, [text], { count, ...inCloud });
  return offline(text, citations, [text], { filters, count, ...inCloud });
}
