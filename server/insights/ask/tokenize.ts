import { fold, singular } from './words.ts';

export interface Token {
  kind: 'word' | 'number' | 'symbol';
  /** Words: folded and singular; numbers: as written; symbols: one of > < >= <= =. */
  text: string;
  /** Words: folded, not made singular. */
  plain: string;
  /** As written in the question. */
  raw: string;
  value?: number;
}

const PATTERN = /(-?\d[\d,]*(?:\.\d+)?|-?\.\d+)|(>=|<=|≥|≤|>|<|=)|([\p{L}][\p{L}\p{N}'’]*)/gu;

/**
 * The question as words, numbers and comparison signs. "5kg" is a number and a word; "5,000"
 * is 5000 (a comma followed by exactly three digits groups thousands); "c3" stays one word.
 */
export function tokenize(question: string): Token[] {
  const tokens: Token[] = [];
  for (const m of question.matchAll(PATTERN)) {
    if (m[1] !== undefined) {
      const grouped = /^-?\d{1,3}(,\d{3})+(\.\d+)?$/.test(m[1]);
      const parts = grouped ? [m[1].replaceAll(',', '')] : m[1].split(',').filter((p) => p !== '');
      for (const part of parts) tokens.push({ kind: 'number', text: part, plain: part, raw: part, value: Number(part) });
    } else if (m[2] !== undefined) {
      const sign = m[2] === '≥' ? '>=' : m[2] === '≤' ? '<=' : m[2];
      tokens.push({ kind: 'symbol', text: sign, plain: sign, raw: m[2] });
    } else {
      const plain = fold(m[3]).replace(/['’]s?$/, '');
      tokens.push({ kind: 'word', text: singular(plain), plain, raw: m[3] });
    }
  }
  return tokens;
}

export const STOP_WORDS = new Set(
  'a an the of in on at to for from by with and or is are was were be been do does did have has had what which who whom whose where when how many much that this these those there their its it me my we our us you your show list find give tell display select all any some only just please than then as about per each every whole into not no yes one ones can could would should will get got see look'
    .split(' ')
    .map(singular),
);

/**
 * Everyday words of questions ("makes", "different", "explain"): they may name a column or value
 * only exactly, never as a typo or a shortening ("makes" is not MALE).
 */
export const COMMON_WORDS = new Set(
  'make makes made set apart stand out count number many cluster group row record value data dataset table point than least most between have having has had there more less over under above below exactly equal why special distinct different difference like about explain describe summary summarise summarize overview same other others rest which where when whose'
    .split(' ')
    .map(singular),
);
