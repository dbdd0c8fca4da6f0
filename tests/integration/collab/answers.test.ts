import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { AskAnswer } from '../../../shared/insights/ask.ts';
import { initSessionDoc, LIMITS, readAnswers, removeAnswer, shareAnswer } from '../../../shared/session/index.ts';
import {
  connectClient,
  startCollabServer,
  tempDataDir,
  waitFor,
  whenSynced,
  type SessionTokens,
  type TestServer,
} from '../../support/collab-harness.ts';

/**
 * The session document's `answers` through the real collaboration server: the server's gates
 * (edit vs view token, document size, server-owned meta) take it like any other part, and it is
 * kept across a restart.
 */
const SESSION = 'session-answers-01';
const tokens: SessionTokens = { edit: 'edit-token-aaaaaaaaaaaa', view: 'view-token-bbbbbbbbbbbb' };
const sessions = new Map([[SESSION, tokens]]);
let server: TestServer | null = null;
let data: Awaited<ReturnType<typeof tempDataDir>>;

const ANSWER: AskAnswer = {
  answer: '61 of 344 rows (18%) have Body Mass (g) > 5,000 g and Island Biscoe.',
  citations: [
    { kind: 'column', column: 'Body Mass (g)' },
    { kind: 'column', column: 'Island' },
  ],
  filters: [
    { column: 'Body Mass (g)', kind: 'range', min: 5050 },
    { column: 'Island', kind: 'set', values: ['Biscoe'] },
  ],
  count: 61,
  source: 'offline',
};

const questions = (doc: Y.Doc) => readAnswers(doc).map((a) => a.question);

beforeEach(async () => {
  data = await tempDataDir();
  server = await startCollabServer(data.dir, sessions);
  await server.collab.createSessionDocument(SESSION, (doc) => initSessionDoc(doc, { datasetId: 'penguins01', analysisId: 'analysis01', title: 'Penguins' }));
});

afterEach(async () => {
  await server?.close();
  server = null;
  await data.remove();
});

describe('answers shared to the room, through the collaboration server', () => {
  it("reach everyone from an editor, never from a view link, and outlive a restart", async () => {
    const alice = connectClient(server!.wsBase, SESSION, tokens.edit);
    const viewer = connectClient(server!.wsBase, SESSION, tokens.view);
    await Promise.all([whenSynced(alice), whenSynced(viewer)]);
    const id = shareAnswer(alice.doc, { ...ANSWER, question: 'show penguins heavier than 5 kg on Biscoe', author: 'Alice' });
    await waitFor(() => questions(viewer.doc).length === 1, 20_000, 'the viewer to see the answer');
    expect(readAnswers(viewer.doc)[0]).toMatchObject({ id, ...ANSWER, author: 'Alice' });

    // A view link's write stays in its own copy: the server drops it.
    shareAnswer(viewer.doc, { ...ANSWER, question: 'a viewer tries to share', author: 'Eve' });
    await waitFor(() => server!.collab.stats().droppedViewerUpdates > 0, 20_000, "the server to drop the viewer's update");
    const bob = connectClient(server!.wsBase, SESSION, tokens.edit);
    await whenSynced(bob);
    expect(await server!.collab.withDocument(SESSION, questions)).toEqual(['show penguins heavier than 5 kg on Biscoe']);
    expect(questions(bob.doc)).toEqual(['show penguins heavier than 5 kg on Biscoe']);
    for (const c of [alice, viewer, bob]) c.destroy();

    await server!.close();
    server = await startCollabServer(data.dir, sessions);
    const later = connectClient(server.wsBase, SESSION, tokens.edit);
    await whenSynced(later);
    expect(questions(later.doc)).toEqual(['show penguins heavier than 5 kg on Biscoe']);
    removeAnswer(later.doc, id);
    await waitFor(async () => (await server!.collab.withDocument(SESSION, questions)).length === 0, 20_000, 'the removal on the server');
    later.destroy();
  });

  it(`takes a full room of ${LIMITS.answers} long answers under the document size cap`, async () => {
    const alice = connectClient(server!.wsBase, SESSION, tokens.edit);
    const bob = connectClient(server!.wsBase, SESSION, tokens.edit);
    await Promise.all([whenSynced(alice), whenSynced(bob)]);
    const long: AskAnswer = {
      ...ANSWER,
      answer: 'x'.repeat(LIMITS.answerTextLength),
      citations: Array.from({ length: LIMITS.answerCitations }, (_, k) => ({ kind: 'row' as const, rowIndex: k })),
    };
    for (let i = 0; i < LIMITS.answers; i++) shareAnswer(alice.doc, { ...long, question: `question ${i}`, author: 'Alice' });
    await waitFor(() => questions(bob.doc).length === LIMITS.answers, 30_000, 'every answer on the other editor');
    // The editor was not refused (a refusal closes the socket with 4413 and stops the client).
    expect(server!.collab.stats().refused.documentTooLarge).toBe(0);
    expect(await server!.collab.withDocument(SESSION, (doc) => readAnswers(doc).length)).toBe(LIMITS.answers);
    alice.destroy();
    bob.destroy();
  });
});
