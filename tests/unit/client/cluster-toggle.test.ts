import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { readFilters, setFilterEnabled } from '../../../shared/session/index.ts';
import { toggleClusterVisible } from '../../../client/session/filter-actions.ts';
import type { SessionModel } from '../../../client/session/session-model.ts';

/** The parts of a session model the cluster toggle reads: a real Yjs document and three clusters. */
function model(canEdit = true): SessionModel {
  const doc = new Y.Doc();
  const partial = {
    canEdit,
    conn: { doc, origins: { user: 'me' } },
    identity: { name: 'Tester' },
    presence: { name: 'Tester' },
    summary: { clusters: [0, 1, 2].map((id) => ({ id, size: 10, label: `C${id}`, traits: [] })), clustering: { noiseCount: 0 } },
  };
  // Only these fields are used by toggleClusterVisible (presence.name is the author); the rest of the model is irrelevant here.
  return partial as unknown as SessionModel;
}

const kept = (m: SessionModel) => {
  const f = readFilters(m.conn.doc).find((x) => x.kind === 'cluster');
  return f && f.kind === 'cluster' ? { values: [...f.values].sort(), enabled: f.enabled } : null;
};

describe('cluster visibility toggles', () => {
  it('hides and shows one cluster at a time, and drops the filter when all are shown', () => {
    const m = model();
    toggleClusterVisible(m, 1);
    expect(kept(m)).toEqual({ values: [0, 2], enabled: true });
    toggleClusterVisible(m, 2);
    expect(kept(m)).toEqual({ values: [0], enabled: true });
    toggleClusterVisible(m, 1);
    toggleClusterVisible(m, 2);
    expect(kept(m)).toBeNull();
  });

  it('signs the filter with the name others see (numbered when another tab has ours)', () => {
    const m = { ...model(), presence: { name: 'Tester 2' } } as unknown as SessionModel;
    toggleClusterVisible(m, 1);
    expect(readFilters(m.conn.doc).find((f) => f.kind === 'cluster')?.author).toBe('Tester 2');
  });

  it('treats a disabled filter as "all shown": a click hides only the clicked cluster', () => {
    const m = model();
    toggleClusterVisible(m, 0);
    toggleClusterVisible(m, 1);
    const id = readFilters(m.conn.doc).find((x) => x.kind === 'cluster')!.id;
    setFilterEnabled(m.conn.doc, id, false);
    toggleClusterVisible(m, 2);
    expect(kept(m)).toEqual({ values: [0, 1], enabled: true });
  });

  it('changes nothing for a view-only participant', () => {
    const m = model(false);
    toggleClusterVisible(m, 1);
    expect(kept(m)).toBeNull();
  });
});
