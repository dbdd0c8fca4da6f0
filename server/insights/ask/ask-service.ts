import type { AskAnswer, AskRequest } from '../../../shared/insights/ask.ts';
import type { QualityReport } from '../../../shared/insights/quality.ts';
import { LIMITS } from '../../../shared/session/limits.ts';
import type { AnalysisCatalog } from '../../store/analysis-catalog.ts';
import type { DatasetCatalog } from '../../store/dataset-catalog.ts';
import { clusterNumbering, type AskContext } from './ask-context.ts';
import { answerQuestion } from './answer-question.ts';
import { buildAskContext } from './build-context.ts';
import { ContextCache } from './context-cache.ts';
import { ModelError, streamModelAnswer, type ModelConfig } from './model-phrasing.ts';
import type { OfflineAnswer } from './offline-answer.ts';

/** A dataset's quality report, when the quality work provides one (wired at the merge of issue 12's branches). */
export type QualityProvider = (datasetId: string) => Promise<QualityReport | null>;

export interface AskServiceOptions {
  datasets: DatasetCatalog;
  analyses: AnalysisCatalog;
  quality?: QualityProvider;
  model: ModelConfig | null;
  /** Analyses whose index (and table) stay in memory, and their cells (rows × columns) together; the least recently asked goes first. */
  keep?: { count: number; cells: number };
}

/** 3 analyses, 40M cells (a table of 2M rows × 20 columns, ~320 MB of numbers): the one asked last always stays. */
const KEEP = { count: 3, cells: 40_000_000 };

/** Retrieved documents added to the model's context beside the offline answer. */
const MODEL_CONTEXT_DOCUMENTS = 4;

/**
 * Answers questions about finished analyses. The index of an analysis (its table, vocabulary and
 * retrieval documents) is built on its first question and kept for the few most recently asked
 * (KEEP); a restart rebuilds it on demand.
 */
export class AskService {
  private readonly contexts: ContextCache<AskContext>;

  constructor(private readonly options: AskServiceOptions) {
    const keep = options.keep ?? KEEP;
    this.contexts = new ContextCache({ count: keep.count, size: keep.cells }, (c) => c.table.rowCount * c.table.columns.length);
  }

  /** The offline answer: templates over exact figures, citations and filters. */
  async answer(analysisId: string, request: AskRequest): Promise<{ offline: OfflineAnswer; context: AskContext }> {
    const context = await this.context(analysisId);
    const numbering = clusterNumbering(request.clusterIds, context.summary.clusters.map((c) => c.id));
    return { offline: answerQuestion(request.question, context, numbering), context };
  }

  /**
   * The answer phrased by the configured model, its text streamed to `onText` as it comes; the
   * offline answer with a note when the model fails or is too slow. Citations, filters and count
   * are always the offline engine's.
   */
  async phrase(question: string, offline: OfflineAnswer, context: AskContext, onText: (text: string) => void, signal?: AbortSignal): Promise<AskAnswer> {
    const model = this.options.model;
    if (!model) return offline.answer;
    const retrieved = context.index.query(question, MODEL_CONTEXT_DOCUMENTS).map((h) => `${h.document.title}: ${h.document.text}`);
    const facts = [...new Set([...offline.context, ...retrieved])];
    let text = '';
    try {
      for await (const piece of streamModelAnswer(model, question, facts, signal)) {
        // As long as an answer shared to the room may be; a longer one is cut (and the model stopped).
        const room = LIMITS.answerTextLength - 1 - text.length;
        const kept = piece.slice(0, Math.max(0, room));
        text += kept;
        if (kept) onText(kept);
        if (kept.length < piece.length) {
          text += '…';
          onText('…');
          break;
        }
      }
      if (text.trim() === '') throw new ModelError('The language model sent an empty answer');
      return { ...offline.answer, answer: text.trim(), source: 'model' };
    } catch (error) {
      const why = error instanceof ModelError ? error.message : 'The language model failed';
      return { ...offline.answer, note: `${why}; this is the offline answer.` };
    }
  }

  private context(analysisId: string): Promise<AskContext> {
    return this.contexts.get(analysisId, () => this.build(analysisId));
  }

  private async build(analysisId: string): Promise<AskContext> {
    const { datasets, analyses, quality } = this.options;
    const analysis = analyses.get(analysisId);
    const summary = analysis.result!;
    const detail = datasets.get(analysis.datasetId);
    const table = await datasets.readTable(analysis.datasetId);
    const rowIndex = (await analyses.readArray(analysisId, 'rowIndex')) as Uint32Array;
    const cluster = (await analyses.readArray(analysisId, 'cluster')) as Int32Array;
    const report = quality ? await quality(analysis.datasetId).catch(() => null) : null;
    return buildAskContext({ analysisId, datasetName: detail.name, table, profiles: detail.columns.map((c) => c.profile), summary, rowIndex, cluster, quality: report });
  }
}
