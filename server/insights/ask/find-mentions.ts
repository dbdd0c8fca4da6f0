import { COMMON_WORDS, STOP_WORDS, type Token } from './tokenize.ts';
import type { Vocabulary } from './vocabulary.ts';
import { wordsMatch } from './words.ts';

/** A run of the question's tokens naming one column (or several equally well). */
export interface ColumnMention {
  start: number;
  /** Exclusive. */
  end: number;
  columns: string[];
  said: string;
}

export interface ValueMention {
  start: number;
  end: number;
  column: string;
  value: string;
}

export interface Mentions {
  columns: ColumnMention[];
  values: ValueMention[];
  /** Tokens a mention used (hint words excepted: "heavier" still compares). */
  used: Set<number>;
}

/** Words that point at a measured quantity without naming it: "heavier than 5 kg" is about mass or weight. */
const HINTS = new Map<string, string[]>();
const hint = (words: string, targets: string) => words.split(' ').forEach((w) => HINTS.set(w, targets.split(' ')));
hint('heavier lighter heavy light weigh weighs weighing heaviest lightest', 'mass weight');
hint('longer shorter long short longest shortest', 'length');
hint('taller tall tallest', 'height');
hint('wider narrower wide narrow widest', 'width');
hint('deeper shallower deep deepest', 'depth');
hint('faster slower fast slow fastest slowest', 'speed');
hint('warmer colder hotter cooler warm cold hot warmest coldest hottest', 'temp temperature');
hint('older younger oldest youngest', 'age');
hint('windier windiest windy', 'wind');
hint('wetter rainier wettest', 'precipitation rain');
hint('pricier cheaper expensive cheap priciest cheapest', 'price cost');

/** Whether a token may name something by a typo or a shortening (everyday words only exactly). */
const loose = (t: Token) => !COMMON_WORDS.has(t.text) && !COMMON_WORDS.has(t.plain);

/** Whether a word only hints at a quantity ("heavier"): not an unknown word. */
export const isHintWord = (plain: string) => HINTS.has(plain);

const QUALITY = { exact: 3, prefix: 2, typo: 1 } as const;
/** Small words allowed inside one mention: "length of the beak". */
const GLUE = new Set(['of', 'the', 'a', 'an']);

interface ColumnHit {
  column: string;
  word: number;
  quality: number;
  hint: boolean;
}

/** Finds the columns and category values a question names (see docs/analysis.md, "Ask"). */
export function findMentions(tokens: Token[], vocabulary: Vocabulary): Mentions {
  const values = findValues(tokens, vocabulary);
  const valueAt = new Map<number, number>();
  for (const v of values) for (let i = v.start; i < v.end; i++) valueAt.set(i, v.quality);

  const hits: ColumnHit[][] = tokens.map((t, i) => {
    if (t.kind !== 'word' || (STOP_WORDS.has(t.text) && !t.raw.match(/^[A-Z]{2,}$/))) return [];
    const out: ColumnHit[] = [];
    for (const c of vocabulary.columns) {
      if (c.acronym && (t.plain === c.acronym || t.text === c.acronym)) out.push({ column: c.name, word: -1, quality: QUALITY.exact, hint: false });
      c.words.forEach((w, k) => {
        const m = loose(t) ? (wordsMatch(t.text, w) ?? wordsMatch(t.plain, w)) : t.text === w || t.plain === w ? 'exact' : null;
        if (m) out.push({ column: c.name, word: k, quality: QUALITY[m], hint: false });
        for (const target of HINTS.get(t.plain) ?? []) if (wordsMatch(target, w) === 'exact' || wordsMatch(target, w) === 'prefix') out.push({ column: c.name, word: k, quality: QUALITY.prefix, hint: true });
      });
    }
    // A category value named at least as well as any column word wins the token ("rain" the weather, not a column).
    const best = Math.max(0, ...out.filter((h) => !h.hint).map((h) => h.quality));
    const value = valueAt.get(i);
    if (value !== undefined && value >= best) return out.filter((h) => h.hint);
    return out;
  });

  const keptValues = values.filter((v) => {
    for (let i = v.start; i < v.end; i++) if (hits[i].some((h) => !h.hint && h.quality > v.quality)) return false;
    return true;
  });

  const columns: ColumnMention[] = [];
  const used = new Set<number>();
  for (const v of keptValues) for (let i = v.start; i < v.end; i++) used.add(i);
  let i = 0;
  while (i < tokens.length) {
    if (hits[i].length === 0 || used.has(i)) {
      i++;
      continue;
    }
    // A run: tokens with hits, glue words between them.
    const run: number[] = [i];
    let j = i + 1;
    while (j < tokens.length) {
      let k = j;
      while (k < tokens.length && tokens[k].kind === 'word' && GLUE.has(tokens[k].text) && k - j < 2) k++;
      if (k < tokens.length && hits[k].length > 0 && !used.has(k)) {
        run.push(k);
        j = k + 1;
      } else break;
    }
    columns.push(...resolveRun(run, hits, tokens, vocabulary, used));
    i = j;
  }
  columns.sort((a, b) => a.start - b.start);
  return { columns, values: keptValues.map(({ quality: _q, ...v }) => v), used };
}

