import { describe, expect, it } from 'vitest';
import { CloudBuilder, type CloudInputs } from '../../../client/encodings/cloud-builder.ts';
import { legendMarks } from '../../../shared/encodings/legend.ts';
import { searchPoints } from '../../../client/encodings/search.ts';
import { PointFlag } from '../../../shared/scene/flags.ts';
import { DEFAULT_VIEW, EMPTY_SELECTION } from '../../../shared/session/index.ts';
import { penguins } from './penguin-context.ts';

describe('search as a personal lens', () => {
  async function inputs(): Promise<CloudInputs> {
    const { ctx } = await penguins();
    const embedding = new Float32Array(ctx.count * 3).map((_, i) => (i % 7) / 7 - 0.5);
    return { ctx, embedding, view: DEFAULT_VIEW, filters: [], selection: EMPTY_SELECTION, search: null, hoveredByOthers: [], knownColumns: new Set(ctx.columns.keys()) };
  }

  it('dims exactly the non-matches and leaves the filter bit alone', async () => {
    const base = await inputs();
    const search = searchPoints('gentoo', ['Species'], base.ctx);
    expect(search.count).toBeGreaterThan(100);
    const { flags } = new CloudBuilder().build({ ...base, search: search.mask }).data;
    let dimmed = 0;
    for (let i = 0; i < flags.length; i++) {
      expect((flags[i] & PointFlag.Dimmed) !== 0).toBe(search.mask[i] === 0);
      expect(flags[i] & PointFlag.PassesFilter).toBe(PointFlag.PassesFilter);
      dimmed += (flags[i] & PointFlag.Dimmed) !== 0 ? 1 : 0;
    }
    expect(dimmed).toBe(base.ctx.count - search.count);
  });

  it('dims nothing without a search or when nothing matches', async () => {
    const base = await inputs();
    const none = searchPoints('no such penguin', ['Species'], base.ctx);
    expect(none.count).toBe(0);
    for (const search of [null, none.mask]) {
      const { flags } = new CloudBuilder().build({ ...base, search }).data;
      expect(flags.some((f) => (f & PointFlag.Dimmed) !== 0)).toBe(false);
    }
  });
});

describe('legend marks', () => {
  it('explains the anomaly ring always, selection and search only when present', () => {
    const quiet = legendMarks({ anomalyFlagged: 7, contamination: 0.02, selectedCount: 0, searchCount: null });
    expect(quiet.map((m) => m.kind)).toEqual(['anomaly']);
    expect(quiet[0].label).toBe('orange ring: anomaly (top 2%)');
    expect(quiet[0].count).toBe(7);

    const busy = legendMarks({ anomalyFlagged: 7, contamination: 0.005, selectedCount: 26, searchCount: 26 });
    expect(busy.map((m) => m.kind)).toEqual(['anomaly', 'selected', 'search']);
    expect(busy[0].label).toContain('top 0.5%');
    expect(busy[1].count).toBe(26);

    expect(legendMarks({ anomalyFlagged: 0, contamination: 0.02, selectedCount: 0, searchCount: 0 })).toEqual([]);
  });
});
