import type * as Y from 'yjs';
import { z } from 'zod';
import { SessionDocError } from './errors.ts';
import { metaMap, plain } from './roots.ts';
import { idSchema, timeSchema } from './schema.ts';

/**
 * The analysis a session is moving to while it still runs (PUT /api/sessions/:id/analysis with
 * a queued or running analysis). Every page follows its progress and live layouts; the server
 * re-binds the session when it is done (clearing this in the same transaction), and when it
 * fails or is cancelled it keeps the entry with that outcome and why, so every page can say so,
 * until the next re-bind replaces it. Stored in `meta` as `pendingAnalysis`; only the server
 * writes it (server/collab/server-owned-meta.ts).
 */
export type PendingAnalysis =
  | { analysisId: string; state: 'running'; since: number }
  | { analysisId: string; state: 'failed' | 'cancelled'; since: number; message: string };

export const PENDING_ANALYSIS_KEY = 'pendingAnalysis';

/** What a failure says, as stored: one sentence, bounded. */
const MESSAGE_LENGTH = 500;

const pendingSchema: z.ZodType<PendingAnalysis> = z.union([
  z.object({ analysisId: idSchema, state: z.literal('running'), since: timeSchema }),
  z.object({ analysisId: idSchema, state: z.enum(['failed', 'cancelled']), since: timeSchema, message: z.string().max(MESSAGE_LENGTH) }),
]);

/** The pending analysis, or null when there is none or the stored value is not valid. */
export function readPendingAnalysis(doc: Y.Doc): PendingAnalysis | null {
  return pendingSchema.safeParse(plain(metaMap(doc).get(PENDING_ANALYSIS_KEY))).data ?? null;
}

/** Writes (or with null removes) the pending analysis; the server's to call. */
export function writePendingAnalysis(doc: Y.Doc, pending: PendingAnalysis | null, origin: unknown = null): void {
  if (pending === null) {
    doc.transact(() => metaMap(doc).delete(PENDING_ANALYSIS_KEY), origin);
    return;
  }
  const value = pending.state === 'running' ? pending : { ...pending, message: pending.message.slice(0, MESSAGE_LENGTH) };
  const parsed = pendingSchema.safeParse(value);
  if (!parsed.success) throw new SessionDocError('invalid_pending_analysis', 'a pending analysis names an analysis id, a state and when');
  doc.transact(() => metaMap(doc).set(PENDING_ANALYSIS_KEY, parsed.data), origin);
}
