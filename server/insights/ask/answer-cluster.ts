import { groupStats } from '../../analysis/explain/column-stats.ts';
import type { AskCitation } from '../../../shared/insights/ask.ts';
import { clusterName, type AskContext, type ClusterNumbering } from './ask-context.ts';
import { clusterParagraph } from './ask-documents.ts';
import { formatValue, listing, percent, withUnit } from './format.ts';
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

/** "Difference between cluster 1 and 2": the columns that tell the two apart most, from the same per-group statistics the explanations use. */
export function answerCompare(asked: number[], ctx: AskContext, numbering: ClusterNumbering): OfflineAnswer {
  const ids = resolve(asked.slice(0, 2), ctx, numbering);
  if (typeof ids === 'string') return offline(ids, [], [ids]);
  const [a, b] = ids;
  const groupOf = new Int32Array(ctx.cluster.length).fill(-1);
  const size = [0, 0];
  ctx.cluster.forEach((c, p) => {
    if (c === a || c === b) {
      groupOf[p] = c === a ? 0 : 1;
      size[groupOf[p]]++;
    }
  });
  const differences: { column: string; strength: number; text: string }[] = [];
  for (const column of ctx.table.columns) {
    const stats = groupStats(column, ctx.rowIndex, groupOf, 2);
    if (!stats) continue;
    if (stats.kind === 'numeric') {
      const [na, nb] = [stats.count[1], stats.count[2]];
      if (na < 2 || nb < 2) continue;
      const [ma, mb] = [stats.sum[1] / na, stats.sum[2] / nb];
      const va = Math.max(0, stats.sumSq[1] / na - ma * ma);
      const vb = Math.max(0, stats.sumSq[2] / nb - mb * mb);
      const pooled = Math.sqrt((va * na + vb * nb) / (na + nb));
      if (pooled === 0) continue;
      const d = (ma - mb) / pooled;
      const term = ctx.vocabulary.columns.find((t) => t.name === column.name);
      const v = (x: number) => withUnit(x, term?.unit ?? null, column.data.type);
      differences.push({ column: column.name, strength: Math.abs(d), text: `${column.name} ${v(ma)} vs ${v(mb)} (d = ${formatValue(d)})` });
    } else {
      const { levels, counts } = stats;
      const total = (g: number) => Array.from({ length: levels }, (_, l) => counts[g * levels + l]).reduce((s, x) => s + x, 0);
      const [ta, tb] = [total(1), total(2)];
      if (ta === 0 || tb === 0) continue;
      let best = { level: -1, gap: 0 };
      for (let l = 0; l < levels; l++) {
        const gap = counts[levels + l] / ta - counts[2 * levels + l] / tb;
        if (Math.abs(gap) > Math.abs(best.gap)) best = { level: l, gap };
      }
      // A share gap of 0.5 reads as strongly as two standard deviations (as in the explanations).
      if (best.level >= 0 && Math.abs(best.gap) >= 0.2) {
        const l = best.level;
        differences.push({ column: column.name, strength: 4 * Math.abs(best.gap), text: `${stats.dictionary[l]} in ${column.name} ${percent(counts[levels + l], ta)} vs ${percent(counts[2 * levels + l], tb)}` });
      }
    }
  }
  differences.sort((x, y) => y.strength - x.strength);
  const top = differences.filter((d) => d.strength >= 0.5).slice(0, 5);
  const [nameA, nameB] = [clusterName(numbering, a), clusterName(numbering, b)];
  const head = `${capital(nameA)} (${formatValue(size[0])} points) vs ${nameB} (${formatValue(size[1])} points)`;
  const text = top.length > 0 ? `${head}: ${top.map((d) => d.text).join('; ')}.` : `${head}: no column differs between them by half a standard deviation or more.`;
  const citations: AskCitation[] = [{ kind: 'cluster', cluster: numbering.shownOf(a) }, { kind: 'cluster', cluster: numbering.shownOf(b) }, ...top.map((d) => ({ kind: 'column' as const, column: d.column }))];
  return offline(text, citations, [text]);
}

const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
