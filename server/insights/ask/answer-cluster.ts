import { compareGroups } from '../../analysis/explain/compare-groups.ts';
import { rowNoun } from '../../analysis/explain/dataset-noun.ts';
import { explainedColumns } from '../../analysis/explain/explained-columns.ts';
import type { AskCitation } from '../../../shared/insights/ask.ts';
import { clusterName, type AskContext, type ClusterNumbering } from './ask-context.ts';
import { clusterParagraph } from './ask-documents.ts';
import { formatValue, listing, percent } from './format.ts';
import { offline, type OfflineAnswer } from './offline-answer.ts';
import { traitsSentence } from './traits-sentence.ts';

/** The clusters the asker can name, for "there is no cluster 7". */
function knownClusters(ctx: AskContext, numbering: ClusterNumbering): string {
  const shown = ctx.summary.clusters.map((c) => numbering.shownOf(c.id) + 1).sort((a, b) => a - b);
  return shown.length === 0 ? 'This analysis found no clusters.' : `This analysis has ${shown.length === 1 ? 'cluster' : 'clusters'} ${listing(shown.map(String))}.`;
}

/** Raw ids of the clusters asked for, or the sentence saying which do not exist. */
function resolve(asked: number[], ctx: AskContext, numbering: ClusterNumbering): number[] | string {
  const raw = asked.map((n) => numbering.rawOf(n));
  const missing = asked.filter((_, i) => raw[i] === null || !ctx.summary.clusters.some((c) => c.id === raw[i]));
  if (missing.length > 0) return `There is no cluster ${listing(missing.map(String))}. ${knownClusters(ctx, numbering)}`;
  return raw as number[];
}

/** "What makes cluster 3 different?": its size, share and traits (or the paragraph explaining it). */
export function answerExplainCluster(asked: number, ctx: AskContext, numbering: ClusterNumbering): OfflineAnswer {
  const ids = resolve([asked], ctx, numbering);
  if (typeof ids === 'string') return offline(ids, [], [ids]);
  const cluster = ctx.summary.clusters.find((c) => c.id === ids[0])!;
  const name = clusterName(numbering, cluster.id);
  const what = clusterParagraph(cluster) ?? traitsSentence(cluster.traits, ctx.vocabulary);
  const text = `${capital(name)} (${cluster.label}): ${formatValue(cluster.size)} points, ${percent(cluster.size, ctx.summary.pointCount)} of the cloud. ${what}`;
  const citations: AskCitation[] = [{ kind: 'cluster', cluster: numbering.shownOf(cluster.id) }, ...cluster.traits.map((t) => ({ kind: 'column' as const, column: t.column }))];
  return offline(text, citations, [text]);
}

/**
 * "Difference between cluster 1 and 2": the same comparison as the cluster panel's "compare"
 * (compareGroups: one trait maths for every explanation), in the asker's cluster numbers.
 */
export function answerCompare(asked: number[], ctx: AskContext, numbering: ClusterNumbering): OfflineAnswer {
  const ids = resolve(asked.slice(0, 2), ctx, numbering);
  if (typeof ids === 'string') return offline(ids, [], [ids]);
  const [a, b] = ids;
  const [nameA, nameB] = [clusterName(numbering, a), clusterName(numbering, b)];
  const compared = compareGroups(
    {
      columns: explainedColumns(ctx.table, ctx.summary.features),
      rowIndex: ctx.rowIndex,
      labels: ctx.cluster,
      clusterLabels: ctx.summary.clusters.map((c) => c.label),
      noun: rowNoun(ctx.datasetName),
    },
    { a: { cluster: a }, b: { cluster: b }, labels: { a: nameA, b: nameB } },
  );
  const text = capital(compared.paragraph);
  const citations: AskCitation[] = [{ kind: 'cluster', cluster: numbering.shownOf(a) }, { kind: 'cluster', cluster: numbering.shownOf(b) }, ...compared.traits.map((t) => ({ kind: 'column' as const, column: t.column }))];
  return offline(text, citations, [text]);
}

const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
