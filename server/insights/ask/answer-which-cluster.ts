import type { AskContext, ClusterNumbering } from './ask-context.ts';
import { clusterName } from './ask-context.ts';
import { formatValue, listing, withUnit } from './format.ts';
import { offline, type OfflineAnswer } from './offline-answer.ts';
import type { Statistic } from './parsed-question.ts';
import { columnData } from './row-conditions.ts';

/**
 * "Which cluster has the heaviest penguins?": every cluster's mean of the column over its points,
 * the highest (or, for "lightest", "lowest", the lowest) first.
 */
export function answerWhichCluster(column: string, statistic: Statistic | null, ctx: AskContext, numbering: ClusterNumbering): OfflineAnswer | null {
  const data = columnData(ctx.table, column);
  if (data.type !== 'number' && data.type !== 'datetime') return null;
  const sums = new Map<number, { sum: number; n: number }>();
  ctx.cluster.forEach((c, p) => {
    const v = data.values[ctx.rowIndex[p]];
    if (c < 0 || Number.isNaN(v)) return;
    const s = sums.get(c) ?? { sum: 0, n: 0 };
    s.sum += v;
    s.n++;
    sums.set(c, s);
  });
  if (sums.size === 0) return null;
  const lowest = statistic === 'min';
  const means = [...sums.entries()].map(([id, s]) => ({ id, mean: s.sum / s.n })).sort((a, b) => (lowest ? a.mean - b.mean : b.mean - a.mean));
  const unit = ctx.vocabulary.columns.find((c) => c.name === column)?.unit ?? null;
  const v = (x: number) => withUnit(x, unit, data.type);
  const [top, ...rest] = means;
  const text = `${clusterName(numbering, top.id).replace(/^c/, 'C')} has the ${lowest ? 'lowest' : 'highest'} average ${column}: ${v(top.mean)}${rest.length > 0 ? `, against ${listing(rest.map((m) => `${v(m.mean)} in ${clusterName(numbering, m.id)}`))}` : ''}.`;
  const citations = [{ kind: 'cluster' as const, cluster: numbering.shownOf(top.id) }, { kind: 'column' as const, column }];
  return offline(text, citations, [text, `${formatValue(sums.get(top.id)!.n)} points of ${clusterName(numbering, top.id)} have a value.`]);
}
