import type { AskContext, ClusterNumbering } from './ask-context.ts';
import { answerCompare, answerExplainCluster } from './answer-cluster.ts';
import { answerDescribe } from './answer-describe.ts';
import { answerOverview } from './answer-overview.ts';
import { answerWhichCluster } from './answer-which-cluster.ts';
import { answerRows } from './answer-rows.ts';
import { answerSearch } from './answer-search.ts';
import { answerAnomalies, answerUnusual } from './answer-unusual.ts';
import type { OfflineAnswer } from './offline-answer.ts';
import { clustersNamed } from './cluster-names.ts';
import type { ParsedQuestion } from './parsed-question.ts';
import { parseQuestion } from './parse-question.ts';
import { textCondition } from './text-matches.ts';

/** A question answered from the analysis alone (templates over exact figures; no model). */
export function answerQuestion(question: string, ctx: AskContext, numbering: ClusterNumbering): OfflineAnswer {
  const parsed = parseQuestion(question, ctx.vocabulary);
  if (parsed.clusters.length === 0 && parsed.intent !== 'unusual' && parsed.intent !== 'anomalies') {
    // "the Gentoo cluster": a cluster named by its label, in the asker's numbers.
    const named = clustersNamed(question, ctx.summary.clusters).map((raw) => numbering.shownOf(raw) + 1);
    if (named.length === 1) return answerExplainCluster(named[0], ctx, numbering);
    if (named.length >= 2) return answerCompare(named, ctx, numbering);
  }
  // "Which cluster has the heaviest penguins?"
  if (parsed.clusters.length === 0 && parsed.columns.length > 0 && /\bwhich (cluster|group)s?\b/i.test(question)) {
    const which = answerWhichCluster(parsed.columns[0], parsed.statistic, ctx, numbering);
    if (which) return which;
  }
  const asked = withTextCondition(parsed, ctx);
  switch (asked.intent) {
    case 'count':
    case 'filter':
      return answerRows(asked, ctx);
    case 'describe':
      return answerDescribe(asked, ctx);
    case 'explain-cluster':
      return answerExplainCluster(asked.clusters[0], ctx, numbering);
    case 'compare':
      return answerCompare(asked.clusters, ctx, numbering);
    case 'unusual':
      return answerUnusual(asked.columns[0], ctx);
    case 'anomalies':
      return answerAnomalies(ctx);
    case 'overview':
      return answerOverview(ctx, numbering);
    case 'search':
      return answerSearch(question, asked, ctx, numbering);
  }
}

/** "Show ford cars", "how many toyotas": words nothing else read, found in a free-text column, filter its rows. */
function withTextCondition(parsed: ParsedQuestion, ctx: AskContext): ParsedQuestion {
  if (parsed.unknown.length === 0 || !['search', 'count', 'filter', 'describe'].includes(parsed.intent)) return parsed;
  const text = textCondition(parsed.unknown, ctx.table);
  if (!text) return parsed;
  const found = new Set(text.words);
  return {
    ...parsed,
    intent: parsed.intent === 'search' ? 'filter' : parsed.intent,
    conditions: [...parsed.conditions, text],
    columns: parsed.columns.includes(text.column) ? parsed.columns : [...parsed.columns, text.column],
    unknown: parsed.unknown.filter((w) => !found.has(w.toLowerCase())),
  };
}
