import type { CompareGroup, CompareRequest, CompareResult } from '../../../shared/insights/explain.ts';
import { rangesContain, rangesCount } from '../../../shared/session/ranges.ts';
import type { Column, ColumnType } from '../../../shared/table.ts';
import { groupStats, type GroupStats } from './column-stats.ts';
import { countOf, ROWS, type RowNoun } from './dataset-noun.ts';
import { traitsBetween } from './group-traits.ts';
import { groupParagraph } from './paragraph.ts';

/** Ranges a request may carry (two numbers each): a selection of 50,000 scattered runs. */
export const MAX_COMPARE_RANGES = 50_000;

/** A comparison the data cannot answer (empty or overlapping groups, unknown cluster): a 400 with this message. */
export class GroupError extends Error {
  readonly code = 'invalid_group';
}

export interface CompareContext {
  columns: Column[];
  rowIndex: Uint32Array;
  /** Raw cluster id per point, -1 = noise. */
  labels: Int32Array;
  /** Label of each raw cluster id (the analysis's cluster labels). */
  clusterLabels: readonly string[];
  noun?: RowNoun;
}

/**
 * Two groups of analysed rows compared with the same trait maths as the clusters (traitsBetween):
 * what sets a apart from b, and a paragraph of it. Pure; throws GroupError for a question the
 * data cannot answer.
 */
export function compareGroups(ctx: CompareContext, request: CompareRequest): CompareResult {
  const { columns, rowIndex, labels } = ctx;
  if ('rest' in request.a && 'rest' in request.b) throw new GroupError('Only one of the two groups can be "the rest" (the rows not in the other group).');
  for (const [side, group] of [['a', request.a], ['b', request.b]] as const) checkGroup(side, group, ctx);
  // Slot of each point in groupStats: 0 = neither, 1 = a, 2 = b.
  const slot = new Int32Array(rowIndex.length).fill(-1);
  let both = 0;
  for (let p = 0; p < rowIndex.length; p++) {
    const inA = !('rest' in request.a) && contains(request.a, p, ctx);
    const inB = !('rest' in request.b) && contains(request.b, p, ctx);
    if (inA && inB) both++;
    else if (inA) slot[p] = 0;
    else if (inB) slot[p] = 1;
    else if ('rest' in request.a) slot[p] = 0;
    else if ('rest' in request.b) slot[p] = 1;
  }
  if (both > 0) throw new GroupError(`The two groups overlap: ${countOf(both, ROWS)} ${both === 1 ? 'is' : 'are'} in both. Compare groups that share no row.`);
  const sizes = [0, 0];
  for (const s of slot) if (s >= 0) sizes[s]++;
  const label = { a: request.labels?.a ?? defaultLabel(request.a, ctx), b: request.labels?.b ?? defaultLabel(request.b, ctx) };
  if (sizes[0] === 0 || sizes[1] === 0) {
    const empty = sizes[0] === 0 ? `a (${label.a})` : `b (${label.b})`;
    throw new GroupError(`Group ${empty} holds none of the analysed rows; pick rows or a cluster that the analysis kept.`);
  }
  const perColumn = columns
    .map((c) => ({ name: c.name, stats: groupStats(c, rowIndex, slot, 2) }))
    .filter((s): s is { name: string; stats: GroupStats } => s.stats !== null);
  const traits = traitsBetween(perColumn, 1, [2]);
  const noun = ctx.noun ?? ROWS;
  const types = new Map<string, ColumnType>(columns.map((c) => [c.name, c.data.type]));
  const who = `${label.a} (${countOf(sizes[0], noun)}) vs ${label.b} (${countOf(sizes[1], noun)})`;
  return {
    a: { size: sizes[0], label: label.a },
    b: { size: sizes[1], label: label.b },
    traits,
    paragraph: groupParagraph(who, traits, types, `in ${label.b}`),
  };
}

function checkGroup(side: 'a' | 'b', group: CompareGroup, ctx: CompareContext): void {
  if ('cluster' in group) {
    const known = group.cluster === -1 ? ctx.labels.includes(-1) : Number.isInteger(group.cluster) && group.cluster >= 0 && group.cluster < ctx.clusterLabels.length;
    if (!known) {
      throw new GroupError(`Group ${side}: this analysis has no cluster ${group.cluster} (raw ids 0 to ${ctx.clusterLabels.length - 1}${ctx.labels.includes(-1) ? ', -1 for noise' : ''}).`);
    }
  } else if ('rows' in group) {
    const r = group.rows;
    if (r.length > 2 * MAX_COMPARE_RANGES) throw new GroupError(`Group ${side}: at most ${MAX_COMPARE_RANGES.toLocaleString('en-US')} row ranges; this one has ${(r.length / 2).toLocaleString('en-US')}.`);
    if (r.length % 2 !== 0) throw new GroupError(`Group ${side}: rows must be ranges [start, end, start, end, …] (an even count of numbers).`);
    for (let i = 0; i < r.length; i++) {
      // Canonical: each end above its start, each start above the previous end.
      const ok = Number.isSafeInteger(r[i]) && r[i] >= 0 && (i === 0 || r[i] > r[i - 1]);
      if (!ok) throw new GroupError(`Group ${side}: rows must be sorted, disjoint half-open ranges of row indices [start, end, …] with start < end (number ${i + 1} breaks that).`);
    }
    if (rangesCount(r) === 0) throw new GroupError(`Group ${side} holds no rows.`);
  }
}

function contains(group: CompareGroup, p: number, ctx: CompareContext): boolean {
  if ('cluster' in group) return ctx.labels[p] === group.cluster;
  if ('rows' in group) return rangesContain(group.rows, ctx.rowIndex[p]);
  return false;
}

function defaultLabel(group: CompareGroup, ctx: CompareContext): string {
  if ('cluster' in group) return group.cluster === -1 ? 'noise' : ctx.clusterLabels[group.cluster];
  if ('rows' in group) return 'the selection';
  return 'the rest';
}
