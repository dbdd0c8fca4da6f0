/**
 * The small text tools the question parser and the vocabulary share: one normal form for words
 * (lower case, accents off, plural off) and an edit distance for typos.
 */

/** Lower case, accents dropped: "Élan" → "elan". */
export function fold(text: string): string {
  return text.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
}

/** A word's singular by the regular English endings; short words and "-ss" stay as they are. */
export function singular(word: string): string {
  if (word.length <= 3 || word.endsWith('ss') || word.endsWith('us') || word.endsWith('is')) return word;
  if (word.endsWith('ies') && word.length > 4) return `${word.slice(0, -3)}y`;
  if (/(ch|sh|x|z)es$/.test(word)) return word.slice(0, -2);
  if (word.endsWith('s')) return word.slice(0, -1);
  return word;
}

/** The words of a name or text in normal form: "Body Mass (g)" → body, mass, g; "temp_max" → temp, max; "MilesPerGallon" → miles, per, gallon. */
export function nameWords(name: string): string[] {
  const spaced = name.replace(/([a-z])([A-Z])/g, '$1 $2');
  return fold(spaced)
    .split(/[^a-z0-9]+/)
    .filter((w) => w.length > 0)
    .map(singular);
}

/** Optimal string alignment distance (Damerau–Levenshtein with adjacent swaps), stopping early beyond `max`. */
export function editDistance(a: string, b: string, max = 2): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[] = new Array(rows * cols);
  for (let i = 0; i < rows; i++) d[i * cols] = i;
  for (let j = 0; j < cols; j++) d[j] = j;
  for (let i = 1; i < rows; i++) {
    let rowMin = Infinity;
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(d[(i - 1) * cols + j] + 1, d[i * cols + j - 1] + 1, d[(i - 1) * cols + j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, d[(i - 2) * cols + j - 2] + 1);
      d[i * cols + j] = v;
      rowMin = Math.min(rowMin, v);
    }
    if (rowMin > max) return max + 1;
  }
  return d[rows * cols - 1];
}

/** Typos forgiven for a word of this length: none below 4 letters, one up to 6, two beyond. */
export function typoAllowance(length: number): number {
  return length < 4 ? 0 : length <= 6 ? 1 : 2;
}

/**
 * Whether a question's word means a name's word: the same, a typo away, or one shortened to at
 * least 3 letters of the other ("temp" for temperature, "max" for maximum, "europe" for european).
 */
export function wordsMatch(asked: string, known: string): 'exact' | 'prefix' | 'typo' | null {
  if (asked === known) return 'exact';
  const [short, long] = asked.length < known.length ? [asked, known] : [known, asked];
  // Three letters stand for a word of up to seven ("max", "fog" for foggy); four or more for any.
  if (short.length >= 3 && long.startsWith(short) && (short.length >= 4 || long.length <= 7)) return 'prefix';
  const allowed = typoAllowance(Math.min(asked.length, known.length));
  if (allowed > 0 && editDistance(asked, known, allowed) <= allowed) return 'typo';
  return null;
}
