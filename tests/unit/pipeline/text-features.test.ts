import { describe, expect, it } from 'vitest';
import { analysisParamsSchema, type AnalysisParamsInput } from '../../../shared/analysis-params.ts';
import { runPipeline } from '../../../server/analysis/pipeline.ts';
import { prepareFeatures, FeatureSelectionError, TextFeatureError } from '../../../server/analysis/prepare/index.ts';
import { trustworthiness } from '../../../server/analysis/quality/trustworthiness.ts';
import { textFeatures } from '../../../server/analysis/text/text-features.ts';
import type { Table } from '../../../shared/table.ts';
import { loadAsset } from '../../support/assets.ts';
import { traitsSentence } from '../../../server/insights/ask/traits-sentence.ts';
import { buildVocabulary } from '../../../server/insights/ask/vocabulary.ts';

const OTHERS = ['Section', 'Priority', 'Architecture', 'Installed-Size (KiB)', 'Dependencies'];
const params = (p: AnalysisParamsInput) => analysisParamsSchema.parse(p);

function descriptionsOf(table: Table): (string | null)[] {
  const data = table.columns.find((c) => c.name === 'Description')!.data;
  if (data.type !== 'text') throw new Error('Description should be text');
  return data.values;
}

describe('free text as features on the Debian package table', async () => {
  const table = await loadAsset('debianPackages');
  const description = table.columns.find((c) => c.name === 'Description')!;
  const off = runPipeline(table, params({ features: OTHERS }));
  const added = runPipeline(table, params({ features: [...OTHERS, 'Description'], text: { columns: ['Description'] } }));
  const alone = runPipeline(table, params({ features: ['Description'], text: { columns: ['Description'] } }));
  // The text-only reference: the TF-IDF space itself, on 100 SVD dimensions (half its variance).
  const reference = textFeatures(description, off.rowIndex, 100, 1);
  const high = { rows: off.rowIndex.length, cols: reference.dimensions, data: Float32Array.from(reference.values) };
  const trust = (positions: Float32Array) => trustworthiness(high, { rows: high.rows, cols: 3, data: positions }, 10);

  it('keeps every row (a text is never missing as a feature) and the same rows with and without text', () => {
    expect(off.rowIndex).toEqual(added.rowIndex);
    expect(alone.rowIndex.length).toBe(table.rowCount);
  });

  it('lays rows out by their words: trustworthiness against the TF-IDF space rises with the text features on', () => {
    const t = { off: trust(off.positions), added: trust(added.positions), alone: trust(alone.positions) };
    console.log(`trustworthiness against TF-IDF (k = 10): without text ${t.off.toFixed(3)}, text added ${t.added.toFixed(3)}, text alone ${t.alone.toFixed(3)}`);
    expect(t.alone).toBeGreaterThan(0.75);
    expect(t.alone - t.off).toBeGreaterThan(0.2);
    expect(t.added - t.off).toBeGreaterThan(0.03);
  });

  it('says what the text became, weighed against the numbers', () => {
    const encoding = added.summary.features.find((f) => f.column === 'Description')!;
    expect(encoding).toMatchObject({ type: 'text', encoding: 'tfidf-svd' });
    expect(encoding.outputs).toHaveLength(20);
    expect(encoding.text!.terms).toBeGreaterThan(1000);
    expect(encoding.weight!).toBeGreaterThan(0);
    expect(added.summary.featureDimensions).toBe(off.summary.featureDimensions + 20);
    expect(added.summary.notes.some((n) => n.text.startsWith('Text column Description became word features'))).toBe(true);
    expect(alone.summary.features.find((f) => f.column === 'Description')!.weight).toBe(1);
  });

  it('names words that really are over-represented in a cluster (direct count)', () => {
    const texts = descriptionsOf(table);
    const holds = (row: number, word: string) => new RegExp(`(^|[^\\p{L}\\p{N}'])${word}($|[^\\p{L}\\p{N}'])`, 'iu').test(texts[row] ?? '');
    const withWords = alone.summary.clusters.filter((c) => c.traits.some((t) => t.kind === 'words'));
    expect(withWords.length).toBeGreaterThan(0);
    for (const cluster of withWords) {
      const trait = cluster.traits.find((t) => t.kind === 'words')!;
      expect(cluster.label).toContain(`words: '${trait.words![0].term}'`);
      for (const word of trait.words!) {
        let inside = 0;
        let outside = 0;
        for (let p = 0; p < alone.rowIndex.length; p++) {
          if (!holds(alone.rowIndex[p], word.term)) continue;
          if (alone.cluster[p] === cluster.id) inside++;
          else outside++;
        }
        const share = inside / cluster.size;
        const restShare = outside / (alone.rowIndex.length - cluster.size);
        expect(share).toBeCloseTo(word.share, 6);
        expect(restShare).toBeCloseTo(word.restShare, 6);
        expect(share).toBeGreaterThan(restShare);
      }
    }
  });

  it('says a cluster\'s words in the ask answers, with their shares', () => {
    const cluster = alone.summary.clusters.find((c) => c.traits.some((t) => t.kind === 'words'))!;
    const words = cluster.traits.find((t) => t.kind === 'words')!.words!;
    const sentence = traitsSentence(cluster.traits, buildVocabulary(table.columns.map((c) => ({ name: c.name, type: c.data.type }))));
    expect(sentence).toContain(`Words in Description: '${words[0].term}' (`);
    expect(sentence).toMatch(/vs \d+(\.\d)?% elsewhere/);
  });

  it('refuses a column that is not text, and a text with too few shared words, in words', () => {
    expect(() => prepareFeatures(table, params({ text: { columns: ['Section'] } }))).toThrow(FeatureSelectionError);
    expect(() => prepareFeatures(table, params({ text: { columns: ['Section'] } }))).toThrow(/not free text/);
    const unshared = { name: 'Note', identifier: false, data: { type: 'text' as const, values: ['alpha beta', 'gamma', null, 'delta'] } };
    expect(() => textFeatures(unshared, Uint32Array.of(0, 1, 2, 3), 20, 1)).toThrow(TextFeatureError);
    expect(() => textFeatures(unshared, Uint32Array.of(0, 1, 2, 3), 20, 1)).toThrow(/no word that occurs in 2 or more rows/);
    expect(() => prepareFeatures(table, params({ features: ['Description'] }))).toThrow(/turn it into word features/);
  });
});
