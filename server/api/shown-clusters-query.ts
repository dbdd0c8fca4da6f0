import { LIMITS } from '../../shared/session/limits.ts';
import { badRequest } from './http-error.ts';

const PAIR = /^(\d{1,6}):(\d{1,6})$/;

/**
 * The `clusters` query of the statistics route: the numbers a session displays the analysis's
 * clusters with, as `raw:shown` pairs separated by commas ("0:2,1:0,2:1"), one for each of
 * `rawIds` (the analysis's clusters). Absent → null (raw ids). Anything else is a 400 with a
 * sentence: a malformed pair, a cluster the analysis lacks or gives twice, one left out, two
 * clusters shown as one number, a number past LIMITS.clusterIds.
 */
export function parseShownClusters(query: string | undefined, rawIds: readonly number[]): Map<number, number> | null {
  if (query === undefined) return null;
  const shown = new Map<number, number>();
  const used = new Set<number>();
  const known = new Set(rawIds);
  for (const part of query.split(',')) {
    const pair = PAIR.exec(part.trim());
    if (!pair) throw badRequest(`clusters is a list of raw:shown cluster numbers such as "0:2,1:0"; "${part.slice(0, 40)}" is not one.`);
    const raw = Number(pair[1]);
    const id = Number(pair[2]);
    if (!known.has(raw)) throw badRequest(`clusters names cluster ${raw}, which this analysis does not have (its clusters are 0 to ${rawIds.length - 1}).`);
    if (shown.has(raw)) throw badRequest(`clusters gives cluster ${raw} twice.`);
    if (id >= LIMITS.clusterIds) throw badRequest(`clusters shows a cluster as ${id}; displayed numbers are below ${LIMITS.clusterIds}.`);
    if (used.has(id)) throw badRequest(`clusters shows two clusters as ${id}; each cluster needs its own number.`);
    shown.set(raw, id);
    used.add(id);
  }
  const missing = rawIds.filter((r) => !shown.has(r));
  if (missing.length > 0) throw badRequest(`clusters leaves out cluster${missing.length === 1 ? '' : 's'} ${missing.slice(0, 5).join(', ')}: give a displayed number for every cluster of the analysis.`);
  return shown;
}
