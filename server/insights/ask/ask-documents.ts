import type { AnalysisSummary, ClusterDescription } from '../../../shared/analysis-result.ts';
import type { QualityReport } from '../../../shared/insights/quality.ts';
import type { ColumnProfile } from '../../../shared/profile.ts';
import { cellValue, type Table } from '../../../shared/table.ts';
import { formatValue, percent, withUnit } from './format.ts';
import type { AskDocument } from './retrieval-index.ts';
import { traitsSentence } from './traits-sentence.ts';
import type { Vocabulary } from './vocabulary.ts';

/** Rows whose text is indexed at most; beyond, every k-th row (the answer says so). */
export const MAX_ROW_DOCUMENTS = 20_000;
/** Characters of one cell kept in a row's document. */
const MAX_CELL_CHARS = 200;

export interface DocumentSources {
  table: Table;
  profiles: readonly ColumnProfile[];
  summary: AnalysisSummary;
  vocabulary: Vocabulary;
  quality: QualityReport | null;
}

/** The documents of an analysis: column profiles, clusters, anomaly reasons, quality findings and the rows' text. */
export function askDocuments(sources: DocumentSources): AskDocument[] {
  return [...columnDocuments(sources), ...clusterDocuments(sources), ...anomalyDocuments(sources), ...qualityDocuments(sources), ...rowDocuments(sources.table)];
}

/** Which rows get a document: all of a small table, every k-th of a big one. */
export function indexedRows(rowCount: number): { stride: number; count: number } {
  const stride = Math.max(1, Math.ceil(rowCount / MAX_ROW_DOCUMENTS));
  return { stride, count: Math.ceil(rowCount / stride) };
}

function columnDocuments({ profiles, vocabulary }: DocumentSources): AskDocument[] {
  return profiles.map((p) => {
    const unit = vocabulary.columns.find((c) => c.name === p.name)?.unit ?? null;
    const missing = `${formatValue(p.missing)} missing of ${formatValue(p.count)}`;
    let text: string;
    if (p.type === 'number' || p.type === 'datetime') {
      text = p.min === null || p.max === null ? `no values, ${missing}` : `${p.type}, from ${withUnit(p.min, unit, p.type)} to ${withUnit(p.max, unit, p.type)}, mean ${withUnit(p.mean ?? NaN, unit, p.type)}, median ${withUnit(p.quantiles?.p50 ?? NaN, unit, p.type)}; ${missing}`;
    } else if (p.type === 'category' || p.type === 'boolean' || p.type === 'text') {
      const top = p.top.slice(0, 8).map((t) => `${t.value} ${formatValue(t.count)} (${percent(t.count, p.count)})`).join(', ');
      text = `${p.type}, ${formatValue(p.distinct)} distinct values${top ? `: ${top}` : ''}; ${missing}`;
    } else text = missing;
    return { id: `column:${p.name}`, kind: 'column', title: p.name, text: `${p.name}: ${text}.`, cites: [{ kind: 'column', column: p.name }] };
  });
}

function clusterDocuments({ summary, vocabulary }: DocumentSources): AskDocument[] {
  const points = summary.pointCount;
  return summary.clusters.map((c: ClusterDescription) => ({
    id: `cluster:${c.id}`,
    kind: 'cluster',
    title: c.label,
    text: `${formatValue(c.size)} points (${percent(c.size, points)}). ${clusterParagraph(c) ?? traitsSentence(c.traits, vocabulary)}`,
    cites: [{ kind: 'cluster', cluster: c.id }, ...c.traits.map((t) => ({ kind: 'column' as const, column: t.column }))],
  }));
}

/** The plain-language paragraph the explanations carry once issue 12's explain work is merged. */
export function clusterParagraph(c: ClusterDescription): string | null {
  const paragraph = (c as ClusterDescription & { paragraph?: unknown }).paragraph;
  return typeof paragraph === 'string' && paragraph.trim() !== '' ? paragraph : null;
}

function anomalyDocuments({ summary, table }: DocumentSources): AskDocument[] {
  return summary.anomalies.top.map((a) => {
    const reasons = a.reasons.map((r) => (r.z !== undefined ? `${r.column} ${typeof r.value === 'number' ? formatValue(r.value) : r.value} (z ${r.z.toFixed(1)})` : `${r.column} ${r.value} (only ${percent(r.share ?? 0, 1)} of rows)`));
    return {
      id: `anomaly:${a.rowIndex}`,
      kind: 'anomaly',
      title: `unusual ${rowName(table, a.rowIndex)}`,
      text: `Anomaly score ${a.score.toFixed(2)}${reasons.length ? `: ${reasons.join('; ')}` : ''}.`,
      cites: [{ kind: 'row', rowIndex: a.rowIndex }, ...a.reasons.map((r) => ({ kind: 'column' as const, column: r.column }))],
    };
  });
}

function qualityDocuments({ quality }: DocumentSources): AskDocument[] {
  if (!quality) return [];
  return quality.findings.map((f, i) => ({
    id: `quality:${i}`,
    kind: 'quality',
    title: `data quality: ${f.kind}${f.column ? ` in ${f.column}` : ''}`,
    text: f.message,
    cites: [...(f.column ? [{ kind: 'column' as const, column: f.column }] : []), ...f.examples.map((e) => ({ kind: 'row' as const, rowIndex: e.rowIndex }))],
  }));
}

function rowDocuments(table: Table): AskDocument[] {
  const textual = table.columns.filter((c) => c.data.type === 'text' || c.data.type === 'category');
  if (textual.length === 0) return [];
  const { stride } = indexedRows(table.rowCount);
  const out: AskDocument[] = [];
  for (let r = 0; r < table.rowCount; r += stride) {
    const cells = textual.flatMap((c) => {
      const v = cellValue(c.data, r);
      return v === null ? [] : [`${c.name}: ${String(v).slice(0, MAX_CELL_CHARS)}`];
    });
    if (cells.length > 0) out.push({ id: `row:${r}`, kind: 'row', title: rowName(table, r), text: cells.join('; '), cites: [{ kind: 'row', rowIndex: r }] });
  }
  return out;
}

/** "row 13 (ford torino)": the row as the interface numbers it, with its first text cell when there is one. */
export function rowName(table: Table, row: number): string {
  const named = table.columns.find((c) => c.data.type === 'text' || c.identifier);
  const label = named ? cellValue(named.data, row) : null;
  return `row ${row + 1}${label !== null && label !== undefined ? ` (${String(label).slice(0, 60)})` : ''}`;
}
