import { describe, expect, it } from 'vitest';
import { eventStreamParser, readEventStream, type StreamEvent } from '../../../client/api/event-stream.ts';

const STREAM = [
  ': a comment the server sends to keep the connection open',
  'event: delta',
  'data: {"text":"44 penguins "}',
  '',
  'event: delta',
  'data:{"text":"weigh more than 5,000 g."}',
  '',
  'data: first line',
  'data: second line',
  '',
  'event: done',
  'data: {"answer":"44 penguins weigh more than 5,000 g.","citations":[]}',
  '',
  '',
].join('\n');

const EXPECTED: StreamEvent[] = [
  { event: 'delta', data: '{"text":"44 penguins "}' },
  { event: 'delta', data: '{"text":"weigh more than 5,000 g."}' },
  { event: 'message', data: 'first line\nsecond line' },
  { event: 'done', data: '{"answer":"44 penguins weigh more than 5,000 g.","citations":[]}' },
];

function parseAll(chunks: string[]): StreamEvent[] {
  const out: StreamEvent[] = [];
  const parser = eventStreamParser((e) => out.push(e));
  for (const c of chunks) parser.push(c);
  parser.end();
  return out;
}

describe('text/event-stream parser', () => {
  it('reads events, names, multi-line data and comments', () => {
    expect(parseAll([STREAM])).toEqual(EXPECTED);
  });

  it('gives the same events wherever the chunks are cut, with \\n, \\r\\n or \\r line ends', () => {
    for (const eol of ['\n', '\r\n', '\r']) {
      const text = STREAM.replaceAll('\n', eol);
      for (let cut = 0; cut <= text.length; cut++) {
        expect(parseAll([text.slice(0, cut), text.slice(cut)]), `${JSON.stringify(eol)} cut at ${cut}`).toEqual(EXPECTED);
      }
      expect(parseAll([...text])).toEqual(EXPECTED);
    }
  });

  it('drops an event the stream did not finish', () => {
    expect(parseAll(['event: delta\ndata: {"text":"par'])).toEqual([]);
    expect(parseAll(['event: delta\n\ndata: x\n\n'])).toEqual([{ event: 'message', data: 'x' }]);
  });

  it('decodes a byte stream whose chunks split a multi-byte character', async () => {
    const bytes = new TextEncoder().encode('event: delta\ndata: {"text":"5 000 g – 6 300 g, Gentoo ≥ 95 %"}\n\n');
    const split = bytes.indexOf(0xe2) + 1; // inside the en dash
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(bytes.slice(0, split));
        controller.enqueue(bytes.slice(split));
        controller.close();
      },
    });
    const out: StreamEvent[] = [];
    await readEventStream(body, (e) => out.push(e));
    expect(out).toEqual([{ event: 'delta', data: '{"text":"5 000 g – 6 300 g, Gentoo ≥ 95 %"}' }]);
  });
});
