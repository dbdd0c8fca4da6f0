/** What a dataset's rows are called in a sentence: "123 penguins", "1 car", else "rows". */
export interface RowNoun {
  plural: string;
  singular: string;
}

export const ROWS: RowNoun = { plural: 'rows', singular: 'row' };

/**
 * Guessed from the dataset's name (its file name): the last word, when it is a plural noun —
 * "penguins.json" → penguins, "Palmer penguins (demo)" → penguins, "used-cars.csv" → cars.
 * Anything else ("iris", "wine", "seattle-weather") reads as rows.
 */
export function rowNoun(datasetName: string | undefined): RowNoun {
  if (!datasetName) return ROWS;
  const base = datasetName.replace(/\.[a-z0-9]{1,5}$/i, '').replace(/\([^)]*\)/g, ' ');
  const words = base.split(/[^A-Za-z]+/).filter((w) => w.length > 0);
  const last = words.at(-1)?.toLowerCase();
  if (!last || last.length < 4 || !/s$/.test(last) || /(ss|us|is|ics|news|data)$/.test(last)) return ROWS;
  const singular = /(x|ch|sh|ss)es$/.test(last) ? last.slice(0, -2) : /ies$/.test(last) ? `${last.slice(0, -3)}y` : last.slice(0, -1);
  return { plural: last, singular };
}

export function countOf(n: number, noun: RowNoun): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? noun.singular : noun.plural}`;
}
