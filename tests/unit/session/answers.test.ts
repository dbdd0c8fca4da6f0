import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { AskAnswer } from '../../../shared/insights/ask.ts';
import {
  initSessionDoc,
  LIMITS,
  onSessionChange,
  readAnswers,
  removeAnswer,
  SessionDocError,
  shareAnswer,
  type SessionPart,
} from '../../../shared/session/index.ts';

function newSession(): Y.Doc {
  const doc = new Y.Doc();
  initSessionDoc(doc, { datasetId: 'penguins01', analysisId: 'analysis01', title: 'Penguins', createdAt: 1000 });
  return doc;
}

/** Two replicas that exchange every update, like clients behind a server. */
function linkedPair(): [Y.Doc, Y.Doc] {
  const a = newSession();
  const b = new Y.Doc();
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
  a.on('update', (u: Uint8Array, origin: unknown) => origin !== 'remote' && Y.applyUpdate(b, u, 'remote'));
  b.on('update', (u: Uint8Array, origin: unknown) => origin !== 'remote' && Y.applyUpdate(a, u, 'remote'));
  return [a, b];
}

const ANSWER: AskAnswer = {
  answer: '44 penguins weigh more than 5,000 g and live on Biscoe.',
  citations: [
    { kind: 'column', column: 'body_mass_g' },
    { kind: 'column', column: 'island' },
    { kind: 'cluster', cluster: 2 },
    { kind: 'row', rowIndex: 17 },
  ],
  filters: [
    { column: 'body_mass_g', kind: 'range', min: 5000 },
    { column: 'island', kind: 'set', values: ['Biscoe'] },
  ],
  count: 44,
  inCloud: 43,
  source: 'offline',
};

