import * as Y from 'yjs';
import { newEntryId } from './entry-id.ts';
import { SessionDocError } from './errors.ts';
import { LIMITS } from './limits.ts';
import { annotationsArray, plain, mapFrom, assignFields } from './roots.ts';
import { annotationSchema } from './schema.ts';
import type { Annotation, Vec3 } from './types.ts';

export interface AnnotationInput {
  /** Pin to a dataset row… */
  rowIndex?: number;
  /** …or to a scene position (exactly one of the two). */
  position?: Vec3;
  text: string;
  author: string;
  color: string;
  id?: string;
  createdAt?: number;
}

/** Valid annotations in document order; a duplicated id (concurrent moves) is read once. */
export function readAnnotations(doc: Y.Doc): Annotation[] {
  const out: Annotation[] = [];
  const seen = new Set<string>();
  for (const entry of annotationsArray(doc)) {
    const parsed = annotationSchema.safeParse(plain(entry));
    if (parsed.success && !seen.has(parsed.data.id)) {
      seen.add(parsed.data.id);
      out.push(parsed.data);
    }
  }
  return out;
}

export function addAnnotation(doc: Y.Doc, input: AnnotationInput, origin: unknown = null): string {
  const parsed = annotationSchema.safeParse({
    id: input.id ?? newEntryId(),
    rowIndex: input.rowIndex ?? null,
    position: input.position ?? null,
    text: input.text,
    author: input.author,
    color: input.color,
    createdAt: input.createdAt ?? Date.now(),
  });
  if (!parsed.success) {
    throw new SessionDocError('invalid_annotation', `invalid annotation: ${parsed.error.issues.map((i) => i.message).join('; ')}`);
  }
  doc.transact(() => annotationsArray(doc).push([mapFrom({ ...parsed.data })]), origin);
  return parsed.data.id;
}

export function updateAnnotationText(doc: Y.Doc, id: string, text: string, origin: unknown = null): void {
  if (typeof text !== 'string' || text.length > LIMITS.annotationTextLength) {
    throw new SessionDocError('invalid_annotation', `annotation text is at most ${LIMITS.annotationTextLength} characters`);
  }
  doc.transact(() => {
    for (const entry of annotationsArray(doc)) {
      if (entry instanceof Y.Map && entry.get('id') === id) assignFields(entry, { text });
    }
  }, origin);
}

/** Removes every entry with this id (there can be copies after concurrent edits). */
export function removeAnnotation(doc: Y.Doc, id: string, origin: unknown = null): void {
  doc.transact(() => {
    const array = annotationsArray(doc);
    for (let i = array.length - 1; i >= 0; i--) {
      const entry = plain(array.get(i)) as { id?: unknown } | null;
      if (typeof entry === 'object' && entry !== null && entry.id === id) array.delete(i, 1);
    }
  }, origin);
}
