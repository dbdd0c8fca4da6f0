import { describe, expect, it } from 'vitest';
import { activeColourKey, clusterRows, colourChoices, MAX_COLUMN_CHOICES } from '../../../client/xr/panel-options.ts';
import type { Filter } from '../../../shared/session/index.ts';

const columns = [
  { name: 'note', type: 'text' },
  { name: 'species', type: 'category' },
  { name: 'petal', type: 'number' },
  { name: 'a', type: 'number' },
  { name: 'b', type: 'number' },
  { name: 'c', type: 'number' },
];

describe('VR panel colour choices', () => {
  it('offers cluster, anomaly and the first colourable columns (no free text), each as a shared encoding', () => {
    const choices = colourChoices(columns);
    expect(choices.map((c) => c.key)).toEqual(['cluster', 'anomaly', 'col:species', 'col:petal', 'col:a', 'col:b']);
    expect(choices.length).toBe(2 + MAX_COLUMN_CHOICES);
    expect(choices[2].encoding).toEqual({ by: 'column', column: 'species' });
  });
  it('marks the choice the shared colour matches, none for one not on the panel', () => {
    const choices = colourChoices(columns);
    expect(activeColourKey({ by: 'cluster', palette: 'x' }, choices)).toBe('cluster');
    expect(activeColourKey({ by: 'column', column: 'petal' }, choices)).toBe('col:petal');
    expect(activeColourKey({ by: 'column', column: 'c' }, choices)).toBe('');
    expect(activeColourKey({ by: 'constant', value: '#fff' }, choices)).toBe('');
  });
});

describe('VR panel cluster legend', () => {
  const base = { id: 'f1', author: 'a', createdAt: 1 };
  it('shows every cluster without a cluster filter, or when it is disabled', () => {
    expect(clusterRows([-1, 0, 1], []).map((r) => r.shown)).toEqual([true, true, true]);
    const off: Filter = { ...base, kind: 'cluster', values: [0], enabled: false };
    expect(clusterRows([0, 1], [off]).every((r) => r.shown)).toBe(true);
  });
  it('hides the clusters the enabled shared filter leaves out', () => {
    const f: Filter = { ...base, kind: 'cluster', values: [0, -1], enabled: true };
    const rows = clusterRows([-1, 0, 1], [f]);
    expect(rows.map((r) => [r.id, r.shown])).toEqual([[-1, true], [0, true], [1, false]]);
    // Named as everywhere else in the app: 1-based, noise by name.
    expect(rows.map((r) => r.name)).toEqual(['Noise', 'C1', 'C2']);
  });
});
