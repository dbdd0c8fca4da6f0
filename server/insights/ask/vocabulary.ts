import type { ColumnType } from '../../../shared/table.ts';
import { unitOfColumnName, unitOfWord, type Unit } from './units.ts';
import { fold, nameWords } from './words.ts';

/** What the question parser knows of a dataset: its columns' names and units, its categories' values. */
export interface ColumnTerm {
  name: string;
  type: ColumnType;
  /** The name's words in normal form, without the unit ("Body Mass (g)" → body, mass). */
  words: string[];
  /** Initials of a name of three words or more ("Miles_per_Gallon" → mpg). */
  acronym: string | null;
  unit: Unit | null;
}

export interface ValueTerm {
  column: string;
  value: string;
  /** The value's words in normal form. */
  words: string[];
  /** Written in capitals ("USA"): a capitalised shortening in the question ("US") may name it. */
  upper: boolean;
}

export interface Vocabulary {
  columns: ColumnTerm[];
  values: ValueTerm[];
}

export interface VocabularyColumn {
  name: string;
  type: ColumnType;
  /** A category's or boolean's levels. */
  levels?: readonly string[];
}

/** Levels beyond this per column are not words of the vocabulary (free text in disguise); filters by them go through retrieval. */
export const MAX_LEVELS_PER_COLUMN = 2_000;

export function buildVocabulary(columns: readonly VocabularyColumn[]): Vocabulary {
  const terms: ColumnTerm[] = columns.map((c) => {
    const unit = unitOfColumnName(c.name);
    const all = nameWords(c.name);
    // Drop the unit's own words (and a linking "in"), keeping at least one word.
    const core = unit ? all.filter((w, i) => !(unitOfWord(w)?.symbol === unit.symbol || (w === 'in' && i === all.length - 2))) : all;
    const words = core.length > 0 ? core : all;
    return { name: c.name, type: c.type, words, acronym: all.length >= 3 ? all.map((w) => w[0]).join('') : null, unit };
  });
  const values: ValueTerm[] = [];
  for (const c of columns) {
    if (!c.levels || c.levels.length > MAX_LEVELS_PER_COLUMN) continue;
    for (const value of c.levels) {
      const words = nameWords(value);
      if (words.length === 0 || fold(value).trim().length < 2) continue;
      values.push({ column: c.name, value, words, upper: value.length >= 2 && value === value.toUpperCase() && /[A-Z]/.test(value) });
    }
  }
  return { columns: terms, values };
}
