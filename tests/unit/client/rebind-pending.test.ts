import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { initSessionDoc, readFilters, readSelection, rebindAnalysis } from '../../../shared/session/index.ts';
import { toggleClusterVisible } from '../../../client/session/filter-actions.ts';
import { CLUSTERS_AHEAD_HINT, clusterWritesPaused, rebindPending, rebindPendingIn, REBIND_PENDING_HINT } from '../../../client/session/rebind-pending.ts';
import { useUi } from '../../../client/state/ui-store.ts';
import { toggleClusterSelection } from '../../../client/session/selection-actions.ts';
import type { SessionModel } from '../../../client/session/session-model.ts';

/** A session document bound to analysis "first", seen by a page that has `loaded` on screen. */
function model(loaded: string): SessionModel {
  const doc = new Y.Doc();
  initSessionDoc(doc, { datasetId: 'penguins', analysisId: 'first', createdAt: 1 });
  const partial = {
    canEdit: true,
    conn: { doc, origins: { user: 'me' } },
    identity: { name: 'Tester' },
    presence: { name: 'Tester' },
    analysis: { id: loaded },
    summary: { clusters: [0, 1, 2].map((id) => ({ id, size: 10, label: `C${id}`, traits: [] })), clustering: { noiseCount: 0 } },
  };
  // Only these fields are read by the cluster actions; the rest of the model is irrelevant here.
  return partial as unknown as SessionModel;
}

describe('cluster writes while a re-bind loads', () => {
  it('is pending only while the document names another analysis than the loaded one', () => {
    expect(rebindPending('second', 'first')).toBe(true);
    expect(rebindPending('first', 'first')).toBe(false);
    expect(rebindPending(null, 'first')).toBe(false);
  });

  it('writes cluster filters and selections while the loaded analysis is the current one', () => {
    const m = model('first');
    expect(rebindPendingIn(m)).toBe(false);
    toggleClusterVisible(m, 1);
    toggleClusterSelection(m, 2);
    expect(readFilters(m.conn.doc).map((f) => f.kind)).toEqual(['cluster']);
    expect(readSelection(m.conn.doc).clusters).toEqual([2]);
  });

  it('writes no cluster id between the re-bind and the new arrays arriving', () => {
    const m = model('first');
    rebindAnalysis(m.conn.doc, 'second');
    expect(rebindPendingIn(m)).toBe(true);
    toggleClusterVisible(m, 1);
    toggleClusterSelection(m, 2);
    expect(readFilters(m.conn.doc)).toEqual([]);
    expect(readSelection(m.conn.doc).clusters).toEqual([]);
  });

  it('writes again once the page has loaded the analysis the document names', () => {
    const m = model('second');
    rebindAnalysis(m.conn.doc, 'second');
    toggleClusterSelection(m, 0);
    expect(readSelection(m.conn.doc).clusters).toEqual([0]);
  });

  it('writes no cluster id while the cloud shows the pending analysis\'s clusters ahead of its result, and again after', () => {
    expect(clusterWritesPaused('first', 'first', 'next')).toBe(CLUSTERS_AHEAD_HINT);
    expect(clusterWritesPaused('second', 'first', 'next')).toBe(REBIND_PENDING_HINT);
    expect(clusterWritesPaused('first', 'first', null)).toBeNull();
    const m = model('first');
    useUi.getState().setClustersAhead('next');
    try {
      expect(rebindPendingIn(m)).toBe(true);
      toggleClusterVisible(m, 1);
      toggleClusterSelection(m, 2);
      expect(readFilters(m.conn.doc)).toEqual([]);
      expect(readSelection(m.conn.doc).clusters).toEqual([]);
    } finally {
      useUi.getState().setClustersAhead(null);
    }
    toggleClusterSelection(m, 2);
    expect(readSelection(m.conn.doc).clusters).toEqual([2]);
  });
});
