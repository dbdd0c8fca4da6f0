import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * An OpenAI-compatible chat completions endpoint on 127.0.0.1 that the test starts itself: a real
 * HTTP server that streams `data:` chunks, or hangs, or fails, as the test sets `mode`.
 */
export type FakeModelMode = 'stream' | 'hang' | 'hang-after-first' | 'error' | 'garbage';

export interface FakeModelEndpoint {
  baseUrl: string;
  mode: FakeModelMode;
  /** The pieces of text a 'stream' answer sends, one chunk each. */
  pieces: string[];
  /** Requests received: path, headers and parsed JSON body. */
  requests: { path: string; authorization: string | undefined; body: { model?: string; stream?: boolean; messages?: { role: string; content: string }[] } }[];
  close(): Promise<void>;
}

export async function startFakeModelEndpoint(): Promise<FakeModelEndpoint> {
  const open = new Set<ServerResponse>();
  const endpoint: FakeModelEndpoint = {
    baseUrl: '',
    mode: 'stream',
    pieces: ['The cloud ', 'holds the ', 'answer.'],
    requests: [],
    close: async () => undefined,
  };
  const chunk = (text: string) => `data: ${JSON.stringify({ id: 'x', object: 'chat.completion.chunk', choices: [{ index: 0, delta: { content: text } }] })}\n\n`;
  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    let raw = '';
    req.setEncoding('utf8');
    req.on('data', (c: string) => (raw += c));
    req.on('end', () => {
      endpoint.requests.push({ path: req.url ?? '', authorization: req.headers.authorization, body: JSON.parse(raw || '{}') });
      open.add(res);
      res.on('close', () => open.delete(res));
      if (endpoint.mode === 'error') {
        res.writeHead(500, { 'content-type': 'application/json' }).end(JSON.stringify({ error: { message: 'model overloaded' } }));
        return;
      }
      if (endpoint.mode === 'hang') return; // never a byte
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
      // A role-only chunk first, as real endpoints send.
      res.write(`data: ${JSON.stringify({ choices: [{ index: 0, delta: { role: 'assistant' } }] })}\n\n`);
      if (endpoint.mode === 'garbage') {
        res.end('data: {"choices": [ this is not JSON\n\n');
        return;
      }
      if (endpoint.mode === 'hang-after-first') {
        res.write(chunk(endpoint.pieces[0]));
        return;
      }
      let i = 0;
      const next = () => {
        if (i < endpoint.pieces.length) {
          res.write(chunk(endpoint.pieces[i++]));
          setTimeout(next, 5);
        } else res.end('data: [DONE]\n\n');
      };
      next();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  endpoint.baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
  endpoint.close = async () => {
    for (const res of open) res.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  };
  return endpoint;
}
