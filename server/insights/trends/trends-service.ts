import type { TrendPeriod, TrendsResponse } from '../../../shared/insights/trends.ts';
import type { AnalysisCatalog } from '../../store/analysis-catalog.ts';
import type { DatasetCatalog } from '../../store/dataset-catalog.ts';
import { ContextCache } from '../ask/context-cache.ts';
import { computeTrends, TrendsInputError } from './compute-trends.ts';

export interface TrendsQuery {
  date: string;
  value?: string;
  period: TrendPeriod | 'auto';
  horizon: number;
  shown?: ReadonlyMap<number, number>;
}

/** Answers kept, and their charted values (periods × clusters) together; the least recently asked goes first. */
const KEEP = { count: 32, size: 2_000_000 };

/**
 * Trends of finished analyses. An analysis and its dataset never change, so an answer is kept
 * by its query (KEEP): a room of participants opening the panel computes it once.
 */
export class TrendsService {
  private readonly answers = new ContextCache<TrendsResponse>(KEEP, (r) => (r.periodStarts.length + r.horizon) * r.clusters.length);

  constructor(private readonly stores: { datasets: DatasetCatalog; analyses: AnalysisCatalog }) {}

  trends(analysisId: string, query: TrendsQuery): Promise<TrendsResponse> {
    const shown = query.shown ? [...query.shown].sort((a, b) => a[0] - b[0]) : null;
    const key = JSON.stringify([analysisId, query.date, query.value ?? null, query.period, query.horizon, shown]);
    return this.answers.get(key, () => analysisTrends(this.stores, analysisId, query));
  }
}

/**
 * Reads what a finished analysis' trends need (its points' rows and clusters, and only the date
 * and value columns of its dataset) and computes them. Column problems are TrendsInputErrors (400).
 */
async function analysisTrends(stores: { datasets: DatasetCatalog; analyses: AnalysisCatalog }, analysisId: string, query: TrendsQuery): Promise<TrendsResponse> {
  const analysis = stores.analyses.get(analysisId);
  const detail = stores.datasets.get(analysis.datasetId);
  const dateColumns = detail.columns.filter((c) => c.type === 'datetime').map((c) => `"${c.name}"`);
  const dates = dateColumns.length > 0 ? `its date columns: ${dateColumns.join(', ')}` : 'it has no date column';
  const describe = (name: string) => detail.columns.find((c) => c.name === name);
  const date = describe(query.date);
  if (!date) throw new TrendsInputError(`The dataset has no column "${query.date}"; ${dates}.`);
  if (date.type !== 'datetime') throw new TrendsInputError(`Column "${query.date}" holds ${date.type} values, not dates; ${dates}.`);
  if (query.value !== undefined) {
    const value = describe(query.value);
    if (!value) throw new TrendsInputError(`The dataset has no column "${query.value}" to average.`);
    if (value.type !== 'number') throw new TrendsInputError(`Column "${query.value}" holds ${value.type} values: only a numeric column can be averaged per period.`);
  }
  const wanted = new Set([query.date, query.value]);
  const table = await stores.datasets.readRows(detail.id, 0, detail.rowCount, (name) => wanted.has(name));
  const values = (name: string): Float64Array => {
    const data = table.columns.find((c) => c.name === name)?.data;
    if (data?.type !== 'datetime' && data?.type !== 'number') throw new TrendsInputError(`Column "${name}" could not be read as dates or numbers.`);
    return data.values;
  };
  return computeTrends({
    analysisId,
    date: { name: query.date, values: values(query.date) },
    value: query.value === undefined ? null : { name: query.value, values: values(query.value) },
    rowIndex: (await stores.analyses.readArray(analysisId, 'rowIndex')) as Uint32Array,
    cluster: (await stores.analyses.readArray(analysisId, 'cluster')) as Int32Array,
    period: query.period,
    horizon: query.horizon,
    shown: query.shown,
  });
}
