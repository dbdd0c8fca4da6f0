import { MAX_RULE_COLUMNS, type RuleItem } from '../../../shared/insights/co-occurrence.ts';
import type { Table } from '../../../shared/table.ts';

export interface RuleItems {
  /** `items[row * width + column]`: the item id of that cell, -1 when missing. */
  items: Int32Array;
  width: number;
  /** Item id → what it says. */
  labels: RuleItem[];
  columns: string[];
}

/**
 * The items of a table: every value of its category and boolean columns (identifiers left out:
 * a value per row says nothing about co-occurrence), at most MAX_RULE_COLUMNS columns in table order.
 */
export function ruleItems(table: Table): RuleItems {
  const chosen = table.columns.filter((c) => !c.identifier && (c.data.type === 'category' || c.data.type === 'boolean')).slice(0, MAX_RULE_COLUMNS);
  const width = chosen.length;
  const items = new Int32Array(table.rowCount * width);
  const labels: RuleItem[] = [];
  chosen.forEach((column, c) => {
    if (column.data.type !== 'category' && column.data.type !== 'boolean') return;
    const offset = labels.length;
    for (const value of column.data.dictionary) labels.push({ column: column.name, value });
    const codes = column.data.codes;
    for (let row = 0; row < table.rowCount; row++) items[row * width + c] = codes[row] < 0 ? -1 : offset + codes[row];
  });
  return { items, width, labels, columns: chosen.map((c) => c.name) };
}
