import type { AskAnswer, AskCitation } from '../../../shared/insights/ask.ts';
import { LIMITS } from '../../../shared/session/limits.ts';

/** An answer from the templates, with the retrieved text it was built from (a language model's only context). */
export interface OfflineAnswer {
  answer: AskAnswer;
  context: string[];
}

export function offline(text: string, citations: AskCitation[], context: string[], extra: Pick<AskAnswer, 'filters' | 'count' | 'inCloud'> = {}): OfflineAnswer {
  const answer = text.length <= LIMITS.answerTextLength ? text : `${text.slice(0, LIMITS.answerTextLength - 1)}…`;
  return { answer: { answer, citations: uniqueCitations(citations), ...extra, source: 'offline' }, context };
}

/** Citations once each, in first-cited order, as many as an answer shared to the room may hold. */
export function uniqueCitations(citations: readonly AskCitation[]): AskCitation[] {
  const seen = new Set<string>();
  return citations
    .filter((c) => {
      const key = c.kind === 'column' ? `c:${c.column}` : c.kind === 'cluster' ? `k:${c.cluster}` : `r:${c.rowIndex}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    })
    .slice(0, LIMITS.answerCitations);
}
