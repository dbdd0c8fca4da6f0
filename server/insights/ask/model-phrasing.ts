/**
 * The optional language model: an OpenAI-compatible `POST {base}/chat/completions` with
 * `stream: true`, asked to phrase an answer from the retrieved context only. The facts, the
 * citations and the filters stay the offline engine's; the model writes the sentences.
 */
export interface ModelConfig {
  baseUrl: string;
  apiKey: string;
  model: string;
  /** The whole answer must have arrived by then (LLM_TIMEOUT_MS, default 15 s). */
  timeoutMs: number;
  /** The first words must have arrived by then (LLM_FIRST_TOKEN_MS, default 8 s). */
  firstTokenMs: number;
}

/** Why the model gave no answer, in one sentence for the answer's `note`. */
export class ModelError extends Error {}

export const SYSTEM_PROMPT = [
  'You phrase answers about one dataset for the people exploring it together.',
  'Use only the facts in the context the user message gives. Never add facts, numbers, names or knowledge from outside it, and never guess.',
  'Keep every figure exactly as the context writes it. If the context does not answer the question, say that it does not.',
  'Answer in plain text, at most four short sentences, without headings or lists.',
].join(' ');

export function userPrompt(question: string, context: readonly string[]): string {
  return `Question: ${question}\n\nContext:\n${context.map((c) => `- ${c}`).join('\n')}`;
}

/**
 * The model's answer, piece by piece as it streams. Throws ModelError on a refusal (HTTP
 * status), a malformed stream, no first words within firstTokenMs, or no end within timeoutMs;
 * `signal` (the asker went away) stops it too.
 */
export async function* streamModelAnswer(config: ModelConfig, question: string, context: readonly string[], signal?: AbortSignal): AsyncGenerator<string> {
  const controller = new AbortController();
  let reason = '';
  const abort = (why: string) => {
    reason ||= why;
    controller.abort();
  };
  const total = setTimeout(() => abort(`The language model did not finish within ${config.timeoutMs / 1000} s`), config.timeoutMs);
  let first: NodeJS.Timeout | undefined = setTimeout(() => abort(`The language model sent nothing within ${config.firstTokenMs / 1000} s`), config.firstTokenMs);
  const onAbort = () => abort('The question was cancelled');
  signal?.addEventListener('abort', onAbort);
  try {
    let response: Response;
    try {
      response = await fetch(`${config.baseUrl.replace(/\/+$/, '')}/chat/completions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'text/event-stream', authorization: `Bearer ${config.apiKey}` },
        body: JSON.stringify({
          model: config.model,
          stream: true,
          temperature: 0.2,
          messages: [
            { role: 'system', content: SYSTEM_PROMPT },
            { role: 'user', content: userPrompt(question, context) },
          ],
        }),
        signal: controller.signal,
      });
    } catch {
      throw new ModelError(reason || 'The language model could not be reached');
    }
    if (!response.ok || !response.body) {
      await response.body?.cancel().catch(() => undefined);
      throw new ModelError(`The language model answered HTTP ${response.status}`);
    }
    const decoder = new TextDecoder();
    let buffer = '';
    try {
      for await (const chunk of response.body) {
        buffer += decoder.decode(chunk, { stream: true });
        let end: number;
        while ((end = buffer.indexOf('\n')) >= 0) {
          const line = buffer.slice(0, end).trim();
          buffer = buffer.slice(end + 1);
          if (!line.startsWith('data:')) continue;
          const data = line.slice(5).trim();
          if (data === '[DONE]') return;
          const text = deltaText(data);
          if (text) {
            if (first) {
              clearTimeout(first);
              first = undefined;
            }
            yield text;
          }
        }
      }
    } catch (error) {
      if (error instanceof ModelError) throw error;
      throw new ModelError(reason || 'The language model broke off its answer');
    }
    if (reason) throw new ModelError(reason);
  } finally {
    clearTimeout(total);
    if (first) clearTimeout(first);
    signal?.removeEventListener('abort', onAbort);
    controller.abort();
  }
}

/** The text of one streamed chunk (`choices[0].delta.content`); a chunk that is not JSON is a broken stream. */
function deltaText(data: string): string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(data);
  } catch {
    throw new ModelError('The language model sent a malformed stream');
  }
  const choices = (parsed as { choices?: unknown }).choices;
  if (!Array.isArray(choices) || choices.length === 0) return '';
  const content = (choices[0] as { delta?: { content?: unknown } }).delta?.content;
  return typeof content === 'string' ? content : '';
}
