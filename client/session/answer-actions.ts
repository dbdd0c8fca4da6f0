import type * as Y from 'yjs';
import type { AskAnswer, AskRequest, ProposedFilter } from '../../shared/insights/ask.ts';
import {
  newEntryId,
  readClusterIds,
  readFilters,
  removeAnswer,
  replaceFilters,
  SessionDocError,
  shareAnswer,
  type Filter,
} from '../../shared/session/index.ts';
import { evaluateFilters } from '../../shared/encodings/filters.ts';
import type { PointContext } from '../../shared/encodings/point-context.ts';
import { useUi } from '../state/ui-store.ts';
import { authorOf, type SessionModel } from './session-model.ts';

/**
 * The cluster numbers this session shows its analysis with, for AskRequest.clusterIds, so
 * "cluster 3" means the cluster this page shows as C3. Absent when the session shows raw ids.
 */
export function askClusterIds(doc: Y.Doc, analysisId: string): AskRequest['clusterIds'] {
  const stored = readClusterIds(doc);
  if (!stored || stored.analysisId !== analysisId) return undefined;
  const raw = [...stored.shown.keys()].sort((a, b) => a - b);
  return { raw, shown: raw.map((r) => stored.shown.get(r)!) };
}

/** Why these proposed filters cannot be applied in this session (a column it lacks), or null. */
export function proposalProblem(model: SessionModel, filters: readonly ProposedFilter[]): string | null {
  for (const f of filters) {
    const column = model.dataset.columns.find((c) => c.name === f.column);
    if (!column) return `The dataset has no column "${f.column}".`;
    const numeric = column.type === 'number' || column.type === 'datetime';
    if (f.kind === 'range' && !numeric) return `"${f.column}" holds no numbers to keep a range of.`;
  }
  return null;
}

/** Shared filters for an answer's proposal: a range keeps its bounds (absent = unbounded). */
export function filtersFromProposal(filters: readonly ProposedFilter[], author: string, now = Date.now()): Filter[] {
  return filters.map((f, k): Filter => {
    const common = { id: newEntryId(), enabled: true, author, createdAt: now + k };
    return f.kind === 'range'
      ? { ...common, kind: 'range', column: f.column, min: f.min ?? null, max: f.max ?? null }
      : { ...common, kind: 'set', column: f.column, values: [...f.values] };
  });
}

/** The session's points a proposal keeps, or null while a column it needs is still loading. */
export function pointsKept(filters: readonly ProposedFilter[], ctx: PointContext): number | null {
  const result = evaluateFilters(filtersFromProposal(filters, ''), ctx);
  return result.pending.length > 0 ? null : result.passCount;
}

/**
 * Whether the session's filters are exactly this proposal now (applied, and not changed or
 * undone since): every enabled filter is one of the proposed, every proposed one is there.
 */
export function proposalApplied(current: readonly Filter[], proposal: readonly ProposedFilter[]): boolean {
  const enabled = current.filter((f) => f.enabled);
  if (proposal.length === 0 || enabled.length !== proposal.length) return false;
  return proposal.every((p) =>
    enabled.some((f) => {
      if (f.kind !== p.kind || f.column !== p.column) return false;
      if (f.kind === 'range' && p.kind === 'range') return f.min === (p.min ?? null) && f.max === (p.max ?? null);
      return f.kind === 'set' && p.kind === 'set' && f.values.length === p.values.length && p.values.every((v) => f.values.includes(v));
    }),
  );
}

/**
 * Makes an answer's proposed filters everyone's view: they replace the session's filters in one
 * transaction (so the cloud shows exactly what the answer counted, and one undo brings the
 * previous filters back). Editors only; nothing is written when they are the filters already.
 * Returns whether anything was written.
 */
export function applyAnswerFilters(model: SessionModel, filters: readonly ProposedFilter[]): boolean {
  if (!model.canEdit || filters.length === 0 || proposalApplied(readFilters(model.conn.doc), filters)) return false;
  const problem = proposalProblem(model, filters);
  if (problem) {
    useUi.getState().showToast(`Could not apply the answer's filters: ${problem}`);
    return false;
  }
  model.columns.ensure(filters.map((f) => f.column));
  replaceFilters(model.conn.doc, filtersFromProposal(filters, authorOf(model)), model.conn.origins.user);
  return true;
}

/** Posts a question and its answer to the room's shared list. Returns the entry's id, or null (said in a toast). */
export function shareToRoom(model: SessionModel, question: string, answer: AskAnswer): string | null {
  if (!model.canEdit) return null;
  try {
    return shareAnswer(model.conn.doc, { ...answer, question, author: authorOf(model) }, model.conn.origins.user);
  } catch (error) {
    if (!(error instanceof SessionDocError)) throw error;
    useUi.getState().showToast(`Could not share the answer: ${error.message}`);
    return null;
  }
}

export function removeSharedAnswer(model: SessionModel, id: string): void {
  if (model.canEdit) removeAnswer(model.conn.doc, id, model.conn.origins.user);
}
