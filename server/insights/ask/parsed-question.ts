import type { Unit } from './units.ts';

/** What the parser understood of a question; pure data, answered by answer-question.ts. */
export type Intent = 'count' | 'filter' | 'explain-cluster' | 'compare' | 'unusual' | 'anomalies' | 'describe' | 'overview' | 'search';

export type Statistic = 'mean' | 'median' | 'min' | 'max' | 'range' | 'sum' | 'sd';

/** A condition on one column, in the column's own units. */
export type Condition =
  | {
      column: string;
      kind: 'range';
      min?: number;
      max?: number;
      /** "more than" / "less than": the bound itself is left out. */
      minExclusive?: boolean;
      maxExclusive?: boolean;
      /** How the question put it, e.g. "> 5 kg" (shown in the answer). */
      said: string;
    }
  /** `except`: the values the question ruled out ("not on Biscoe"), for the answer's words. */
  | { column: string; kind: 'set'; values: string[]; except?: string[] }
  /** Free text holding these words ("ford cars" → Name contains "ford"): the cells that do, as a set. */
  | { column: string; kind: 'text'; words: string[]; values: string[] }
  | { column: string; kind: 'missing' };

export interface ParsedQuestion {
  intent: Intent;
  /** Columns named, in the order of the question (conditions' columns included). */
  columns: string[];
  conditions: Condition[];
  /** Cluster numbers as the asker wrote them (1-based, as the interface shows them). */
  clusters: number[];
  statistic: Statistic | null;
  /** Words the parser could not place (for "I could not find …"). */
  unknown: string[];
  /** Mentions that named several columns equally well ("beak" → two beak columns). */
  ambiguous: { said: string; columns: string[] }[];
  /** Units the question gave that the column's name does not confirm (answered in the column's own numbers). */
  assumedUnits: { column: string; unit: Unit }[];
}
