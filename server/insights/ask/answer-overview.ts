import type { AskCitation } from '../../../shared/insights/ask.ts';
import { clusterName, type AskContext, type ClusterNumbering } from './ask-context.ts';
import { formatValue, listing, percent, plural } from './format.ts';
import { offline, type OfflineAnswer } from './offline-answer.ts';

/** "Describe the data": rows and columns, the points the cloud shows, its clusters and anomalies. */
export function answerOverview(ctx: AskContext, numbering: ClusterNumbering): OfflineAnswer {
  const { table, summary } = ctx;
  const types = new Map<string, number>();
  for (const c of table.columns) types.set(c.data.type, (types.get(c.data.type) ?? 0) + 1);
  const kinds = listing([...types.entries()].map(([type, n]) => `${n} ${type === 'category' ? (n === 1 ? 'category' : 'categories') : type}`));
  const clusters = [...summary.clusters].sort((a, b) => b.size - a.size);
  const shown = clusters.slice(0, 5).map((c) => `${clusterName(numbering, c.id)} (${c.label}, ${percent(c.size, summary.pointCount)})`);
  const text = [
    `${ctx.datasetName}: ${formatValue(table.rowCount)} rows and ${plural(table.columns.length, 'column')} (${kinds}).`,
    `The cloud shows ${plural(summary.pointCount, 'point')}${summary.droppedRows > 0 ? ` (${formatValue(summary.droppedRows)} rows left out for missing values)` : ''} in ${plural(summary.clustering.clusterCount, 'cluster')}${shown.length > 0 ? `: ${listing(shown)}${clusters.length > 5 ? ` and ${clusters.length - 5} more` : ''}` : ''}.`,
    `${plural(summary.anomalies.flagged, 'point')} ${summary.anomalies.flagged === 1 ? 'is' : 'are'} flagged as anomalies.`,
  ].join(' ');
  const citations: AskCitation[] = clusters.slice(0, 5).map((c) => ({ kind: 'cluster', cluster: numbering.shownOf(c.id) }));
  return offline(text, citations, [text, ...clusters.slice(0, 5).map((c) => ctx.index.get(`cluster:${c.id}`)?.text ?? '')].filter(Boolean));
}
