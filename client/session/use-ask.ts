import { useCallback, useEffect, useRef, useState } from 'react';
import type { AskAnswer } from '../../shared/insights/ask.ts';
import { LIMITS } from '../../shared/session/index.ts';
import { askQuestion } from '../api/ask.ts';
import { askClusterIds } from './answer-actions.ts';
import type { SessionModel } from './session-model.ts';

export type AskState =
  | { status: 'idle' }
  /** `text`: the answer so far while a language model streams it ('' until the first words). */
  | { status: 'asking'; question: string; text: string }
  | { status: 'answered'; question: string; answer: AskAnswer }
  | { status: 'failed'; question: string; message: string };

/**
 * This participant's question and its answer (local: asking changes nothing shared). A new
 * question cancels the one still running; so does leaving the page or another analysis.
 */
export function useAsk(model: SessionModel): { state: AskState; ask(question: string): void; show(question: string, answer: AskAnswer): void; clear(): void } {
  const [state, setState] = useState<AskState>({ status: 'idle' });
  const running = useRef<AbortController | null>(null);
  const cancel = () => {
    running.current?.abort();
    running.current = null;
  };
  useEffect(() => {
    setState({ status: 'idle' });
    return cancel;
  }, [model.analysis.id]);

  const ask = useCallback(
    (raw: string) => {
      const question = raw.trim();
      if (!question) return;
      cancel();
      if (question.length > LIMITS.questionLength) {
        setState({ status: 'failed', question, message: `A question is at most ${LIMITS.questionLength} characters.` });
        return;
      }
      const controller = new AbortController();
      running.current = controller;
      setState({ status: 'asking', question, text: '' });
      const onDelta = (text: string) => {
        if (!controller.signal.aborted) setState((s) => (s.status === 'asking' ? { ...s, text: s.text + text } : s));
      };
      askQuestion(model.analysis.id, { question, clusterIds: askClusterIds(model.conn.doc, model.analysis.id) }, onDelta, controller.signal).then(
        (answer) => {
          if (!controller.signal.aborted) setState({ status: 'answered', question, answer });
        },
        (error: unknown) => {
          if (controller.signal.aborted) return;
          setState({ status: 'failed', question, message: error instanceof Error ? error.message : String(error) });
        },
      );
    },
    [model],
  );
  const show = useCallback((question: string, answer: AskAnswer) => {
    cancel();
    setState({ status: 'answered', question, answer });
  }, []);
  const clear = useCallback(() => {
    cancel();
    setState({ status: 'idle' });
  }, []);
  return { state, ask, show, clear };
}
