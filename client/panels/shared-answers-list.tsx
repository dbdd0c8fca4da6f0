import type { SharedAnswer } from '../../shared/insights/ask.ts';
import { applyAnswerFilters, removeSharedAnswer } from '../session/answer-actions.ts';
import { useSession } from '../session/session-model.ts';
import { usePresenting, useSharedAnswers } from '../session/use-shared-answers.ts';
import { AnswerProposal } from './answer-proposal.tsx';

const TIME = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });

/**
 * The answers shared to the room, newest first, for everyone. A click opens one in the panel;
 * the presenter's click also applies its filters for everyone, so they can walk the room
 * through the answers one by one.
 */
export function SharedAnswersList({ onOpen, openId }: { onOpen(answer: SharedAnswer): void; openId: string | null }) {
  const model = useSession();
  const answers = useSharedAnswers(model);
  const presenting = usePresenting(model) && model.canEdit;
  return (
    <section className="shared-answers" aria-label="Shared answers">
      <h3 className="small shared-answers-title">
        Shared answers <span className="badge">{answers.length}</span>
      </h3>
      {answers.length === 0 && (
        <p className="small muted">{model.canEdit ? 'None yet. “Share to room” posts an answer here for everyone.' : 'None yet. Answers the editors share appear here live.'}</p>
      )}
      {presenting && answers.some((a) => a.filters?.length) && <p className="small muted">You present: a click on an answer applies its filters for everyone.</p>}
      <ul className="shared-answer-list" data-testid="shared-answers">
        {answers.map((a) => (
          <li key={a.id} className={`shared-answer${openId === a.id ? ' open' : ''}`} data-answer={a.id}>
            <button
              type="button"
              className="shared-answer-open"
              aria-pressed={openId === a.id}
              title={presenting && a.filters?.length ? 'Open this answer and apply its filters for everyone' : 'Open this answer'}
              onClick={() => {
                onOpen(a);
                if (presenting && a.filters?.length) applyAnswerFilters(model, a.filters);
              }}
            >
              <span className="shared-question">{a.question}</span>
              <span className="shared-text small">{a.answer}</span>
              <span className="small muted">
                {a.author} · {TIME.format(a.createdAt)}
              </span>
            </button>
            {a.filters && a.filters.length > 0 && <AnswerProposal filters={a.filters} count={a.count} inCloud={a.inCloud} compact />}
            {model.canEdit && (
              <button type="button" className="icon small shared-remove" aria-label={`Remove the shared answer to “${a.question}”`} title="Remove from the room" onClick={() => removeSharedAnswer(model, a.id)}>
                ×
              </button>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
