import { useRef, useState } from 'react';
import type { CoOccurrenceAnswer, CoOccurrenceRequest } from '../../shared/insights/co-occurrence.ts';
import { rangesFromIndices } from '../../shared/session/ranges.ts';
import { getCoOccurrences } from '../api/presets.ts';
import { rowsOfMask } from '../encodings/selection.ts';
import { clusterName } from '../../shared/encodings/point-values.ts';
import { clusterMembers } from './focus-cluster.ts';
import type { SessionCloud, SessionModel } from './session-model.ts';

/** `cluster`: a displayed cluster id (as the Clusters panel shows it), sent as its rows so renumbering cannot mix clusters up. */
export type RuleGroup = { kind: 'all' } | { kind: 'selection' } | { kind: 'cluster'; id: number };

export interface CoOccurrenceState {
  answer: CoOccurrenceAnswer | null;
  /** What the shown rules were counted over, in words ("all 333 points", "the selection (52 rows)"). */
  groupLabel: string | null;
  loading: boolean;
  error: string | null;
  find(group: RuleGroup): void;
}

/**
 * Rules of the chosen group, asked of the server when the user says so (not on every selection
 * change: clicking a rule replaces the selection, and the rules it came from should stay listed).
 */
export function useCoOccurrences(model: SessionModel, cloud: SessionCloud): CoOccurrenceState {
  const [answer, setAnswer] = useState<CoOccurrenceAnswer | null>(null);
  const [groupLabel, setGroupLabel] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const asked = useRef(0);

  const find = (group: RuleGroup) => {
    const ticket = ++asked.current;
    let request: CoOccurrenceRequest;
    let label: string;
    if (group.kind === 'selection') {
      const rows = rowsOfMask(cloud.selectedMask, model.arrays.rowIndex);
      request = { group: { kind: 'rows', rows: rangesFromIndices(rows) } };
      label = `the selection (${rows.length.toLocaleString('en-US')} rows)`;
    } else if (group.kind === 'cluster') {
      const rows = clusterMembers(model.arrays.cluster, group.id).map((p) => model.arrays.rowIndex[p]);
      request = { group: { kind: 'rows', rows: rangesFromIndices(rows) } };
      label = `${clusterName(group.id)} (${rows.length.toLocaleString('en-US')} rows)`;
    } else {
      request = { group: { kind: 'all' } };
      label = `all ${model.arrays.rowIndex.length.toLocaleString('en-US')} points`;
    }
    setLoading(true);
    setError(null);
    getCoOccurrences(model.analysis.id, request).then(
      (a) => {
        if (ticket !== asked.current) return;
        setAnswer(a);
        setGroupLabel(label);
        setLoading(false);
      },
      (e: unknown) => {
        if (ticket !== asked.current) return;
        setError(e instanceof Error ? e.message : String(e));
        setLoading(false);
      },
    );
  };

  return { answer, groupLabel, loading, error, find };
}
