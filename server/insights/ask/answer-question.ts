import type { AskContext, ClusterNumbering } from './ask-context.ts';
import { answerCompare, answerExplainCluster } from './answer-cluster.ts';
import { answerDescribe } from './answer-describe.ts';
import { answerRows } from './answer-rows.ts';
import { answerSearch } from './answer-search.ts';
import { answerAnomalies, answerUnusual } from './answer-unusual.ts';
import type { OfflineAnswer } from './offline-answer.ts';
import { clustersNamed } from './cluster-names.ts';
import { parseQuestion } from './parse-question.ts';

/** A question answered from the analysis alone (templates over exact figures; no model). */
export function answerQuestion(question: string, ctx: AskContext, numbering: ClusterNumbering): OfflineAnswer {
  const parsed = parseQuestion(question, ctx.vocabulary);
  if (parsed.clusters.length === 0 && parsed.intent !== 'unusual' && parsed.intent !== 'anomalies') {
    // "the Gentoo cluster": a cluster named by its label, in the asker's numbers.
    const named = clustersNamed(question, ctx.summary.clusters).map((raw) => numbering.shownOf(raw) + 1);
    if (named.length === 1) return answerExplainCluster(named[0], ctx, numbering);
    if (named.length >= 2) return answerCompare(named, ctx, numbering);
  }
  switch (parsed.intent) {
    case 'count':
    case 'filter':
      return answerRows(parsed, ctx);
    case 'describe':
      return answerDescribe(parsed, ctx);
    case 'explain-cluster':
      return answerExplainCluster(parsed.clusters[0], ctx, numbering);
    case 'compare':
      return answerCompare(parsed.clusters, ctx, numbering);
    case 'unusual':
      return answerUnusual(parsed.columns[0], ctx);
    case 'anomalies':
      return answerAnomalies(ctx);
    case 'search':
      return answerSearch(question, parsed, ctx, numbering);
  }
}
