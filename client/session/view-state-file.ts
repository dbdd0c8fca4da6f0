import { z } from 'zod';
import {
  readFilters,
  readSelection,
  readView,
  replaceFilters,
  setSelection,
  writeView,
  normalizeRanges,
  parseView,
  type Camera,
  type Filter,
  type ViewState,
} from '../../shared/session/index.ts';
import type * as Y from 'yjs';

/**
 * The session's view state as a file: view encodings, filters, selection and a camera. Loading
 * it writes each part through the session accessors (which validate), in one transaction so
 * one undo takes it back.
 */
export const VIEW_FILE_FORMAT = 'data-mirage.view-state';

export interface ViewStateFile {
  format: typeof VIEW_FILE_FORMAT;
  version: 1;
  datasetId: string;
  view: ViewState;
  filters: Filter[];
  selection: { clusters: number[]; points: number[] };
  camera: Camera | null;
}

export function exportViewState(doc: Y.Doc, datasetId: string, camera: Camera | null): ViewStateFile {
  const selection = readSelection(doc);
  return {
    format: VIEW_FILE_FORMAT,
    version: 1,
    datasetId,
    view: readView(doc),
    filters: readFilters(doc),
    selection: { clusters: selection.clusters, points: selection.points },
    camera,
  };
}

const fileSchema = z.object({
  format: z.literal(VIEW_FILE_FORMAT),
  version: z.literal(1),
  datasetId: z.string(),
  view: z.unknown(),
  filters: z.array(z.unknown()),
  selection: z.object({ clusters: z.array(z.number().int()), points: z.array(z.number()) }),
  camera: z.object({ position: z.tuple([z.number(), z.number(), z.number()]), target: z.tuple([z.number(), z.number(), z.number()]) }).nullable(),
});

export class ViewFileError extends Error {
  readonly code = 'invalid_view_file';
}

/** Applies a view-state file to the document; returns its camera (the caller flies there). */
export function importViewState(doc: Y.Doc, text: string, datasetId: string, author: string, origin: unknown): Camera | null {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new ViewFileError('This file is not JSON.');
  }
  const parsed = fileSchema.safeParse(raw);
  if (!parsed.success) throw new ViewFileError('This file is not a Data Mirage view state.');
  const file = parsed.data;
  if (file.datasetId !== datasetId) throw new ViewFileError('This view state belongs to another dataset.');
  doc.transact(() => {
    writeView(doc, parseView(file.view), origin);
    replaceFilters(doc, file.filters as Filter[], origin);
    setSelection(doc, { clusters: file.selection.clusters, points: normalizeRanges(file.selection.points), author }, origin);
  }, origin);
  return file.camera;
}
