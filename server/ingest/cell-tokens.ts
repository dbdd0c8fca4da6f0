/**
 * Which cell texts mean "no value" and which mean true / false. Comparisons are
 * case-insensitive on trimmed text. '.' is in the list because SAS and several public
 * datasets (the penguins' Sex column) write a lone dot for a missing value.
 */
const MISSING = new Set(['', 'na', 'n/a', '#n/a', 'null', 'nan', 'none', 'nil', '-', '?', '.']);

export function isMissingToken(trimmed: string): boolean {
  const n = trimmed.length;
  if (n === 0) return true;
  // Most cells are numbers or longer than any token: skip the lowercase copy for them.
  if (n > 4) return false;
  const c = trimmed.charCodeAt(0);
  if (c >= 48 && c <= 57) return false;
  return MISSING.has(trimmed.toLowerCase());
}

const TRUE_TOKENS = new Set(['true', 'yes']);
const FALSE_TOKENS = new Set(['false', 'no']);

/**
 * true / false / undefined (not a boolean word). Only words count: 0/1 and y/n columns stay
 * numbers and categories unless the column is named like a flag (see flag-name rule in
 * finish-column.ts), because a 0/1 column is as often a count or a class label as a flag.
 */
export function booleanToken(text: string): boolean | undefined {
  if (text.length > 5) return undefined;
  const lower = text.toLowerCase();
  if (TRUE_TOKENS.has(lower)) return true;
  if (FALSE_TOKENS.has(lower)) return false;
  return undefined;
}
