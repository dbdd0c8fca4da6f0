export { createCollabServer, type CollabServer, type CollabStats } from './create-collab-server.ts';
export { COLLAB_DEFAULTS, SERVER_ORIGIN, type CollabServerOptions, type DocumentInit } from './defaults.ts';
export { CLOSE } from './protocol.ts';
export { CollabError } from './errors.ts';
export type { Access } from './connection.ts';
