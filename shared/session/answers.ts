import type * as Y from 'yjs';
import type { AskAnswer, SharedAnswer } from '../insights/ask.ts';
import { newEntryId } from './entry-id.ts';
import { SessionDocError } from './errors.ts';
import { LIMITS } from './limits.ts';
import { answersArray, mapFrom, plain } from './roots.ts';
import { sharedAnswerSchema } from './schema.ts';

/** What a participant shares: the question, the answer they got, and who they are. */
export interface AnswerInput extends AskAnswer {
  question: string;
  author: string;
  id?: string;
  createdAt?: number;
}

/**
 * Valid shared answers in document order (the same order for everyone; the newest last); a
 * duplicated id is read once. At most `LIMITS.answers`, the newest: concurrent shares can pass
 * the writer's bound by a few, and the one just shared must not be the one hidden.
 */
export function readAnswers(doc: Y.Doc): SharedAnswer[] {
  const out: SharedAnswer[] = [];
  const seen = new Set<string>();
  for (const entry of answersArray(doc)) {
    const parsed = sharedAnswerSchema.safeParse(plain(entry));
    if (parsed.success && !seen.has(parsed.data.id)) {
      seen.add(parsed.data.id);
      out.push(parsed.data);
    }
  }
  return out.length > LIMITS.answers ? out.slice(out.length - LIMITS.answers) : out;
}

/** Posts an answer to the room (one transaction); returns its id. Throws on an invalid answer or a full room. */
export function shareAnswer(doc: Y.Doc, input: AnswerInput, origin: unknown = null): string {
  const parsed = sharedAnswerSchema.safeParse({
    id: input.id ?? newEntryId(),
    question: input.question.trim(),
    author: input.author,
    createdAt: input.createdAt ?? Date.now(),
    answer: input.answer,
    citations: input.citations,
    filters: input.filters,
    count: input.count,
    inCloud: input.inCloud,
    source: input.source,
    note: input.note,
  });
  if (!parsed.success) {
    throw new SessionDocError('invalid_answer', `invalid answer: ${parsed.error.issues.map((i) => `${i.path.join('.') || 'answer'}: ${i.message}`).join('; ')}`);
  }
  if (readAnswers(doc).length >= LIMITS.answers) {
    throw new SessionDocError('too_many_answers', `The room holds at most ${LIMITS.answers} shared answers: remove one first.`);
  }
  // Plain arrays and objects go in as JSON values: an answer is never edited field by field.
  doc.transact(() => answersArray(doc).push([mapFrom({ ...parsed.data })]), origin);
  return parsed.data.id;
}

/** Removes every entry with this id (there can be copies after concurrent edits). */
export function removeAnswer(doc: Y.Doc, id: string, origin: unknown = null): void {
  doc.transact(() => {
    const array = answersArray(doc);
    for (let i = array.length - 1; i >= 0; i--) {
      const entry = plain(array.get(i)) as { id?: unknown } | null;
      if (typeof entry === 'object' && entry !== null && entry.id === id) array.delete(i, 1);
    }
  }, origin);
}
