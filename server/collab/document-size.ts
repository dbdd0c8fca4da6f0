import * as Y from 'yjs';

/**
 * The size cap on a session document. Yjs documents only grow, so without a cap one editor can
 * fill the disk and every joiner's download. "Size" is what the server holds for the document:
 * the stored bytes (the state as last compacted or loaded, plus every update stored since,
 * counted by Room) and any updates Yjs keeps aside waiting for missing dependencies (they are
 * in memory and go into the next compaction, so they count too).
 *
 * An editor's update is checked before it is applied, so a refused update is never half in:
 * neither in the document nor in the log. The quick test uses the update's full length; only
 * when that would pass the cap is the part the document lacks measured (Y.diffUpdate against
 * the document's state vector), so an update that re-sends what the server already has is not
 * refused for its duplicates. Re-sent deletions still count: Yjs cannot cheaply tell them apart.
 */
export function pendingBytes(doc: Y.Doc): number {
  return (doc.store.pendingStructs?.update.length ?? 0) + (doc.store.pendingDs?.length ?? 0);
}

/** Whether applying `update` would take a document holding `heldBytes` past `maxBytes`. */
export function exceedsDocumentCap(doc: Y.Doc, heldBytes: number, update: Uint8Array, maxBytes: number): boolean {
  const held = heldBytes + pendingBytes(doc);
  if (held + update.length <= maxBytes) return false;
  const novel = Y.diffUpdate(update, Y.encodeStateVector(doc));
  return !isEmptyUpdate(novel) && held + novel.length > maxBytes;
}

/** An update with no structs and no deletions: the v1 encoding of zero clients twice. */
function isEmptyUpdate(update: Uint8Array): boolean {
  return update.length === 2 && update[0] === 0 && update[1] === 0;
}
