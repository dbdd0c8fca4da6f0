import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createCollabServer } from '../../server/collab/index.ts';
import { tokenAuthorizer } from './collab-harness.ts';

/**
 * The collab server alone in a child process, so tests can kill -9 it. Usage:
 *   node --import tsx collab-server-process.ts <dataDir> <sessionId> <editToken> <viewToken>
 * Prints one JSON line {"port": N} once it listens, then serves until killed.
 */
const [dataDir, sessionId, edit, view] = process.argv.slice(2);
if (!dataDir || !sessionId || !edit || !view) {
  console.error('usage: collab-server-process.ts <dataDir> <sessionId> <editToken> <viewToken>');
  process.exit(2);
}
const collab = createCollabServer({
  dataDir,
  authorize: tokenAuthorizer(new Map([[sessionId, { edit, view }]])),
  // The crash test sets it small so a burst of edits crosses compactions while being killed.
  compactAfterBytes: process.env.COLLAB_COMPACT_AFTER_BYTES ? Number(process.env.COLLAB_COMPACT_AFTER_BYTES) : undefined,
  onError: (err, context) => console.error(`[collab child] ${context}:`, err),
});
const http = createServer((_req, res) => res.writeHead(404).end());
http.on('upgrade', (req, socket, head) => collab.handleUpgrade(req, socket, head));
http.listen(0, '127.0.0.1', () => {
  console.log(JSON.stringify({ port: (http.address() as AddressInfo).port }));
});
