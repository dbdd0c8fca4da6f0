/**
 * The naming and shape rules that type inference leans on, in one place so they can be
 * documented and tested as such.
 */

/** `is_active`, `hasGarage`, `flag`, `fraud_flag`: a 0/1 column named like this is a boolean. */
export function isFlagName(name: string): boolean {
  return (
    /^(is|has|was|were|can|did|does|should|will)([_\s.-]|[A-Z])/.test(name) ||
    /(^|[_\s.-])(flag|bool|boolean)$/i.test(name) ||
    /^flag([_\s.-]|$)/i.test(name)
  );
}

/** `id`, `customer_id`, `rowId`, `uuid`, `Order No`, `index`: names of row identifiers. */
export function isIdentifierName(name: string): boolean {
  return (
    /(^|[_\s.-])(id|uuid|guid|key|code|no|nr|number|index|idx)$/i.test(name) ||
    /[a-z](Id|ID|Key|Code|No|Nr)$/.test(name)
  );
}

/** More distinct values than this (relative to present ones) makes strings free text. */
export function isTextLike(distinct: number, present: number, averageLength: number): boolean {
  if (distinct <= 20) return false;
  return distinct > 0.5 * present || averageLength > 100;
}

/** Unique strings shorter than this on average are identifiers (names, codes); longer ones are prose. */
export const MAX_IDENTIFIER_LENGTH = 64;

/** A number column keeps its type when at most this share of its present values are stray words. */
export const MAX_NON_NUMERIC_SHARE = 0.05;
