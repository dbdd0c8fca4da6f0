import { join } from 'node:path';
import type { CollabBackend, DocumentPersistence } from './room-backend.ts';
import { SessionStorage } from './session-storage.ts';

/** The embedded default: each session's document in `${dataDir}/sessions/<id>/` (session-storage.ts). */
export function filePersistence(dataDir: string): DocumentPersistence {
  const dir = (id: string): string => join(dataDir, 'sessions', id);
  return {
    async open(sessionId) {
      const { storage, state, updates, tornBytes } = await SessionStorage.open(dir(sessionId));
      return { log: storage, state, updates, awareness: [], tornBytes, position: null };
    },
    remove: (sessionId) => SessionStorage.remove(dir(sessionId)),
  };
}

/** One process, files, no relay: what the server runs without REDIS_URL. */
export function embeddedBackend(dataDir: string): CollabBackend {
  return { persistence: filePersistence(dataDir), relay: null, close: async () => undefined };
}
