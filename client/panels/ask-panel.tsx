import { useMemo, useState } from 'react';
import type { AskAnswer } from '../../shared/insights/ask.ts';
import { LIMITS } from '../../shared/session/index.ts';
import { shareToRoom } from '../session/answer-actions.ts';
import { exampleQuestions } from '../session/example-questions.ts';
import { useSession } from '../session/session-model.ts';
import { useAsk } from '../session/use-ask.ts';
import { AnswerCard } from './answer-card.tsx';
import { Panel } from './panel.tsx';
import { SharedAnswersList } from './shared-answers-list.tsx';
import '../styles/ask.css';

/**
 * "Ask the data": a question in plain words, answered by the server from this analysis (its
 * columns, clusters, anomalies and rows), with what it cites and the filters it proposes; an
 * answer can be shared to the room. Asking is private until shared or applied.
 */
export function AskPanel() {
  const model = useSession();
  const { state, ask, show, clear } = useAsk(model);
  const [text, setText] = useState('');
  const [sharedId, setSharedId] = useState<string | null>(null);
  const [openId, setOpenId] = useState<string | null>(null);
  const examples = useMemo(() => exampleQuestions(model.dataset.columns, model.summary.clusters), [model]);

  const submit = (question: string) => {
    setText(question);
    setSharedId(null);
    setOpenId(null);
    ask(question);
  };
  const share = (question: string, answer: AskAnswer) => setSharedId(shareToRoom(model, question, answer));

  return (
    <Panel id="ask" title="Ask the data">
      <form
        className="ask-form"
        onSubmit={(e) => {
          e.preventDefault();
          submit(text);
        }}
      >
        <input
          type="search"
          enterKeyHint="send"
          aria-label="Question about the data"
          data-testid="ask-input"
          placeholder="Ask a question about the data…"
          maxLength={LIMITS.questionLength}
          value={text}
          onChange={(e) => setText(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Escape' && state.status !== 'idle') {
              e.preventDefault();
              clear();
            }
          }}
        />
        <button type="submit" className="small" disabled={!text.trim()} title="Ask (Enter); a new question replaces one still being answered">
          Ask
        </button>
      </form>
      {state.status === 'idle' && examples.length > 0 && (
        <div className="ask-examples">
          <p className="small muted">For example:</p>
          <ul>
            {examples.map((q) => (
              <li key={q}>
                <button type="button" className="link small" onClick={() => submit(q)}>
                  {q}
                </button>
              </li>
            ))}
          </ul>
        </div>
      )}
      {state.status === 'asking' && <AnswerCard question={state.question} answer={null} streamed={state.text} />}
      {state.status === 'failed' && (
        <p className="small error" role="alert" data-testid="ask-error">
          {state.message}
        </p>
      )}
      {state.status === 'answered' && (
        <AnswerCard key={`${state.question}\u0000${state.answer.answer}`} question={state.question} answer={state.answer}>
          <div className="answer-actions">
            {model.canEdit && openId === null && sharedId === null && (
              <button type="button" className="small" data-testid="share-answer" title="Post this question and answer to everyone's Shared answers" onClick={() => share(state.question, state.answer)}>
                Share to room
              </button>
            )}
            {sharedId !== null && (
              <span className="small ok-text" data-testid="answer-shared">
                ✓ shared to the room
              </span>
            )}
            <button type="button" className="link small" onClick={clear}>
              close
            </button>
          </div>
        </AnswerCard>
      )}
      <SharedAnswersList
        openId={openId}
        onOpen={(a) => {
          setOpenId(a.id);
          setText(a.question);
          show(a.question, a);
        }}
      />
    </Panel>
  );
}
