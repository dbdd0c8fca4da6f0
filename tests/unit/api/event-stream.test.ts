import { describe, expect, it } from 'vitest';
import type { AnalysisEvent } from '../../../shared/api-types.ts';
import { HttpError } from '../../../server/api/http-error.ts';
import { PING_FRAME, sseFrame } from '../../../server/api/sse-frames.ts';
import { SseOutbox } from '../../../server/api/sse-outbox.ts';
import { SubscriberCaps } from '../../../server/api/subscriber-caps.ts';

const layout = (n: number): AnalysisEvent => ({ type: 'layout', stage: 'reduce', positions: `L${n}` });
const progress = (fraction: number): AnalysisEvent => ({ type: 'progress', status: 'running', progress: { stage: 'reduce', fraction } });
const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

/** A client whose socket accepts one write at a time, when the test says so. */
function slowClient() {
  const written: string[] = [];
  const pending: (() => void)[] = [];
  const write = (bytes: Uint8Array) =>
    new Promise<void>((resolve) => {
      written.push(text(bytes));
      pending.push(resolve);
    });
  const readOne = async () => {
    pending.shift()?.();
    await new Promise((r) => setImmediate(r));
  };
  return { written, write, readOne, get waiting() { return pending.length; } };
}

describe('event frames', () => {
  it('encodes an event once however many subscribers send it, as one SSE event the client parses back', () => {
    const event = layout(1);
    const a = sseFrame(event);
    expect(sseFrame(event)).toBe(a);
    expect(sseFrame(event).bytes).toBe(a.bytes);
    expect(text(a.bytes)).toBe(`event: layout\ndata: ${JSON.stringify(event)}\n\n`);
    expect(a.skippable).toBe(true);
    expect(sseFrame(progress(0.5)).skippable).toBe(false);
    // A line break inside a value stays inside the one data line (JSON escapes it).
    const done: AnalysisEvent = { type: 'failed', analysis: { id: 'x', error: { code: 'c', message: 'two\nlines' } } as never };
    const lines = text(sseFrame(done).bytes).split('\n');
    expect(lines.filter((l) => l.startsWith('data: '))).toHaveLength(1);
    expect(JSON.parse(lines[1].slice(6))).toEqual(done);
  });
});

describe('a subscriber that falls behind', () => {
  it('gets every frame in order while it keeps up', async () => {
    const client = slowClient();
    const outbox = new SseOutbox(client.write);
    for (let i = 0; i < 5; i++) {
      outbox.push(sseFrame(layout(i)));
      await client.readOne();
    }
    expect(client.written.map((w) => /"positions":"(L\d)"/.exec(w)?.[1])).toEqual(['L0', 'L1', 'L2', 'L3', 'L4']);
    expect(outbox.skipped).toBe(0);
  });

  it('skips the layouts it has no time for, keeps the newest, and never drops progress or the end', async () => {
    const client = slowClient();
    const outbox = new SseOutbox(client.write);
    outbox.push(sseFrame(layout(0))); // being written: the client reads nothing yet
    for (let i = 1; i <= 50; i++) {
      outbox.push(sseFrame(layout(i)));
      if (i % 10 === 0) outbox.push(sseFrame(progress(i / 50)));
    }
    outbox.push(PING_FRAME);
    outbox.push(sseFrame({ type: 'done', analysis: { id: 'a' } as never }));
    let flushed = false;
    void outbox.flushed().then(() => (flushed = true));
    while (client.waiting > 0) await client.readOne();
    expect(flushed).toBe(true);
    const kinds = client.written.map((w) => (w.startsWith('event: layout') ? /"positions":"(L\d+)"/.exec(w)![1] : w.split('\n')[0].slice(7)));
    // Layout 0 was on the wire; 1–49 were overtaken while it was; 50 waited behind the progress events and was overtaken by the ping.
    expect(kinds).toEqual(['L0', 'progress', 'progress', 'progress', 'progress', 'progress', 'ping', 'done']);
    expect(outbox.skipped).toBe(50);
  });

  it('holds at most one skippable frame while a write hangs', () => {
    const client = slowClient();
    const outbox = new SseOutbox(client.write);
    for (let i = 0; i < 1000; i++) outbox.push(sseFrame(layout(i)));
    expect(client.written).toHaveLength(1);
    expect(outbox.skipped).toBe(998);
  });
});

describe('stream caps', () => {
  it('refuses the stream past the cap per client and per analysis with 429 and Retry-After; a closed stream frees its seat', () => {
    const caps = new SubscriberCaps({ perAnalysis: 3, perClient: 2 });
    const a1 = caps.take('A', '10.0.0.1');
    caps.take('A', '10.0.0.1');
    const refusal = (() => {
      try {
        caps.take('B', '10.0.0.1');
      } catch (e) {
        return e;
      }
    })();
    expect(refusal).toBeInstanceOf(HttpError);
    expect(refusal).toMatchObject({ status: 429, code: 'too_many_streams', headers: { 'retry-after': '10' } });
    expect((refusal as Error).message).toMatch(/at most 2/);
    caps.take('A', '10.0.0.2');
    expect(() => caps.take('A', '10.0.0.3')).toThrow(/This analysis already has 3 event streams open; at most 3/);
    a1();
    a1(); // twice is once
    expect(caps.openOn('A')).toBe(2);
    caps.take('A', '10.0.0.3');
    expect(caps.openOn('A')).toBe(3);
  });
});
