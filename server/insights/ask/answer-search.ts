import type { AskCitation } from '../../../shared/insights/ask.ts';
import { clusterName, type AskContext, type ClusterNumbering } from './ask-context.ts';
import { indexedRows } from './ask-documents.ts';
import { listing } from './format.ts';
import { offline, type OfflineAnswer } from './offline-answer.ts';
import type { ParsedQuestion } from './parsed-question.ts';
import type { AskDocument } from './retrieval-index.ts';
import { STOP_WORDS, tokenize } from './tokenize.ts';

/** Documents shown in a retrieval answer. */
const SHOWN = 5;

/**
 * The fallback: the question's words searched in the analysis's documents (BM25+), answered
 * with the best ones and their citations; or a clear "I could not find …" naming what was
 * understood and what was not.
 */
export function answerSearch(question: string, parsed: ParsedQuestion, ctx: AskContext, numbering: ClusterNumbering): OfflineAnswer {
  // The words nothing else read; else the question's content words (never its small words, which match every row).
  const words = parsed.unknown.length > 0 ? parsed.unknown.join(' ') : contentWords(question);
  const hits = ctx.index.query(words, SHOWN);
  const understood = understoodText(parsed);
  if (parsed.ambiguous.length > 0 && hits.length === 0) {
    const a = parsed.ambiguous[0];
    const text = `"${a.said}" could mean ${listing(a.columns)}: which one?`;
    return offline(text, a.columns.map((column) => ({ kind: 'column' as const, column })), [text]);
  }
  if (hits.length === 0) {
    const unknown = parsed.unknown.length > 0 ? `"${parsed.unknown.join(' ')}"` : 'what the question asks';
    const columns = ctx.table.columns.map((c) => c.name);
    const text = `I could not find ${unknown} in ${ctx.datasetName}: no column, value, cluster or row matches it.${understood} The columns are ${listing(columns.slice(0, 20))}${columns.length > 20 ? ` and ${columns.length - 20} more` : ''}.`;
    return offline(text, [], [text]);
  }
  const { count: indexed } = indexedRows(ctx.table.rowCount);
  const sampled = indexed < ctx.table.rowCount && hits.some((h) => h.document.kind === 'row') ? ` (the text of ${indexed.toLocaleString('en-US')} of the ${ctx.table.rowCount.toLocaleString('en-US')} rows is searched: every ${Math.ceil(ctx.table.rowCount / indexed)}th)` : '';
  const lines = hits.map((h) => `${title(h.document, numbering)}: ${clip(h.document.text)}`);
  const lead = parsed.unknown.length > 0 ? `Closest matches for "${parsed.unknown.join(' ')}"${sampled}:` : `Closest matches${sampled}:`;
  const text = `${lead} ${lines.join(' · ')}${understood}`;
  const citations: AskCitation[] = hits.flatMap((h) => h.document.cites.map((c) => (c.kind === 'cluster' ? { kind: 'cluster' as const, cluster: numbering.shownOf(c.cluster) } : c)));
  return offline(text, citations, lines);
}

function title(d: AskDocument, numbering: ClusterNumbering): string {
  if (d.kind !== 'cluster') return d.title;
  const raw = d.cites.find((c) => c.kind === 'cluster');
  return raw && raw.kind === 'cluster' ? `${clusterName(numbering, raw.cluster)} (${d.title})` : d.title;
}

/** " I understood: columns Island; values Biscoe." or "". */
function understoodText(parsed: ParsedQuestion): string {
  const parts: string[] = [];
  if (parsed.columns.length > 0) parts.push(`${parsed.columns.length === 1 ? 'column' : 'columns'} ${listing(parsed.columns)}`);
  const values = parsed.conditions.flatMap((c) => (c.kind === 'set' ? c.values : []));
  if (values.length > 0) parts.push(`${values.length === 1 ? 'value' : 'values'} ${listing(values)}`);
  if (parsed.clusters.length > 0) parts.push(listing(parsed.clusters.map((n) => `cluster ${n}`)));
  return parts.length > 0 ? ` I understood ${parts.join('; ')}.` : '';
}

function contentWords(question: string): string {
  return tokenize(question)
    .filter((t) => t.kind !== 'symbol' && !STOP_WORDS.has(t.text))
    .map((t) => t.plain)
    .join(' ');
}

/** A document's text in an answer: its first 240 characters. */
function clip(text: string): string {
  return text.length <= 240 ? text : `${text.slice(0, 239)}…`;
}
