import type { ReactNode } from 'react';
import type { AskAnswer } from '../../shared/insights/ask.ts';
import { AnswerProposal } from './answer-proposal.tsx';
import { CitationChips } from './citation-chips.tsx';

const SOURCE_TITLE = {
  offline: 'Written by the built-in answer templates from what the search found in this analysis',
  model: 'Phrased by the configured language model from what the search found in this analysis only',
} as const;

/**
 * One answer: its text (growing while a model streams it), who phrased it, what it cites and
 * the filters it proposes. `answer` is null while the answer is still coming.
 */
export function AnswerCard(props: { question: string; answer: AskAnswer | null; streamed?: string; children?: ReactNode }) {
  const { answer } = props;
  const text = answer?.answer ?? props.streamed ?? '';
  return (
    <article className="answer-card" data-testid="answer" data-state={answer ? 'answered' : 'asking'} aria-busy={!answer}>
      <p className="answer-question">{props.question}</p>
      <p className="answer-text" aria-live="polite">
        {text}
        {!answer && <span className="muted">{text ? ' …' : 'Looking through the data…'}</span>}
      </p>
      {answer && (
        <>
          <p className="small muted answer-source">
            <span className={`tag source-${answer.source}`} data-testid="answer-source" title={SOURCE_TITLE[answer.source]}>
              {answer.source === 'model' ? 'language model' : 'offline'}
            </span>
            {answer.note && <span className="warn-text answer-note"> {answer.note}</span>}
          </p>
          <CitationChips citations={answer.citations} />
          {answer.filters && answer.filters.length > 0 && <AnswerProposal filters={answer.filters} count={answer.count} inCloud={answer.inCloud} />}
          {props.children}
        </>
      )}
    </article>
  );
}
