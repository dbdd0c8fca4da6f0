import { connect } from 'node:net';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { streamSSE } from 'hono/streaming';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AnalysisEvent } from '../../../shared/api-types.ts';
import { sseFrame } from '../../../server/api/sse-frames.ts';
import { SseOutbox } from '../../../server/api/sse-outbox.ts';

/**
 * The event route's transport, for real: hono's SSE stream over @hono/node-server on a socket.
 * A reader that stops reading must make the outbox's writes wait (socket backpressure reaches
 * it through the response stream), so newer layouts replace the waiting ones instead of piling
 * up in the server's memory; once it reads again it gets the newest layout and the end.
 */
const FRAMES = 60;
const FRAME_CHARS = 512 * 1024;

describe('event stream backpressure', () => {
  let server: Server;
  let port: number;
  let outbox: SseOutbox | null = null;
  let pushed = 0;
  let finished!: Promise<void>;

  beforeAll(async () => {
    const app = new Hono();
    app.get('/events', (c) =>
      streamSSE(c, async (stream) => {
        const box = new SseOutbox((bytes) => stream.write(bytes));
        outbox = box;
        const filler = 'x'.repeat(FRAME_CHARS);
        for (let i = 0; i < FRAMES; i++) {
          const event: AnalysisEvent = { type: 'layout', stage: 'reduce', positions: `${i}:${filler}` };
          box.push(sseFrame(event));
          pushed++;
          await new Promise((r) => setTimeout(r, 10));
        }
        box.push(sseFrame({ type: 'done', analysis: { id: 'a' } as never }));
        finished = box.flushed();
        await finished;
      }),
    );
    server = await new Promise<Server>((resolve) => {
      const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s as Server)) as Server;
    });
    port = (server.address() as AddressInfo).port;
  });

  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('a reader that stops reading gets the first frames, then the newest and the end; the rest are skipped', async () => {
    const socket = connect(port, '127.0.0.1');
    socket.setNoDelay(true);
    await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
    // The reader stops reading at once: what the socket buffers hold (a few MB) arrives, then backpressure.
    socket.write(`GET /events HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nConnection: close\r\n\r\n`);
    socket.pause();
    while (pushed < FRAMES) await new Promise((r) => setTimeout(r, 20));
    const skippedWhilePaused = outbox!.skipped;
    const chunks: Buffer[] = [];
    socket.on('data', (c: Buffer) => chunks.push(c));
    socket.resume();
    await new Promise<void>((resolve) => socket.once('end', () => resolve()));
    const text = Buffer.concat(chunks).toString('latin1');
    const layouts = [...text.matchAll(/"positions":"(\d+):/g)].map((m) => Number(m[1]));
    expect(text).toMatch(/event: done\n/);
    expect(layouts.at(-1)).toBe(FRAMES - 1);
    expect(skippedWhilePaused).toBeGreaterThan(FRAMES / 2);
    expect(layouts.length).toBe(FRAMES - outbox!.skipped);
    expect([...layouts].sort((a, b) => a - b)).toEqual(layouts);
  });
});
