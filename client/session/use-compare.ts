import { useEffect, useMemo, useRef, useState } from 'react';
import { LIMITS, rangesCount, readBookmarks, readSelection, type Bookmark } from '../../shared/session/index.ts';
import { compareGroups, type CompareGroup } from '../api/insights.ts';
import type { CompareResult } from '../../shared/insights/explain.ts';
import { useDocValue } from '../collab/use-doc.ts';
import { clusterName } from '../../shared/encodings/point-values.ts';
import { selectedRows } from './bookmark-actions.ts';
import { exclusiveGroups } from './then-vs-now.ts';
import type { SessionModel } from './session-model.ts';

/** One group a user can pick for a comparison. */
export interface GroupOption {
  key: string;
  label: string;
  /** How the result names it ("C3", "the selection"): the labels sent with the request. */
  short: string;
  /** Why it cannot be picked now (an empty selection), or null. */
  unavailable: string | null;
}

export interface CompareState {
  options: GroupOption[];
  a: string;
  b: string;
  setA(key: string): void;
  setB(key: string): void;
  /** Why these two cannot be compared (the same group twice, "the rest" of "the rest"), or null. */
  invalid: string | null;
  run(): void;
  running: boolean;
  result: CompareResult | null;
  /**
   * The labels of the compared groups, as they were when the result was asked for, and the rows
   * both held (two row groups that overlap are compared by the rows only in each; 0 otherwise).
   */
  compared: { a: string; b: string; shared: number } | null;
  error: string | null;
}

const SELECTION = 'selection';
const REST = 'rest';

/**
 * Compare any two groups on demand: a cluster (by its displayed number), the current shared
 * selection, "the rest" (every analysed row outside the other group) or the rows a bookmark
 * saved as its selection. Groups go to the server as raw cluster ids or canonical row ranges.
 * Two row groups that share rows (a bookmark's selection against today's) are compared by the
 * rows only in each, and the result says how many rows both held; a cluster that overlaps a row
 * group still gets the server's overlap sentence.
 */
export function useCompare(model: SessionModel): CompareState {
  const { doc } = model.conn;
  const selection = useDocValue(doc, ['selection'], readSelection);
  const bookmarks = useDocValue(doc, ['bookmarks'], readBookmarks);
  const selectionEmpty = selection.points.length === 0 && selection.clusters.length === 0;

  const options = useMemo<GroupOption[]>(() => {
    const out: GroupOption[] = [{ key: SELECTION, label: 'the current selection', short: 'the selection', unavailable: selectionEmpty ? 'nothing is selected' : null }];
    for (const c of model.summary.clusters) out.push({ key: `cluster:${c.id}`, label: c.label ? `${clusterName(c.id)} · ${c.label}` : clusterName(c.id), short: clusterName(c.id), unavailable: null });
    out.push({ key: REST, label: 'the rest', short: 'the rest', unavailable: null });
    for (const b of bookmarks) if (b.selection) out.push({ key: `bookmark:${b.id}`, label: `bookmark “${b.title}” (${rangesCount(b.selection).toLocaleString('en-US')} rows)`, short: `bookmark “${b.title}”`, unavailable: null });
    return out;
  }, [model, bookmarks, selectionEmpty]);

  const firstCluster = model.summary.clusters[0] ? `cluster:${model.summary.clusters[0].id}` : REST;
  const [a, setA] = useState(selectionEmpty ? firstCluster : SELECTION);
  const [b, setB] = useState(REST);
  const [result, setResult] = useState<{ result: CompareResult; compared: { a: string; b: string; shared: number } } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [running, setRunning] = useState(false);
  const live = useRef(true);
  useEffect(() => {
    live.current = true;
    return () => {
      live.current = false;
    };
  }, []);

  const shortOf = (key: string) => options.find((o) => o.key === key)?.short ?? key;
  const unavailable = [a, b].map((k) => options.find((o) => o.key === k)?.unavailable).find((u) => u);
  const invalid =
    a === b ? 'Pick two different groups.' : a === REST && b === REST ? 'Compare a group with the rest.' : unavailable ? `Cannot compare: ${unavailable}.` : !options.some((o) => o.key === a) || !options.some((o) => o.key === b) ? 'Pick both groups.' : null;

  const groupOf = (key: string, bookmarkList: Bookmark[]): CompareGroup => {
    if (key === REST) return { rest: true };
    if (key === SELECTION) return { rows: selectedRows(model) };
    if (key.startsWith('cluster:')) {
      const shown = Number(key.slice('cluster:'.length));
      return { cluster: model.rawClusterIds.get(shown) ?? shown };
    }
    const bookmark = bookmarkList.find((x) => `bookmark:${x.id}` === key);
    return { rows: bookmark?.selection ?? [] };
  };

  const run = () => {
    if (invalid) return;
    // The server takes labels of at most LIMITS.nameLength characters (a bookmark's title may be longer).
    const cut = (text: string) => (text.length <= LIMITS.nameLength ? text : `${text.slice(0, LIMITS.nameLength - 2)}…”`);
    const labels = { a: cut(shortOf(a)), b: cut(shortOf(b)) };
    setError(null);
    // A result stays only while it answers the groups on show.
    setResult(null);
    let groupA = groupOf(a, bookmarks);
    let groupB = groupOf(b, bookmarks);
    let shared = 0;
    // Two row groups (then vs now: a bookmark's selection and today's) that share rows: the rows only in each.
    if ('rows' in groupA && 'rows' in groupB) {
      const exclusive = exclusiveGroups(groupA.rows, groupB.rows);
      shared = exclusive.shared;
      const empty = exclusive.a.length === 0 ? labels.a : exclusive.b.length === 0 ? labels.b : null;
      if (empty) {
        setError(`Every row of ${empty} is also in the other group: no rows only in ${empty} are left to compare.`);
        return;
      }
      groupA = { rows: exclusive.a };
      groupB = { rows: exclusive.b };
    }
    setRunning(true);
    compareGroups(model.analysis.id, { a: groupA, b: groupB, labels })
      .then((r) => live.current && setResult({ result: r, compared: { ...labels, shared } }))
      .catch((e: unknown) => live.current && setError(e instanceof Error ? e.message : String(e)))
      .finally(() => live.current && setRunning(false));
  };

  return { options, a, b, setA, setB, invalid, run, running, result: result?.result ?? null, compared: result?.compared ?? null, error };
}
