import { coOccurrenceRequestSchema, type CoOccurrenceAnswer } from '../../../shared/insights/co-occurrence.ts';
import { indicesFromRanges, isCanonicalRanges } from '../../../shared/session/ranges.ts';
import type { z } from 'zod';
import type { AnalysisCatalog } from '../../store/analysis-catalog.ts';
import type { DatasetCatalog } from '../../store/dataset-catalog.ts';
import { coOccurrenceRules } from './co-occurrence-rules.ts';
import { ruleItems } from './rule-items.ts';

type Request = z.output<typeof coOccurrenceRequestSchema>;
export type CoOccurrenceOutcome = { ok: true; answer: CoOccurrenceAnswer } | { ok: false; message: string };

/**
 * Co-occurrence rules of a finished analysis's table, over one group of its rows: all the rows
 * in the cloud, one cluster, or given rows (a selection).
 */
export class CoOccurrenceService {
  constructor(
    private readonly datasets: DatasetCatalog,
    private readonly analyses: AnalysisCatalog,
  ) {}

  async rules(analysisId: string, request: Request): Promise<CoOccurrenceOutcome> {
    const datasetId = this.analyses.get(analysisId).datasetId;
    const detail = this.datasets.get(datasetId);
    const group = await this.groupRows(analysisId, detail.rowCount, request.group);
    if (!group.ok) return group;
    const wanted = new Set(detail.columns.filter((c) => !c.identifier && (c.type === 'category' || c.type === 'boolean')).map((c) => c.name));
    if (wanted.size === 0) return { ok: false, message: `"${detail.name}" has no category columns: rules are made of column = value items, so there is nothing to combine.` };
    const table = await this.datasets.readRows(datasetId, 0, detail.rowCount, (name) => wanted.has(name));
    return { ok: true, answer: coOccurrenceRules(ruleItems(table), group.rows, request) };
  }

  private async groupRows(analysisId: string, rowCount: number, group: Request['group']): Promise<{ ok: true; rows: Uint32Array } | { ok: false; message: string }> {
    if (group.kind === 'rows') {
      if (!isCanonicalRanges(group.rows)) return { ok: false, message: 'group.rows must be sorted, disjoint half-open ranges [start, end, start, end, …] of dataset rows.' };
      const last = group.rows.at(-1) ?? 0;
      if (last > rowCount) return { ok: false, message: `group.rows reaches row ${last - 1}, but the table has ${rowCount} rows.` };
      if (group.rows.length === 0) return { ok: false, message: 'group.rows is empty: select some rows first.' };
      return { ok: true, rows: indicesFromRanges(group.rows) };
    }
    const rowIndex = (await this.analyses.readArray(analysisId, 'rowIndex')) as Uint32Array;
    if (group.kind === 'all') return { ok: true, rows: Uint32Array.from(rowIndex).sort() };
    const cluster = (await this.analyses.readArray(analysisId, 'cluster')) as Int32Array;
    const rows: number[] = [];
    for (let p = 0; p < cluster.length; p++) if (cluster[p] === group.cluster) rows.push(rowIndex[p]);
    if (rows.length === 0) return { ok: false, message: `Cluster ${group.cluster} has no points in this analysis.` };
    return { ok: true, rows: Uint32Array.from(rows).sort() };
  }
}
