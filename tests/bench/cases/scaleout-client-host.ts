import type * as Y from 'yjs';
import { connectClient, whenSynced, type TestClient } from '../../support/collab-harness.ts';
import { initialAwarenessState } from '../../../shared/session/index.ts';

/**
 * A process hosting some of the bench's stock y-websocket clients (scaleout.ts fanout), so 500
 * clients do not share one event loop (their own work would then be most of every latency).
 * Talks to its parent over IPC: gets { clients: [{ wsBase, far }], session, token }, answers
 * 'ready' once all are synced; on 'finish' sends, per update index, how many clients got it and
 * when the last far one (and the last of all) did, in epoch milliseconds (one clock machine-wide).
 */
interface Setup {
  clients: Array<{ wsBase: string; far: boolean }>;
  sessionId: string;
  token: string;
}

const now = (): number => performance.timeOrigin + performance.now();
const clients: TestClient[] = [];
const received: number[] = [];
const lastFar: number[] = [];
const lastAll: number[] = [];

process.once('message', async (setup: Setup) => {
  process.setMaxListeners(setup.clients.length + 20);
  for (const [i, spec] of setup.clients.entries()) {
    const client = connectClient(spec.wsBase, setup.sessionId, setup.token);
    // As the app does on joining. (The stock client's own initial state has clock 0, which
    // y-protocols ignores: such a client would first appear with its renewal 15 s later.)
    client.provider.awareness.setLocalState(initialAwarenessState(`phone ${i}`, '#336699', 'desktop'));
    clients.push(client);
    client.doc.getMap('bench').observe((event: Y.YMapEvent<unknown>) => {
      const at = now();
      for (const key of event.keysChanged) {
        const index = Number(key.slice(1));
        received[index] = (received[index] ?? 0) + 1;
        lastAll[index] = Math.max(lastAll[index] ?? 0, at);
        if (spec.far) lastFar[index] = Math.max(lastFar[index] ?? 0, at);
      }
    });
    if (i % 50 === 49) await Promise.all(clients.slice(-50).map((c) => whenSynced(c, 60_000)));
  }
  await Promise.all(clients.map((c) => whenSynced(c, 60_000)));
  process.send!('ready');
  process.once('message', () => {
    process.send!({ received, lastFar, lastAll }, () => {
      for (const c of clients) c.destroy();
      process.exit(0);
    });
  });
});
