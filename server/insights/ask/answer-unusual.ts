import type { AskCitation, ProposedFilter } from '../../../shared/insights/ask.ts';
import { cellValue } from '../../../shared/table.ts';
import type { AskContext } from './ask-context.ts';
import { rowName } from './ask-documents.ts';
import { formatValue, listing, percent, plural, withUnit } from './format.ts';
import { offline, type OfflineAnswer } from './offline-answer.ts';
import { columnData, countOf, rowsKept } from './row-conditions.ts';
import { robustZ, UNUSUAL_Z } from './robust-z.ts';

const CITED_ROWS = 10;
/** A category held by fewer rows than this share is rare (as in the anomaly reasons). */
const RARE_SHARE = 0.05;

/**
 * "Which rows are unusual in price?": for a number, the rows with the largest robust z in that
 * column (cited, most extreme first) and how many lie beyond |z| 3.5; for a category, the rows
 * holding its rare values. A filter is proposed when the unusual rows lie on one side.
 */
export function answerUnusual(column: string, ctx: AskContext): OfflineAnswer {
  const { table, vocabulary } = ctx;
  const data = columnData(table, column);
  const term = vocabulary.columns.find((c) => c.name === column);
  if (data.type === 'number' || data.type === 'datetime') {
    const { z, median, scale } = robustZ(data.values);
    const v = (x: number) => withUnit(x, term?.unit ?? null, data.type);
    const byExtremity = (a: number, b: number) => Math.abs(z[b]) - Math.abs(z[a]) || a - b;
    const beyond: number[] = [];
    for (let r = 0; r < z.length; r++) if (Math.abs(z[r]) > UNUSUAL_Z) beyond.push(r);
    beyond.sort(byExtremity);
    const cited = (beyond.length > 0 ? beyond : mostExtreme(z, CITED_ROWS)).slice(0, CITED_ROWS);
    const rows = cited.map((r) => `${rowName(table, r)}: ${v(data.values[r])} (z ${formatValue(z[r])})`);
    const spread = data.type === 'datetime' ? `${formatValue(scale / 86_400_000)} days` : v(scale);
    const basis = `median ${v(median)}, robust spread ${spread}`;
    const citations: AskCitation[] = [{ kind: 'column', column }, ...cited.map((r) => ({ kind: 'row' as const, rowIndex: r }))];
    if (beyond.length === 0) {
      const text = `No row is far out in ${column}: none lies beyond ${UNUSUAL_Z} robust standard deviations (${basis}). The most extreme: ${listing(rows.slice(0, 5))}.`;
      return offline(text, citations.slice(0, 6), [text], { count: 0 });
    }
    const above = beyond.filter((r) => z[r] > 0);
    const oneSide = above.length === beyond.length || above.length === 0;
    const values = beyond.map((r) => data.values[r]);
    const filters: ProposedFilter[] | undefined = oneSide ? [above.length > 0 ? { column, kind: 'range', min: Math.min(...values) } : { column, kind: 'range', max: Math.max(...values) }] : undefined;
    const text = `${plural(beyond.length, 'row')} ${beyond.length === 1 ? 'is' : 'are'} unusual in ${column}, beyond ${UNUSUAL_Z} robust standard deviations (${basis}): ${listing(rows)}${beyond.length > cited.length ? `, and ${formatValue(beyond.length - cited.length)} more` : ''}.`;
    return offline(text, citations, [text], { count: beyond.length, ...(filters ? { filters } : {}) });
  }
  if (data.type === 'category' || data.type === 'boolean' || data.type === 'text') {
    const counts = new Map<string, number>();
    let present = 0;
    for (let r = 0; r < table.rowCount; r++) {
      const value = cellValue(data, r);
      if (value === null) continue;
      present++;
      counts.set(String(value), (counts.get(String(value)) ?? 0) + 1);
    }
    const rare = [...counts.entries()].filter(([, n]) => n / present < RARE_SHARE).sort((a, b) => a[1] - b[1]);
    if (rare.length === 0 || rare.length === counts.size) {
      const text = `No value of ${column} is rare: every one is held by at least ${percent(RARE_SHARE, 1)} of rows${rare.length === counts.size ? ', or all are' : ''}.`;
      return offline(text, [{ kind: 'column', column }], [text], { count: 0 });
    }
    const filters: ProposedFilter[] = [{ column, kind: 'set', values: rare.map(([value]) => value) }];
    const kept = rowsKept(filters, table);
    const rows: number[] = [];
    for (let r = 0; r < kept.length && rows.length < CITED_ROWS; r++) if (kept[r]) rows.push(r);
    const text = `${plural(countOf(kept), 'row')} hold rare values of ${column} (under ${percent(RARE_SHARE, 1)} of rows each): ${listing(rare.slice(0, 8).map(([value, n]) => `${value} (${formatValue(n)})`))}.`;
    return offline(text, [{ kind: 'column', column }, ...rows.map((r) => ({ kind: 'row' as const, rowIndex: r }))], [text], { filters, count: countOf(kept) });
  }
  const text = `${column} holds no numbers or categories to find unusual values in.`;
  return offline(text, [{ kind: 'column', column }], [text]);
}

/** The `k` rows of largest |z| (not 0, not missing), most extreme first, in one pass. */
function mostExtreme(z: Float64Array, k: number): number[] {
  const top: number[] = [];
  for (let r = 0; r < z.length; r++) {
    const size = Math.abs(z[r]);
    if (!(size > 0)) continue;
    if (top.length === k && size <= Math.abs(z[top[k - 1]])) continue;
    let at = top.length;
    while (at > 0 && Math.abs(z[top[at - 1]]) < size) at--;
    top.splice(at, 0, r);
    if (top.length > k) top.pop();
  }
  return top;
}

/** "Any anomalies?": the analysis's own top anomalies, with their reasons. */
export function answerAnomalies(ctx: AskContext): OfflineAnswer {
  const { anomalies } = ctx.summary;
  const top = anomalies.top.slice(0, 5);
  const docs = top.map((a) => ctx.index.get(`anomaly:${a.rowIndex}`)).filter((d) => d !== undefined);
  const text =
    top.length === 0
      ? 'The analysis flagged no anomalies.'
      : `The analysis (${anomalies.method}) flags ${plural(anomalies.flagged, 'point')} as anomalies (the top ${percent(anomalies.contamination, 1)}). The most unusual: ${docs.map((d) => `${d.title.replace(/^unusual /, '')}: ${d.text.replace(/\.$/, '')}`).join('; ')}.`;
  const citations: AskCitation[] = anomalies.top.slice(0, CITED_ROWS).map((a) => ({ kind: 'row', rowIndex: a.rowIndex }));
  return offline(text, citations, [text], { count: anomalies.flagged });
}
