import * as Y from 'yjs';
import { CLUSTER_IDS_KEY } from '../../shared/session/cluster-ids.ts';
import { PENDING_ANALYSIS_KEY } from '../../shared/session/pending-analysis.ts';
import { metaMap } from '../../shared/session/roots.ts';

/**
 * The keys of the document's `meta` only the server writes: which dataset and analysis the
 * session shows (and their cluster numbering) are decided by PUT /api/sessions/:id/analysis,
 * which checks the analysis belongs to the session's dataset (and, for the pending analysis
 * everyone follows while it runs, that it is queued or running). An editor writing them straight
 * into the document would skip those checks (issue 15).
 */
const SERVER_OWNED = new Set<string>(['datasetId', 'analysisId', CLUSTER_IDS_KEY, PENDING_ANALYSIS_KEY, 'schemaVersion', 'createdAt']);

/** Where an item sits: a root type's name or a type of the document, and its map key. */
type Place = { parent: unknown; key: string | null } | null;

/**
 * Whether an editor's update sets or deletes a server-owned key of `meta`, read before it is
 * applied. An item of an update names its parent only when it has no neighbours; a map value
 * replacing an earlier one names that one (its origin) instead, so origins are followed into the
 * document and into the update itself.
 */
export function writesServerOwnedMeta(doc: Y.Doc, update: Uint8Array): boolean {
  const meta = metaMap(doc);
  const decoded = Y.decodeUpdate(update);
  const inUpdate = decoded.structs.filter((s): s is Y.Item => s instanceof Y.Item);
  const find = (id: Y.ID): Y.Item | null => {
    for (const item of inUpdate) if (item.id.client === id.client && id.clock >= item.id.clock && id.clock < item.id.clock + item.length) return item;
    try {
      const found = Y.getItem(doc.store, id);
      return found instanceof Y.Item ? found : null;
    } catch {
      return null; // not in the document (yet): the update waits for it; nothing it names is meta's
    }
  };
  const placeOf = (item: Y.Item, depth = 0): Place => {
    const parent: unknown = item.parent;
    if (typeof parent === 'string') return { parent: parent === 'meta' ? meta : parent, key: item.parentSub };
    if (parent instanceof Y.AbstractType) return { parent, key: item.parentSub };
    if (parent !== null) return { parent, key: item.parentSub }; // an ID: a nested type, never meta itself
    const next = item.origin ?? item.rightOrigin;
    const neighbour = next && depth < 1000 ? find(next) : null;
    return neighbour ? placeOf(neighbour, depth + 1) : null;
  };
  const owned = (place: Place): boolean => place !== null && place.parent === meta && place.key !== null && SERVER_OWNED.has(place.key);
  // Content the document already has (a client re-sending its state after being offline) changes nothing.
  const isNew = (item: Y.Item): boolean => item.id.clock + item.length > Y.getState(doc.store, item.id.client);
  if (inUpdate.some((item) => isNew(item) && owned(placeOf(item)))) return true;
  for (const [client, ranges] of decoded.ds.clients) {
    for (const range of ranges) {
      for (let clock = range.clock; clock < range.clock + range.len; ) {
        const item = find(Y.createID(client, clock));
        if (!item) break;
        if (!(item.deleted && !inUpdate.includes(item)) && owned(placeOf(item))) return true;
        clock = item.id.clock + item.length;
      }
    }
  }
  return false;
}
