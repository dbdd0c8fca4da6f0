import { z } from 'zod';
import type { QualityRuleInput } from '../../../shared/insights/quality.ts';
import type { ColumnType } from '../../../shared/table.ts';
import { RuleError } from './rule-error.ts';
import { MAX_PATTERN_LENGTH, compileSafePattern } from './safe-pattern.ts';

const MAX_ALLOWED_VALUES = 1000;
const column = z.string().min(1, 'name a column').max(256);

const ruleInputSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('not-null'), column }).strict(),
  z.object({ kind: z.literal('unique'), column }).strict(),
  z
    .object({ kind: z.literal('range'), column, min: z.number().finite().optional(), max: z.number().finite().optional() })
    .strict()
    .refine((r) => r.min !== undefined || r.max !== undefined, 'a range rule needs a min, a max or both')
    .refine((r) => r.min === undefined || r.max === undefined || r.min <= r.max, 'min is larger than max'),
  z.object({ kind: z.literal('allowed-values'), column, values: z.array(z.string().max(200)).min(1, 'list at least one allowed value').max(MAX_ALLOWED_VALUES) }).strict(),
  z.object({ kind: z.literal('pattern'), column, pattern: z.string().max(MAX_PATTERN_LENGTH, `the pattern is longer than ${MAX_PATTERN_LENGTH} characters`) }).strict(),
]);

/**
 * A rule from a request body, checked against the dataset's columns: the shape (zod: a 400
 * naming the field), a known column, a range only on a number column, a pattern that is valid
 * and safe to run. Throws; returns the rule with only the fields of its kind.
 */
export function parseRuleInput(body: unknown, columns: readonly { name: string; type: ColumnType }[]): QualityRuleInput {
  const rule = ruleInputSchema.parse(body) as QualityRuleInput;
  const target = columns.find((c) => c.name === rule.column);
  if (!target) {
    const names = columns.map((c) => `"${c.name}"`);
    throw new RuleError('unknown_column', `Unknown column "${rule.column}". Columns are: ${names.slice(0, 30).join(', ')}${names.length > 30 ? ', …' : ''}.`);
  }
  if (rule.kind === 'range' && target.type !== 'number') throw new RuleError('invalid_rule', `A range rule needs a number column; "${rule.column}" is ${target.type}.`);
  if (rule.kind === 'pattern') compileSafePattern(rule.pattern);
  return rule;
}
