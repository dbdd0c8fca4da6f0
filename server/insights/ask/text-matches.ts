import { LIMITS } from '../../../shared/session/limits.ts';
import type { Table } from '../../../shared/table.ts';
import type { Condition } from './parsed-question.ts';
import { fold, singular } from './words.ts';

/** Distinct cells a text condition may list as a set filter; beyond, the words are only searched. */
export const MAX_TEXT_VALUES = 200;

/**
 * Words nothing else read, looked for as whole words in the free-text columns of every row
 * ("ford" in the cars' Name): the column whose cells hold the most of those words (all of them in
 * one cell), as a condition listing those cells. Words no cell holds are left out ("cars"). Null
 * when no column holds any, or too many distinct cells do for a filter.
 */
export function textCondition(words: readonly string[], table: Table): Extract<Condition, { kind: 'text' }> | null {
  // Each word as written or made singular ("toyotas" → toyota).
  const wanted = [...new Set(words.map((w) => fold(w)).filter((w) => w.length >= 2))].map((w) => [...new Set([w, singular(w)])]);
  if (wanted.length === 0) return null;
  let best: Extract<Condition, { kind: 'text' }> | null = null;
  for (const column of table.columns) {
    if (column.data.type !== 'text') continue;
    const cells = column.data.values;
    const distinct = new Map<string, string>();
    for (const cell of cells) if (cell !== null && !distinct.has(cell)) distinct.set(cell, ` ${fold(cell).replace(/[^\p{L}\p{N}]+/gu, ' ')} `);
    const texts = [...distinct.values()];
    const held = wanted.flatMap((forms) => forms.filter((w) => texts.some((text) => text.includes(` ${w} `))).slice(0, 1));
    if (held.length === 0 || (best && held.length <= best.words.length)) continue;
    const values = [...distinct.entries()].filter(([, text]) => held.every((w) => text.includes(` ${w} `))).map(([cell]) => cell);
    // Cells longer than a filter value may be (the session document's bound) cannot be listed.
    if (values.length === 0 || values.length > MAX_TEXT_VALUES || values.some((v) => v.length > LIMITS.columnLength)) continue;
    best = { column: column.name, kind: 'text', words: held, values };
  }
  return best;
}
