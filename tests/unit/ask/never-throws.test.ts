import { describe, expect, it } from 'vitest';
import { analysisParamsSchema } from '../../../shared/analysis-params.ts';
import { createRandom } from '../../../shared/random.ts';
import { LIMITS } from '../../../shared/session/limits.ts';
import { runPipeline } from '../../../server/analysis/pipeline.ts';
import { profileTable } from '../../../server/ingest/index.ts';
import { clusterNumbering } from '../../../server/insights/ask/ask-context.ts';
import { answerQuestion } from '../../../server/insights/ask/answer-question.ts';
import { buildAskContext } from '../../../server/insights/ask/build-context.ts';
import { shareable } from '../../../server/insights/ask/row-conditions.ts';
import { loadAsset } from '../../support/assets.ts';

const PARAMS = analysisParamsSchema.parse({ reduction: { method: 'pca' }, clustering: { method: 'kmeans', k: 3 } });

/**
 * Seeded random questions from the pieces real ones are made of (column names and values of the
 * dataset, numbers, units, comparisons, clusters, small words, signs, odd text): every answer is
 * an answer — no throw, a text, and citations and filters that fit an answer shared to the room.
 */
describe('any question gets an answer', () => {
  for (const name of ['penguins', 'cars', 'seattle'] as const) {
    it(`${name}: 400 random questions`, async () => {
      const table = await loadAsset(name);
      const out = runPipeline(table, PARAMS);
      const ctx = await buildAskContext({ analysisId: 'fuzz', datasetName: name, table, profiles: profileTable(table).columns, summary: out.summary, rowIndex: out.rowIndex, cluster: out.cluster, quality: null });
      const numbering = clusterNumbering(undefined, out.summary.clusters.map((c) => c.id));
      const levels = table.columns.flatMap((c) => ('dictionary' in c.data ? c.data.dictionary.slice(0, 5) : []));
      const pieces = [
        ...table.columns.map((c) => c.name),
        ...levels,
        ...'how many show which what is the average median range of more than less at least at most between and or not except no missing unusual cluster compare with in over under above below exactly heaviest lightest windiest describe 2015 1975 0 -3 5 5,000 3.5 1e9 kg g mm cm km lbs hp > < >= = ≤ c2 third __proto__ constructor 🐧 " , ? ( )'.split(' '),
      ];
      const random = createRandom(name.length * 7919);
      for (let q = 0; q < 400; q++) {
        const words = Array.from({ length: 1 + Math.floor(random() * 9) }, () => pieces[Math.floor(random() * pieces.length)]);
        const question = words.join(' ');
        const { answer } = answerQuestion(question, ctx, numbering);
        expect(typeof answer.answer, question).toBe('string');
        expect(answer.answer.length, question).toBeGreaterThan(0);
        expect(answer.answer.length, question).toBeLessThanOrEqual(LIMITS.answerTextLength);
        expect(answer.citations.length, question).toBeLessThanOrEqual(LIMITS.answerCitations);
        if (answer.filters) expect(shareable(answer.filters), question).toBe(true);
        // JSON would turn NaN or Infinity into null: every bound is a finite number.
        for (const f of answer.filters ?? []) if (f.kind === 'range') expect([f.min, f.max].every((b) => b === undefined || Number.isFinite(b)), question).toBe(true);
        for (const c of answer.citations) if (c.kind === 'row') expect(c.rowIndex >= 0 && c.rowIndex < table.rowCount, question).toBe(true);
        if (answer.count !== undefined) expect(Number.isInteger(answer.count) && answer.count >= 0, question).toBe(true);
      }
    }, 60_000);
  }
});
