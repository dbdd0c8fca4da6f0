import { RuleError } from './rule-error.ts';

export const MAX_PATTERN_LENGTH = 200;
/** Unbounded quantifiers (*, +, {n,}) allowed in one pattern: each one more raises the worst case by a power of the text length. */
export const MAX_UNBOUNDED_QUANTIFIERS = 3;
/** Evaluating a pattern over a column stops (400) once it has run this long. */
export const PATTERN_BUDGET_MS = 2000;

/**
 * Compiles a user's pattern, anchored (the whole value must match), refusing what could make
 * the regex engine backtrack for minutes: nested quantifiers (`(a+)+`), a quantified group with
 * alternatives (`(a|ab)*`), back-references, and more than a few unbounded quantifiers. What is
 * left runs in polynomial time; the evaluation also stops after PATTERN_BUDGET_MS (see checkPattern).
 */
export function compileSafePattern(pattern: string): RegExp {
  if (pattern.length === 0) throw new RuleError('invalid_pattern', 'The pattern is empty.');
  if (pattern.length > MAX_PATTERN_LENGTH) throw new RuleError('invalid_pattern', `The pattern is longer than ${MAX_PATTERN_LENGTH} characters.`);
  let regex: RegExp;
  try {
    regex = new RegExp(`^(?:${pattern})$`);
  } catch (error) {
    throw new RuleError('invalid_pattern', `The pattern is not a valid regular expression: ${(error as Error).message.replace(/^Invalid regular expression: /, '')}.`);
  }
  const problem = unsafeConstruct(pattern);
  if (problem) throw new RuleError('unsafe_pattern', `The pattern could take very long to check (${problem}); write it without that.`);
  return regex;
}

interface GroupScan {
  quantified: boolean;
  alternation: boolean;
}

/** The first construct that can backtrack catastrophically, in words, or undefined. */
function unsafeConstruct(pattern: string): string | undefined {
  const stack: GroupScan[] = [{ quantified: false, alternation: false }];
  let unbounded = 0;
  let lastGroup: GroupScan | undefined;
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i];
    const top = stack[stack.length - 1];
    if (ch === '\\') {
      const next = pattern[i + 1] ?? '';
      if (/[1-9]/.test(next) || next === 'k') return 'a back-reference';
      i++;
      lastGroup = undefined;
      continue;
    }
    if (ch === '[') {
      // Skip the class: quantifier characters inside it are literals.
      for (i++; i < pattern.length && pattern[i] !== ']'; i++) if (pattern[i] === '\\') i++;
      lastGroup = undefined;
      continue;
    }
    if (ch === '(') {
      stack.push({ quantified: false, alternation: false });
      lastGroup = undefined;
      continue;
    }
    if (ch === ')') {
      lastGroup = stack.length > 1 ? stack.pop() : undefined;
      continue;
    }
    if (ch === '|') {
      top.alternation = true;
      continue;
    }
    const quantifier = quantifierAt(pattern, i);
    if (quantifier) {
      if (lastGroup && quantifier.unbounded && (lastGroup.quantified || lastGroup.alternation)) {
        return lastGroup.quantified ? 'a repeated group that itself repeats, like (a+)+' : 'a repeated group of alternatives, like (a|ab)*';
      }
      if (quantifier.unbounded) unbounded++;
      if (unbounded > MAX_UNBOUNDED_QUANTIFIERS) return `more than ${MAX_UNBOUNDED_QUANTIFIERS} open-ended repeats (*, +, {n,})`;
      // A group inherits what is inside it.
      for (const g of stack) g.quantified ||= quantifier.unbounded || quantifier.max > 1;
      if (lastGroup) for (const g of stack) g.quantified = true;
      i += quantifier.length - 1;
      lastGroup = undefined;
      continue;
    }
    lastGroup = undefined;
  }
  return undefined;
}

function quantifierAt(pattern: string, i: number): { unbounded: boolean; max: number; length: number } | undefined {
  const ch = pattern[i];
  const lazy = (n: number) => (pattern[i + n] === '?' ? n + 1 : n);
  if (ch === '*' || ch === '+') return { unbounded: true, max: Infinity, length: lazy(1) };
  if (ch === '?') return { unbounded: false, max: 1, length: lazy(1) };
  if (ch === '{') {
    const m = /^\{(\d+)(,(\d*))?\}/.exec(pattern.slice(i));
    if (!m) return undefined;
    const max = m[2] === undefined ? Number(m[1]) : m[3] === '' ? Infinity : Number(m[3]);
    return { unbounded: max === Infinity, max, length: lazy(m[0].length) };
  }
  return undefined;
}