describe('shared answers (session document `answers`)', () => {
  it('round-trips an answer with its citations and filters to another replica', () => {
    const [a, b] = linkedPair();
    const origin = { who: 'me' };
    let seen: { parts: ReadonlySet<SessionPart>; origin: unknown } | null = null;
    onSessionChange(a, (parts, o) => (seen = { parts, origin: o }));
    const id = shareAnswer(a, { ...ANSWER, question: '  show penguins heavier than 5 kg on Biscoe ', author: 'Ada', createdAt: 5000 }, origin);
    expect(seen).toEqual({ parts: new Set(['answers']), origin });
    expect(readAnswers(b)).toEqual([{ ...ANSWER, id, question: 'show penguins heavier than 5 kg on Biscoe', author: 'Ada', createdAt: 5000 }]);
    // Optional fields stay absent rather than stored as undefined.
    const bare = shareAnswer(b, { answer: 'No rows matched.', citations: [], source: 'model', note: 'The model timed out.', question: 'q', author: 'Bo' });
    const read = readAnswers(a).find((x) => x.id === bare)!;
    expect(read).not.toHaveProperty('filters');
    expect(read).not.toHaveProperty('count');
    expect(read).not.toHaveProperty('inCloud');
    expect(read.note).toBe('The model timed out.');
    expect(readAnswers(a).map((x) => x.id)).toEqual([id, bare]);
  });

  it('removes an answer everywhere, with every copy of its id', () => {
    const [a, b] = linkedPair();
    const id = shareAnswer(a, { ...ANSWER, question: 'q1', author: 'Ada' });
    const keep = shareAnswer(a, { ...ANSWER, question: 'q2', author: 'Ada' });
    // A copy of the same id (as concurrent edits can leave) reads once and goes with it.
    b.getArray('answers').push([new Y.Map<unknown>(Object.entries(readAnswers(b)[0]))]);
    expect(readAnswers(a).map((x) => x.id)).toEqual([id, keep]);
    removeAnswer(b, id);
    expect(readAnswers(a).map((x) => x.id)).toEqual([keep]);
  });

  it('refuses what readers would skip, with a clear error, and writes nothing', () => {
    const doc = newSession();
    const bad: Array<[string, Parameters<typeof shareAnswer>[1]]> = [
      ['empty question', { ...ANSWER, question: '   ', author: 'Ada' }],
      ['long question', { ...ANSWER, question: 'x'.repeat(LIMITS.questionLength + 1), author: 'Ada' }],
      ['long answer', { ...ANSWER, answer: 'x'.repeat(LIMITS.answerTextLength + 1), question: 'q', author: 'Ada' }],
      ['too many filters', { ...ANSWER, filters: Array.from({ length: LIMITS.answerFilters + 1 }, () => ANSWER.filters![0]), question: 'q', author: 'Ada' }],
      ['too many citations', { ...ANSWER, citations: Array.from({ length: LIMITS.answerCitations + 1 }, () => ANSWER.citations[0]), question: 'q', author: 'Ada' }],
      ['inverted range', { ...ANSWER, filters: [{ column: 'body_mass_g', kind: 'range', min: 6000, max: 5000 }], question: 'q', author: 'Ada' }],
      ['negative count', { ...ANSWER, count: -1, question: 'q', author: 'Ada' }],
    ];
    for (const [name, input] of bad) {
      expect(() => shareAnswer(doc, input), name).toThrow(SessionDocError);
    }
    expect(doc.getArray('answers').length).toBe(0);
  });

  it(`holds at most ${LIMITS.answers} answers: the writer refuses more, the reader keeps the newest`, () => {
    const doc = newSession();
    for (let i = 0; i < LIMITS.answers; i++) shareAnswer(doc, { ...ANSWER, question: `q${i}`, author: 'Ada' });
    expect(() => shareAnswer(doc, { ...ANSWER, question: 'one more', author: 'Ada' })).toThrow(/at most 200 shared answers/);
    // A hostile (or concurrent) client pushes past the bound: the newest are read.
    const extra = new Y.Map<unknown>(Object.entries({ ...ANSWER, id: 'extra01', question: 'newest', author: 'Eve', createdAt: 1 }));
    doc.getArray('answers').push([extra]);
    const read = readAnswers(doc);
    expect(read).toHaveLength(LIMITS.answers);
    expect(read[0].question).toBe('q1');
    expect(read.at(-1)!.question).toBe('newest');
  });

  it('skips hostile entries and reads the valid ones around them', () => {
    const doc = newSession();
    const good = shareAnswer(doc, { ...ANSWER, question: 'valid', author: 'Ada' });
    const array = doc.getArray('answers');
    const entry = (fields: Record<string, unknown>) => new Y.Map<unknown>(Object.entries({ ...ANSWER, id: 'x', question: 'q', author: 'Eve', createdAt: 1, ...fields }));
    const hostile = [
      'just a string',
      42,
      null,
      entry({ id: '' }),
      entry({ question: 'x'.repeat(LIMITS.questionLength + 1) }),
      entry({ answer: 'x'.repeat(LIMITS.answerTextLength + 1) }),
      entry({ author: 'x'.repeat(LIMITS.nameLength + 1) }),
      entry({ source: 'oracle' }),
      entry({ count: 1.5 }),
      entry({ inCloud: -1 }),
      entry({ citations: 'all of them' }),
      entry({ citations: [{ kind: 'row', rowIndex: -3 }] }),
      entry({ citations: [{ kind: 'planet', name: 'Mars' }] }),
      entry({ citations: Array.from({ length: LIMITS.answerCitations + 1 }, () => ({ kind: 'cluster', cluster: 1 })) }),
      entry({ filters: [{ column: 'body_mass_g', kind: 'range', min: 'heavy' }] }),
      entry({ filters: [{ column: 'island', kind: 'set', values: Array.from({ length: LIMITS.answerSetValues + 1 }, (_, i) => i) }] }),
      entry({ filters: [{ column: 'island', kind: 'set', values: [{ nested: true }] }] }),
      entry({ note: 'x'.repeat(LIMITS.answerNoteLength + 1) }),
      entry({ createdAt: -5 }),
    ];
    array.push(hostile);
    // Unknown keys (a prototype key included) are dropped, not copied into what code reads.
    const extraKeys = entry({ id: 'extra02', constructor: 'x', surprise: 1 });
    extraKeys.set('__proto__', { polluted: true });
    array.push([extraKeys]);
    const read = readAnswers(doc);
    expect(read.map((a) => a.id)).toEqual([good, 'extra02']);
    expect(Object.keys(read[1]).sort()).toEqual(['answer', 'author', 'citations', 'count', 'createdAt', 'filters', 'id', 'inCloud', 'question', 'source']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
