import type { AskAnswer, AskRequest } from '../../shared/insights/ask.ts';
import { readEventStream } from './event-stream.ts';
import { ApiRequestError, request, seg } from './http.ts';

/**
 * Asks the analysis a question (POST /api/analyses/:id/ask). The request accepts a stream: when
 * a language model phrases the answer the server sends `delta` events ({ text }, the answer
 * growing) and then `done` with the whole AskAnswer; without a model it answers plain JSON.
 * Resolves with the final answer either way.
 */
export async function askQuestion(
  analysisId: string,
  body: AskRequest,
  onDelta: (text: string) => void,
  signal?: AbortSignal,
): Promise<AskAnswer> {
  const response = await request(`/api/analyses/${seg(analysisId)}/ask`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'text/event-stream, application/json' },
    body: JSON.stringify(body),
    signal,
  });
  if (!(response.headers.get('content-type') ?? '').startsWith('text/event-stream') || !response.body) {
    return checked(await response.json());
  }
  let answer: AskAnswer | null = null;
  let failure: ApiRequestError | null = null;
  await readEventStream(response.body, ({ event, data }) => {
    const value = parse(data);
    if (event === 'delta' && typeof (value as { text?: unknown } | null)?.text === 'string') onDelta((value as { text: string }).text);
    else if (event === 'done') answer = checked(value);
    else if (event === 'error') failure = streamError(value);
  });
  if (answer) return answer;
  throw failure ?? new ApiRequestError('stream_ended', 'The answer stopped before it was complete; ask again.', 0);
}

function parse(data: string): unknown {
  try {
    return JSON.parse(data);
  } catch {
    return null;
  }
}

/** The server is ours, but a proxy or a half-deployed server may answer something else. */
function checked(value: unknown): AskAnswer {
  const a = value as Partial<AskAnswer> | null;
  if (typeof a?.answer !== 'string' || !Array.isArray(a.citations)) {
    throw new ApiRequestError('bad_answer', 'The server sent an answer this page cannot read.', 0);
  }
  return { ...a, source: a.source === 'model' ? 'model' : 'offline' } as AskAnswer;
}

function streamError(value: unknown): ApiRequestError {
  const e = (value as { error?: { code?: unknown; message?: unknown } } | null)?.error;
  return new ApiRequestError(
    typeof e?.code === 'string' ? e.code : 'stream_error',
    typeof e?.message === 'string' ? e.message : 'The answer could not be completed; ask again.',
    0,
  );
}
