/**
 * The seams of the collaboration server (issue 14): where a room's document is kept
 * (DocumentPersistence) and how rooms on several processes hear each other (RoomRelay).
 * The embedded default is file-persistence.ts with no relay; with REDIS_URL, redis/ implements
 * both on one Redis Stream per room, where appending an update is also what publishes it.
 */

/** One loaded room's durable log: updates go here before anyone else sees them. */
export interface RoomLog {
  /** Bytes appended since the last compaction: Room compacts when it passes compactAfterBytes. */
  readonly logBytes: number;
  /** Resolves once `updates` are durable (and, with a relay, visible to the other processes). */
  append(updates: readonly Uint8Array[]): Promise<void>;
  /**
   * `state` is the room's whole document now. The file log replaces its state file with it; a
   * shared store may instead merge its own copy in a queue job (one process at a time).
   */
  compact(state: Uint8Array): Promise<void>;
  close(): Promise<void>;
}

/** What opening a room's stored document gives: the last compacted state and the updates after it. */
export interface LoadedRoom {
  log: RoomLog;
  state: Uint8Array | null;
  updates: Uint8Array[];
  /** Awareness updates still in the store (a shared store keeps recent presence; files keep none). */
  awareness: Uint8Array[];
  /** Bytes cut off the end of a torn log (files only). */
  tornBytes: number;
  /** Where the loaded content ends in the store's order (a stream id): the relay reads on from there. */
  position: string | null;
}

export interface DocumentPersistence {
  open(sessionId: string): Promise<LoadedRoom>;
  /** Removes the stored document for good (the session was deleted). */
  remove(sessionId: string): Promise<void>;
}

/** What the relay hands a room: other processes' updates and presence, as the bytes to forward. */
export interface RelayListener {
  /** `message` is the y-websocket frame carrying `update`, already durable. */
  update(update: Uint8Array, message: Uint8Array): void;
  /** `message` is the y-websocket frame carrying the awareness `update`. */
  awareness(update: Uint8Array, message: Uint8Array): void;
  /** Another process deleted the session. */
  deleted(): void;
  /**
   * The relay fell behind what the store kept (entries it never read were compacted away):
   * here is the room's whole stored content again; apply it and forward what was missing.
   */
  resync(state: Uint8Array | null, updates: readonly Uint8Array[]): void;
}

export interface RelaySubscription {
  /** Sends an awareness frame (already gated) to the room's clients on other processes. */
  publishAwareness(message: Uint8Array): void;
  /** Stops relaying to this room. */
  close(): void;
}

export interface RoomRelay {
  /** Starts relaying to `listener` what other processes add to the room after `loaded`. */
  subscribe(sessionId: string, loaded: LoadedRoom, listener: RelayListener): RelaySubscription;
}

/** Where rooms live: given to createCollabServer; the server closes it when it closes. */
export interface CollabBackend {
  persistence: DocumentPersistence;
  /** Null: one process holds every room (the embedded default). */
  relay: RoomRelay | null;
  /** The backend's own compaction threshold (a stream held in memory is dearer than a log file). */
  compactAfterBytes?: number;
  close(): Promise<void>;
}
