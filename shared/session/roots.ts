import * as Y from 'yjs';

/**
 * The top-level shared types of a session document. Their names are part of the wire format:
 * every client must get them with the same Y type, so only this file names them.
 */
export const ROOT_NAMES = ['meta', 'view', 'filters', 'selection', 'annotations', 'bookmarks', 'presenter', 'answers', 'playback'] as const;
export type SessionPart = (typeof ROOT_NAMES)[number];

export const metaMap = (doc: Y.Doc): Y.Map<unknown> => doc.getMap('meta');
export const viewMap = (doc: Y.Doc): Y.Map<unknown> => doc.getMap('view');
export const filtersMap = (doc: Y.Doc): Y.Map<unknown> => doc.getMap('filters');
export const selectionMap = (doc: Y.Doc): Y.Map<unknown> => doc.getMap('selection');
export const annotationsArray = (doc: Y.Doc): Y.Array<unknown> => doc.getArray('annotations');
export const bookmarksArray = (doc: Y.Doc): Y.Array<unknown> => doc.getArray('bookmarks');
export const presenterMap = (doc: Y.Doc): Y.Map<unknown> => doc.getMap('presenter');
export const answersArray = (doc: Y.Doc): Y.Array<unknown> => doc.getArray('answers');
export const playbackMap = (doc: Y.Doc): Y.Map<unknown> => doc.getMap('playback');

export function rootOf(doc: Y.Doc, part: SessionPart): Y.AbstractType<any> { // any: Y.Map and Y.Array differ in their event type parameter
  switch (part) {
    case 'meta':
      return metaMap(doc);
    case 'view':
      return viewMap(doc);
    case 'filters':
      return filtersMap(doc);
    case 'selection':
      return selectionMap(doc);
    case 'annotations':
      return annotationsArray(doc);
    case 'bookmarks':
      return bookmarksArray(doc);
    case 'presenter':
      return presenterMap(doc);
    case 'answers':
      return answersArray(doc);
    case 'playback':
      return playbackMap(doc);
  }
}

/**
 * A stored value as plain data: shared types become JSON, everything else is returned as is.
 * A hostile client may store a Y.Map where we expect a plain object or the reverse; both read
 * the same way and then go through the schema.
 */
export function plain(value: unknown): unknown {
  if (value instanceof Y.AbstractType) return value.toJSON();
  return value;
}

/** Writes `fields` into `map`, touching only keys whose value changed (fewer tombstones). */
export function assignFields(map: Y.Map<unknown>, fields: Record<string, unknown>): void {
  for (const [key, value] of Object.entries(fields)) {
    if (value === undefined) {
      if (map.has(key)) map.delete(key);
    } else if (!sameJson(map.get(key), value)) {
      map.set(key, value);
    }
  }
}

function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a instanceof Y.AbstractType || b instanceof Y.AbstractType) return false;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  return JSON.stringify(a) === JSON.stringify(b);
}

/** A Y.Map built from fields, for inserting a new entry into a map or array. */
export function mapFrom(fields: Record<string, unknown>): Y.Map<unknown> {
  const map = new Y.Map<unknown>();
  for (const [key, value] of Object.entries(fields)) if (value !== undefined) map.set(key, value);
  return map;
}
