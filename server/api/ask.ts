import { Hono } from 'hono';
import { streamSSE } from 'hono/streaming';
import { z } from 'zod';
import type { AskRequest } from '../../shared/insights/ask.ts';
import { LIMITS } from '../../shared/session/limits.ts';
import { AskService } from '../insights/ask/ask-service.ts';
import { clientAddress } from './client-address.ts';
import { ClientRate } from './client-rate.ts';
import type { ApiDeps } from './deps.ts';
import { HttpError } from './http-error.ts';
import { readJsonBody } from './read-json.ts';

/** Characters a question may have: as many as an answer shared to the room keeps (the session document's bound). */
const MAX_QUESTION_CHARS = LIMITS.questionLength;

const clusterId = z.number().int().min(0).max(100_000);
const askRequest = z
  .object({
    question: z
      .string({ error: 'question must be a text.' })
      .transform((q) => q.trim())
      .refine((q) => q.length > 0, 'Ask a question: the question is empty.')
      .refine((q) => q.length <= MAX_QUESTION_CHARS, `A question may have at most ${MAX_QUESTION_CHARS} characters.`),
    clusterIds: z
      .object({ raw: z.array(clusterId).max(10_000), shown: z.array(clusterId).max(10_000) })
      .refine((m) => m.raw.length === m.shown.length, 'clusterIds.raw and clusterIds.shown must be as long as each other.')
      .optional(),
  })
  .strict();

/**
 * `POST /api/analyses/:id/ask` (docs/http-api.md): a question about a finished analysis → an
 * AskAnswer; with `Accept: text/event-stream` the answer streams (`delta` events, then `done`).
 * Whoever may read the analysis may ask (a view token too): asking changes nothing.
 */
export function askRoutes(deps: ApiDeps): Hono {
  const app = new Hono();
  const service = new AskService({ datasets: deps.datasets, analyses: deps.analyses, quality: (datasetId) => deps.quality.report(datasetId), model: deps.config.llm });
  const rate = new ClientRate({ perSecond: deps.config.askPerMinute / 60, burst: Math.max(1, Math.ceil(deps.config.askPerMinute / 5)) }, 'questions');

  app.post('/:id/ask', deps.guards.readAnalysis, async (c) => {
    const analysis = deps.analyses.get(c.req.param('id'));
    const request: AskRequest = askRequest.parse(await readJsonBody(c.req.raw));
    if (analysis.status !== 'done') throw new HttpError(409, 'conflict', `Analysis "${analysis.id}" is ${analysis.status}; questions need its results.`);
    rate.take(clientAddress(c));
    const { offline, context } = await service.answer(analysis.id, request);
    const streaming = (c.req.header('accept') ?? '').includes('text/event-stream');
    if (!streaming) return c.json(await service.phrase(request.question, offline, context, () => undefined, c.req.raw.signal));
    return streamSSE(c, async (stream) => {
      const aborted = new AbortController();
      stream.onAbort(() => aborted.abort());
      let streamed = false;
      const answer = await service.phrase(
        request.question,
        offline,
        context,
        (text) => {
          streamed = true;
          // A page that went away makes the write fail; the model is stopped through `aborted`.
          stream.writeSSE({ event: 'delta', data: JSON.stringify({ text }) }).catch(() => aborted.abort());
        },
        aborted.signal,
      );
      // Offline, or when the model failed before its first words, the text arrives as one delta; `done` is what counts.
      if (!streamed) await stream.writeSSE({ event: 'delta', data: JSON.stringify({ text: answer.answer }) });
      await stream.writeSSE({ event: 'done', data: JSON.stringify(answer) });
    });
  });

  return app;
}
