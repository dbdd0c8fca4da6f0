import * as Y from 'yjs';
import { newEntryId } from './entry-id.ts';
import { SessionDocError } from './errors.ts';
import { filtersMap, plain, assignFields, mapFrom } from './roots.ts';
import { filterSchema, idSchema } from './schema.ts';
import type { Filter } from './types.ts';

/**
 * Filters live in a Y.Map of Y.Maps (id → fields), so two people changing different fields of
 * one filter at once (one drags min, the other toggles enabled) both win.
 */
type Distribute<F> = F extends Filter ? Omit<F, 'id' | 'createdAt'> & { id?: string; createdAt?: number } : never;
export type FilterInput = Distribute<Filter>;
type DistributivePartial<F> = F extends Filter ? Partial<Omit<F, 'id' | 'kind' | 'createdAt'>> : never;
export type FilterPatch = DistributivePartial<Filter>;

/** Every valid filter, in creation order (ties by id) so all clients list them alike. */
export function readFilters(doc: Y.Doc): Filter[] {
  const out: Filter[] = [];
  for (const [id, entry] of filtersMap(doc).entries()) {
    const filter = parseFilterEntry(id, entry);
    if (filter) out.push(filter);
  }
  return out.sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

export function readFilter(doc: Y.Doc, id: string): Filter | null {
  const entry = filtersMap(doc).get(id);
  return entry === undefined ? null : parseFilterEntry(id, entry);
}

function parseFilterEntry(id: string, entry: unknown): Filter | null {
  const value = plain(entry);
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  return filterSchema.safeParse({ ...value, id }).data ?? null;
}

function validate(candidate: unknown): Filter {
  const parsed = filterSchema.safeParse(candidate);
  if (!parsed.success) {
    throw new SessionDocError('invalid_filter', `invalid filter: ${parsed.error.issues.map((i) => i.message).join('; ')}`);
  }
  return parsed.data;
}

/** Adds a filter, or replaces the one with the same id. Returns its id. */
export function setFilter(doc: Y.Doc, input: FilterInput, origin: unknown = null): string {
  const filter = validate({ ...input, id: input.id ?? newEntryId(), createdAt: input.createdAt ?? Date.now() });
  const { id, ...fields } = filter;
  doc.transact(() => {
    const map = filtersMap(doc);
    const existing = map.get(id);
    if (existing instanceof Y.Map) {
      // Keys the new kind does not have must go, or a range turned set would keep min/max.
      for (const key of [...existing.keys()]) if (!(key in fields)) existing.delete(key);
      assignFields(existing, fields);
    } else {
      map.set(id, mapFrom(fields));
    }
  }, origin);
  return id;
}

/** Changes some fields of an existing filter; only those fields are written. */
export function updateFilter(doc: Y.Doc, id: string, patch: FilterPatch, origin: unknown = null): void {
  const current = readFilter(doc, id);
  if (!current) throw new SessionDocError('unknown_filter', `no filter ${id}`);
  const next = validate({ ...current, ...patch, id, kind: current.kind, createdAt: current.createdAt });
  doc.transact(() => {
    const existing = filtersMap(doc).get(id);
    const { id: _id, ...fields } = next;
    if (existing instanceof Y.Map) {
      const changed: Record<string, unknown> = {};
      for (const key of Object.keys(patch)) changed[key] = (fields as Record<string, unknown>)[key];
      assignFields(existing, changed);
    } else {
      filtersMap(doc).set(id, mapFrom(fields));
    }
  }, origin);
}

export function setFilterEnabled(doc: Y.Doc, id: string, enabled: boolean, origin: unknown = null): void {
  updateFilter(doc, id, { enabled }, origin);
}

export function removeFilter(doc: Y.Doc, id: string, origin: unknown = null): void {
  if (!idSchema.safeParse(id).success) throw new SessionDocError('invalid_filter_id', 'invalid filter id');
  doc.transact(() => filtersMap(doc).delete(id), origin);
}

/** Replaces every filter with `filters` in one transaction (applying a bookmark). */
export function replaceFilters(doc: Y.Doc, filters: readonly Filter[], origin: unknown = null): void {
  const valid = filters.map(validate);
  doc.transact(() => {
    const map = filtersMap(doc);
    for (const id of [...map.keys()]) map.delete(id);
    for (const { id, ...fields } of valid) map.set(id, mapFrom(fields));
  }, origin);
}
