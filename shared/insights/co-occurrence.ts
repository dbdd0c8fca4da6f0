import { z } from 'zod';
import type { RowRanges } from '../session/types.ts';

/** One item of a rule: a category column holding one value. */
export interface RuleItem {
  column: string;
  value: string;
}

/** `if` ⇒ `then` over the rows of a group; shares are of the group's rows. */
export interface CoOccurrenceRule {
  if: RuleItem[];
  then: RuleItem;
  /** Rows holding every item of the rule, as a share of the group. */
  support: number;
  /** Of the rows holding `if`, the share that also hold `then`. */
  confidence: number;
  /** Confidence over the share of the group holding `then`: 1 = independent, above 1 = go together. */
  lift: number;
  /** The rows holding every item: dataset rows as canonical ranges, what selecting the rule selects. */
  rows: RowRanges;
  count: number;
}

export interface CoOccurrenceAnswer {
  /** Rows of the group the rules were counted over. */
  groupRows: number;
  /** The category columns whose values are the items. */
  columns: string[];
  rules: CoOccurrenceRule[];
}

export const CO_OCCURRENCE_DEFAULTS = { minSupport: 0.05, minConfidence: 0.5, top: 20 } as const;
export const MAX_RULE_COLUMNS = 24;

const ranges = z.array(z.number().int().min(0).max(2 ** 32)).max(200_000);

/** The body of POST /api/analyses/:id/co-occurrences (docs/http-api.md). */
export const coOccurrenceRequestSchema = z
  .object({
    group: z.union([
      z.object({ kind: z.literal('all') }).strict(),
      z.object({ kind: z.literal('cluster'), cluster: z.number().int().min(-1).max(100_000) }).strict(),
      z.object({ kind: z.literal('rows'), rows: ranges }).strict(),
    ]),
    minSupport: z.number().min(0.001).max(1).default(CO_OCCURRENCE_DEFAULTS.minSupport),
    minConfidence: z.number().min(0).max(1).default(CO_OCCURRENCE_DEFAULTS.minConfidence),
    top: z.number().int().min(1).max(100).default(CO_OCCURRENCE_DEFAULTS.top),
  })
  .strict();

export type CoOccurrenceRequest = z.input<typeof coOccurrenceRequestSchema>;

/** "island = Biscoe, sex = male ⇒ species = Gentoo". */
export function ruleText(rule: Pick<CoOccurrenceRule, 'if' | 'then'>): string {
  const item = (i: RuleItem) => `${i.column} = ${i.value}`;
  return `${rule.if.map(item).join(', ')} ⇒ ${item(rule.then)}`;
}
