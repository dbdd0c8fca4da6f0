import type { AskContext, ClusterNumbering } from './ask-context.ts';
import { answerCompare, answerExplainCluster } from './answer-cluster.ts';
import { answerDescribe } from './answer-describe.ts';
import { answerRows } from './answer-rows.ts';
import { answerSearch } from './answer-search.ts';
import { answerAnomalies, answerUnusual } from './answer-unusual.ts';
import type { OfflineAnswer } from './offline-answer.ts';
import { parseQuestion } from './parse-question.ts';

/** A question answered from the analysis alone (templates over exact figures; no model). */
export function answerQuestion(question: string, ctx: AskContext, numbering: ClusterNumbering): OfflineAnswer {
  const parsed = parseQuestion(question, ctx.vocabulary);
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
