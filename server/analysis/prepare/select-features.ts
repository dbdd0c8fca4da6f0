import type { AnalysisParams } from '../../../shared/analysis-params.ts';
import type { ExcludedColumn } from '../../../shared/analysis-result.ts';
import type { Column, Table } from '../../../shared/table.ts';
import { coerceColumn } from './coerce-column.ts';

export class FeatureSelectionError extends Error {
  readonly code = 'bad_features';
  constructor(message: string) {
    super(message);
    this.name = 'FeatureSelectionError';
  }
}

/**
 * The columns an analysis uses, after the user's type overrides. By default every column that
 * carries a measurement (number, category, boolean, datetime) and is not an identifier; free
 * text is a feature only when named in `params.text` (returned apart, in `text`: it becomes
 * word features, not one encoded column). Constant and all-missing columns carry no
 * information and are left out, with the reason reported.
 */
export function selectFeatures(table: Table, params: AnalysisParams): { columns: Column[]; text: Column[]; excluded: ExcludedColumn[] } {
  const overrides = params.columns ?? {};
  const byName = new Map(table.columns.map((c) => [c.name, c]));
  const textNames = new Set(params.text?.columns ?? []);
  for (const name of [...(params.features ?? []), ...Object.keys(overrides), ...textNames]) {
    if (!byName.has(name)) throw new FeatureSelectionError(`Unknown column "${name}". Columns are: ${[...byName.keys()].join(', ')}.`);
  }
  const requested = params.features ? new Set(params.features) : null;
  const columns: Column[] = [];
  const text: Column[] = [];
  const excluded: ExcludedColumn[] = [];
  for (const original of table.columns) {
    const override = overrides[original.name];
    const column = override?.type ? coerceColumn(original, override.type) : original;
    if (textNames.has(column.name) && override?.exclude !== true) {
      if (column.data.type !== 'text') {
        throw new FeatureSelectionError(`Column "${column.name}" is ${column.data.type}, not free text: only text columns can become word features.`);
      }
      text.push(column);
      continue;
    }
    const reason = exclusionReason(column, requested, override?.exclude === true);
    if (reason) excluded.push({ name: column.name, reason });
    else columns.push(column);
  }
  if (requested) {
    const textual = columns.filter((c) => c.data.type === 'text');
    if (textual.length > 0) {
      throw new FeatureSelectionError(
        `Column "${textual[0].name}" is free text: turn it into word features (text: { columns: ["${textual[0].name}"] }), change its type to category, or leave it out.`,
      );
    }
  }
  if (columns.length === 0 && text.length === 0) {
    throw new FeatureSelectionError('No usable feature columns: every column is an identifier, free text, constant, empty or excluded.');
  }
  return { columns, text, excluded };
}

function exclusionReason(column: Column, requested: Set<string> | null, excludedByUser: boolean): ExcludedColumn['reason'] | null {
  if (excludedByUser) return 'excluded by user';
  if (requested) return requested.has(column.name) ? informationReason(column) : 'not requested';
  if (column.identifier) return 'identifier';
  if (column.data.type === 'text') return 'text';
  return informationReason(column);
}

function informationReason(column: Column): ExcludedColumn['reason'] | null {
  const data = column.data;
  if (data.type === 'text') return null;
  let first: number | undefined;
  let varies = false;
  let any = false;
  const values = data.type === 'number' || data.type === 'datetime' ? data.values : data.codes;
  const missing = data.type === 'number' || data.type === 'datetime' ? (v: number) => Number.isNaN(v) : (v: number) => v < 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (missing(v)) continue;
    any = true;
    if (first === undefined) first = v;
    else if (v !== first) {
      varies = true;
      break;
    }
  }
  if (!any) return 'all missing';
  return varies ? null : 'constant';
}