/** The column(s) a run of tokens names best; tokens that named nothing chosen are left free (a "max" before "wind" is a statistic). */
function resolveRun(run: number[], hits: ColumnHit[][], tokens: Token[], vocabulary: Vocabulary, used: Set<number>): ColumnMention[] {
  const scores = new Map<string, { words: Set<number>; quality: number; tokens: Set<number>; real: boolean }>();
  for (const t of run) {
    for (const h of hits[t]) {
      const s = scores.get(h.column) ?? { words: new Set<number>(), quality: 0, tokens: new Set<number>(), real: false };
      if (!s.words.has(h.word)) s.quality += h.quality;
      s.words.add(h.word);
      s.tokens.add(t);
      s.real ||= !h.hint;
      scores.set(h.column, s);
    }
  }
  const size = (name: string) => vocabulary.columns.find((c) => c.name === name)!.words.length;
  const ranked = [...scores.entries()]
    .map(([column, s]) => ({ column, ...s, covered: s.words.has(-1) ? 1 : s.words.size / size(column) }))
    .sort((a, b) => b.words.size - a.words.size || b.covered - a.covered || b.quality - a.quality);
  const top = ranked[0];
  const tied = ranked.filter((r) => r.words.size === top.words.size && r.covered === top.covered && r.quality === top.quality);
  const chosen = [...top.tokens].sort((a, b) => a - b);
  for (const t of chosen) if (hits[t].some((h) => h.column === top.column && !h.hint)) used.add(t);
  const start = chosen[0];
  const end = chosen[chosen.length - 1] + 1;
  const mention: ColumnMention = { start, end, columns: tied.map((r) => r.column), said: tokens.slice(start, end).map((t) => t.raw).join(' ') };
  // What the chosen column did not use may name a column of its own, fully ("wind" beside "max" is not temp_max).
  const rest = run.filter((t) => !top.tokens.has(t));
  const more: ColumnMention[] = [];
  if (rest.length > 0) {
    const full = resolveRun(rest, hits, tokens, vocabulary, new Set());
    for (const m of full) {
      const complete = m.columns.length === 1 && scores.get(m.columns[0])!.words.size === size(m.columns[0]);
      if (complete) {
        for (let t = m.start; t < m.end; t++) if (rest.includes(t)) used.add(t);
        more.push(m);
      }
    }
  }
  return [mention, ...more];
}

/** Category values named by the question: whole words, typos, shortenings ("foggy" → fog, "US" → USA). */
function findValues(tokens: Token[], vocabulary: Vocabulary): (ValueMention & { quality: number })[] {
  const found: (ValueMention & { quality: number })[] = [];
  for (const v of vocabulary.values) {
    const n = v.words.length;
    for (let i = 0; i + n <= tokens.length; i++) {
      let quality: number = QUALITY.exact;
      for (let k = 0; k < n && quality > 0; k++) {
        const t = tokens[i + k];
        // A number names a value's number exactly ("level 7"); signs never.
        if (t.kind !== 'word') {
          if (t.kind !== 'number' || t.text !== v.words[k]) quality = 0;
          continue;
        }
        const capitalShort = v.upper && /^[A-Z]{2,}$/.test(t.raw) && v.words[k].startsWith(t.plain);
        if (STOP_WORDS.has(t.text) && !capitalShort && t.text !== v.words[k]) {
          quality = 0;
          break;
        }
        const m = loose(t) ? (wordsMatch(t.text, v.words[k]) ?? wordsMatch(t.plain, v.words[k])) : t.text === v.words[k] || t.plain === v.words[k] ? 'exact' : null;
        quality = Math.min(quality, m ? QUALITY[m] : capitalShort ? QUALITY.prefix : 0);
      }
      if (quality > 0) found.push({ start: i, end: i + n, column: v.column, value: v.value, quality });
    }
  }
  // Where values overlap, the better match (then the longer) keeps the words.
  found.sort((a, b) => b.quality - a.quality || b.end - b.start - (a.end - a.start));
  const taken = new Set<number>();
  return found.filter((f) => {
    for (let i = f.start; i < f.end; i++) if (taken.has(i)) return false;
    for (let i = f.start; i < f.end; i++) taken.add(i);
    return true;
  });
}
