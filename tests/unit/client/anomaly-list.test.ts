import { describe, expect, it } from 'vitest';
import { analysisParamsSchema } from '../../../shared/analysis-params.ts';
import { runPipeline } from '../../../server/analysis/pipeline.ts';
import { anomalyListCaption, countFlagged } from '../../../client/encodings/anomaly-list.ts';
import { loadAsset } from '../../support/assets.ts';

const FEATURES = ['Beak Length (mm)', 'Beak Depth (mm)', 'Flipper Length (mm)', 'Body Mass (g)'];

describe('the top-anomalies caption, on a real analysis of the penguins', async () => {
  const penguins = await loadAsset('penguins');
  const analyse = (contamination: number) =>
    runPipeline(
      penguins,
      analysisParamsSchema.parse({ features: FEATURES, reduction: { method: 'pca' }, clustering: { method: 'kmeans', k: 3 }, anomalies: { method: 'isolation-forest', contamination } }),
    );

  it('says how many of the rows listed are flagged when fewer are flagged than listed (the "7 flagged, 20 listed" case)', () => {
    const out = analyse(0.02);
    const { top, flagged } = out.summary.anomalies;
    expect(flagged).toBe(Math.round(342 * 0.02));
    expect(top.length).toBeGreaterThan(flagged);
    const listed = countFlagged(
      top.map((a) => a.point),
      out.anomalyFlag,
    );
    // The list holds the highest scores, so every flagged point is in it, and they come first.
    expect(listed).toBe(flagged);
    expect(top.slice(0, flagged).every((a) => out.anomalyFlag[a.point] === 1)).toBe(true);
    expect(anomalyListCaption({ listed: top.length, flaggedListed: listed, flaggedTotal: flagged })).toBe(`${flagged} of ${top.length} listed are flagged`);
  });

  it('says how many are flagged in all when more are flagged than listed', () => {
    const out = analyse(0.1);
    const { top, flagged } = out.summary.anomalies;
    const listed = countFlagged(
      top.map((a) => a.point),
      out.anomalyFlag,
    );
    expect(flagged).toBeGreaterThan(top.length);
    expect(listed).toBe(top.length);
    expect(anomalyListCaption({ listed: top.length, flaggedListed: listed, flaggedTotal: flagged })).toBe(`${top.length} of ${top.length} listed are flagged (${flagged} flagged in all)`);
    expect(anomalyListCaption({ listed: 5, flaggedListed: 1, flaggedTotal: 1 })).toBe('1 of 5 listed is flagged');
  });
});
