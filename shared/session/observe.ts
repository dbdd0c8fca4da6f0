import type * as Y from 'yjs';
import { ROOT_NAMES, rootOf, type SessionPart } from './roots.ts';

/**
 * Calls `listener` once per transaction that changed the document, with the parts it touched
 * (local or remote) and the transaction's origin. Readers then re-read only those parts.
 * Returns the unsubscribe function.
 */
export function onSessionChange(
  doc: Y.Doc,
  listener: (parts: ReadonlySet<SessionPart>, origin: unknown, local: boolean) => void,
): () => void {
  const roots = ROOT_NAMES.map((name) => [name, rootOf(doc, name)] as const);
  const handler = (tr: Y.Transaction): void => {
    const parts = new Set<SessionPart>();
    for (const [name, root] of roots) if (tr.changedParentTypes.has(root) || tr.changed.has(root)) parts.add(name);
    if (parts.size > 0) listener(parts, tr.origin, tr.local);
  };
  doc.on('afterTransaction', handler);
  return () => doc.off('afterTransaction', handler);
}
