export { createCollabServer, type CollabServer, type CollabStats } from './create-collab-server.ts';
export { COLLAB_DEFAULTS, SERVER_ORIGIN, type CollabServerOptions, type DocumentInit } from './defaults.ts';
export { CLOSE } from './protocol.ts';
export { CollabError } from './errors.ts';
export type { Access } from './connection.ts';
export type { RateLimit } from './token-bucket.ts';
export type { RefusalKind } from './refusals.ts';
export { embeddedBackend } from './file-persistence.ts';
export type { CollabBackend, DocumentPersistence, RoomRelay, RoomLog, LoadedRoom } from './room-backend.ts';
