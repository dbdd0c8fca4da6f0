/**
 * Issue 12's proof for "ask the data": questions over three shipped datasets, written before the
 * engine, each with what a right answer must hold. Every expected figure is computed here from
 * the raw asset file (ask-raw-data.ts), never copied from the engine's output.
 *
 * Kinds of expectation:
 * - filter: the answer's proposed filters, applied to the raw rows, keep exactly the rows `keep`
 *   keeps (and `count` is that number); `columns` are the columns the filters must be on.
 * - count: the answer's `count` is the number of raw rows `keep` keeps.
 * - figure: every value of `values` appears in the answer text (within 1%).
 * - cluster: the answer cites the cluster (raw id) and names its most distinct numeric column
 *   (largest |Cohen's d| against the other analysed points).
 * - compare: the answer cites both clusters.
 * - unusual: the answer cites the rows with the largest robust z in `column` and counts the
 *   rows beyond |z| 3.5.
 */
import { isMissingRaw, num, type RawRow } from './ask-raw-data.ts';

export type AskDataset = 'penguins' | 'cars' | 'seattle';

export type Expectation =
  | { kind: 'filter'; columns: string[]; keep: (r: RawRow) => boolean }
  | { kind: 'count'; keep: (r: RawRow) => boolean }
  | { kind: 'figure'; values: (rows: RawRow[]) => number[] }
  | { kind: 'cluster'; cluster: number }
  | { kind: 'compare'; clusters: [number, number] }
  | { kind: 'unusual'; column: string };

export interface AskCase {
  dataset: AskDataset;
  question: string;
  expect: Expectation;
}

const MASS = 'Body Mass (g)';
const FLIPPER = 'Flipper Length (mm)';
const BEAK_LENGTH = 'Beak Length (mm)';
const BEAK_DEPTH = 'Beak Depth (mm)';

const present = (rows: RawRow[], column: string): number[] => rows.map((r) => num(r, column)).filter((v) => !Number.isNaN(v));
const mean = (rows: RawRow[], column: string): number[] => {
  const v = present(rows, column);
  return [v.reduce((a, b) => a + b, 0) / v.length];
};
const range = (rows: RawRow[], column: string): number[] => {
  const v = present(rows, column);
  return [Math.min(...v), Math.max(...v)];
};
const sd = (rows: RawRow[], column: string): number[] => {
  const v = present(rows, column);
  const m = v.reduce((a, b) => a + b, 0) / v.length;
  return [Math.sqrt(v.reduce((a, b) => a + (b - m) ** 2, 0) / (v.length - 1))];
};
const median = (rows: RawRow[], column: string): number[] => {
  const v = present(rows, column).sort((a, b) => a - b);
  const m = v.length >> 1;
  return [v.length % 2 ? v[m] : (v[m - 1] + v[m]) / 2];
};

export const ASK_CASES: AskCase[] = [
  // Palmer penguins
  { dataset: 'penguins', question: 'show penguins heavier than 5 kg on Biscoe', expect: { kind: 'filter', columns: [MASS, 'Island'], keep: (r) => num(r, MASS) > 5000 && r.Island === 'Biscoe' } },
  { dataset: 'penguins', question: 'how many rows have missing sex?', expect: { kind: 'count', keep: (r) => isMissingRaw(r.Sex) } },
  { dataset: 'penguins', question: 'How many Gentoo penguins are there?', expect: { kind: 'count', keep: (r) => r.Species === 'Gentoo' } },
  { dataset: 'penguins', question: 'what is the average flipper length?', expect: { kind: 'figure', values: (rows) => mean(rows, FLIPPER) } },
  { dataset: 'penguins', question: 'penguins from Dream island with a beak longer than 50 mm', expect: { kind: 'filter', columns: ['Island', BEAK_LENGTH], keep: (r) => r.Island === 'Dream' && num(r, BEAK_LENGTH) > 50 } },
  { dataset: 'penguins', question: 'which penguins are unusual in body mass?', expect: { kind: 'unusual', column: MASS } },
  { dataset: 'penguins', question: 'what makes cluster 2 different?', expect: { kind: 'cluster', cluster: 1 } },
  { dataset: 'penguins', question: 'How many female Adelie penguins weigh under 3.5 kg?', expect: { kind: 'count', keep: (r) => r.Sex === 'FEMALE' && r.Species === 'Adelie' && num(r, MASS) < 3500 } },
  { dataset: 'penguins', question: 'show me penguins with flippers between 190 and 200 mm', expect: { kind: 'filter', columns: [FLIPPER], keep: (r) => num(r, FLIPPER) >= 190 && num(r, FLIPPER) <= 200 } },
  { dataset: 'penguins', question: 'what is the range of beak depth?', expect: { kind: 'figure', values: (rows) => range(rows, BEAK_DEPTH) } },
  { dataset: 'penguins', question: 'count the chinstrap penguins on dream island', expect: { kind: 'count', keep: (r) => r.Species === 'Chinstrap' && r.Island === 'Dream' } },
  { dataset: 'penguins', question: 'what is the difference between cluster 1 and cluster 3?', expect: { kind: 'compare', clusters: [0, 2] } },
  { dataset: 'penguins', question: 'median body mass', expect: { kind: 'figure', values: (rows) => median(rows, MASS) } },

  // Cars (StatLib)
  { dataset: 'cars', question: 'how many cars have more than 6 cylinders?', expect: { kind: 'count', keep: (r) => num(r, 'Cylinders') > 6 } },
  { dataset: 'cars', question: 'show cars from Japan with more than 30 mpg', expect: { kind: 'filter', columns: ['Origin', 'Miles_per_Gallon'], keep: (r) => r.Origin === 'Japan' && num(r, 'Miles_per_Gallon') > 30 } },
  { dataset: 'cars', question: 'which cars are unusual in horsepower?', expect: { kind: 'unusual', column: 'Horsepower' } },
  { dataset: 'cars', question: 'What is the average weight?', expect: { kind: 'figure', values: (rows) => mean(rows, 'Weight_in_lbs') } },
  { dataset: 'cars', question: 'cars heavier than 2000 kg', expect: { kind: 'filter', columns: ['Weight_in_lbs'], keep: (r) => num(r, 'Weight_in_lbs') > 2000 / 0.45359237 } },
  { dataset: 'cars', question: 'how many European cars are there', expect: { kind: 'count', keep: (r) => r.Origin === 'Europe' } },
  { dataset: 'cars', question: 'show cars with horsepower between 100 and 150', expect: { kind: 'filter', columns: ['Horsepower'], keep: (r) => num(r, 'Horsepower') >= 100 && num(r, 'Horsepower') <= 150 } },
  { dataset: 'cars', question: 'how many cars are missing horsepower?', expect: { kind: 'count', keep: (r) => isMissingRaw(r.Horsepower) } },
  { dataset: 'cars', question: 'what makes cluster 1 different?', expect: { kind: 'cluster', cluster: 0 } },
  { dataset: 'cars', question: 'range of acceleration', expect: { kind: 'figure', values: (rows) => range(rows, 'Acceleration') } },
  { dataset: 'cars', question: 'cars with a displacement under 100', expect: { kind: 'filter', columns: ['Displacement'], keep: (r) => num(r, 'Displacement') < 100 } },
  { dataset: 'cars', question: 'compare cluster 1 with cluster 2', expect: { kind: 'compare', clusters: [0, 1] } },
  { dataset: 'cars', question: 'Which US cars have at least 8 cylinders and over 200 horsepower?', expect: { kind: 'filter', columns: ['Origin', 'Cylinders', 'Horsepower'], keep: (r) => r.Origin === 'USA' && num(r, 'Cylinders') >= 8 && num(r, 'Horsepower') > 200 } },

  // Seattle weather (NOAA)
  { dataset: 'seattle', question: 'how many days had more than 20 mm of precipitation?', expect: { kind: 'count', keep: (r) => num(r, 'precipitation') > 20 } },
  { dataset: 'seattle', question: 'show days with snow', expect: { kind: 'filter', columns: ['weather'], keep: (r) => r.weather === 'snow' } },
  { dataset: 'seattle', question: 'how many foggy days are there?', expect: { kind: 'count', keep: (r) => r.weather === 'fog' } },
  { dataset: 'seattle', question: 'what is the average max temperature?', expect: { kind: 'figure', values: (rows) => mean(rows, 'temp_max') } },
  { dataset: 'seattle', question: 'days where the maximum temperature was above 30', expect: { kind: 'filter', columns: ['temp_max'], keep: (r) => num(r, 'temp_max') > 30 } },
  { dataset: 'seattle', question: 'which days are unusual in wind?', expect: { kind: 'unusual', column: 'wind' } },
  { dataset: 'seattle', question: 'how many rainy days had wind above 6?', expect: { kind: 'count', keep: (r) => r.weather === 'rain' && num(r, 'wind') > 6 } },
  { dataset: 'seattle', question: 'what is the range of minimum temperature?', expect: { kind: 'figure', values: (rows) => range(rows, 'temp_min') } },
  { dataset: 'seattle', question: 'What makes cluster 3 different?', expect: { kind: 'cluster', cluster: 2 } },
  { dataset: 'seattle', question: 'Show sunny days with a min temp below 0', expect: { kind: 'filter', columns: ['weather', 'temp_min'], keep: (r) => r.weather === 'sun' && num(r, 'temp_min') < 0 } },
  { dataset: 'seattle', question: 'how many days of drizzle', expect: { kind: 'count', keep: (r) => r.weather === 'drizzle' } },
  { dataset: 'seattle', question: 'days with precipitation between 5 and 10 mm', expect: { kind: 'filter', columns: ['precipitation'], keep: (r) => num(r, 'precipitation') >= 5 && num(r, 'precipitation') <= 10 } },
  { dataset: 'seattle', question: 'average wind speed', expect: { kind: 'figure', values: (rows) => mean(rows, 'wind') } },

  // A second batch, written once the engine answered the first and added before it was run on
  // them (its first score is in docs/analysis.md, "Ask"): harder phrasings, some it may miss.
  { dataset: 'penguins', question: 'How heavy is the average Gentoo?', expect: { kind: 'figure', values: (rows) => mean(rows.filter((r) => r.Species === 'Gentoo'), MASS) } },
  { dataset: 'penguins', question: 'list the male penguins on Torgersen', expect: { kind: 'filter', columns: ['Sex', 'Island'], keep: (r) => r.Sex === 'MALE' && r.Island === 'Torgersen' } },
  { dataset: 'penguins', question: 'which island has the most penguins?', expect: { kind: 'figure', values: (rows) => [Math.max(...['Biscoe', 'Dream', 'Torgersen'].map((i) => rows.filter((r) => r.Island === i).length))] } },
  { dataset: 'penguins', question: 'penguins with a body mass of at least 6000 g', expect: { kind: 'filter', columns: [MASS], keep: (r) => num(r, MASS) >= 6000 } },
  { dataset: 'penguins', question: 'are there penguins with a missing beak length?', expect: { kind: 'count', keep: (r) => isMissingRaw(r[BEAK_LENGTH]) } },
  { dataset: 'penguins', question: "what's the heaviest penguin?", expect: { kind: 'figure', values: (rows) => [Math.max(...present(rows, MASS))] } },
  { dataset: 'cars', question: 'average horsepower of Japanese cars', expect: { kind: 'figure', values: (rows) => mean(rows.filter((r) => r.Origin === 'Japan'), 'Horsepower') } },
  { dataset: 'cars', question: 'how many cars weigh over 4000 lbs?', expect: { kind: 'count', keep: (r) => num(r, 'Weight_in_lbs') > 4000 } },
  { dataset: 'cars', question: 'show 4 cylinder cars', expect: { kind: 'filter', columns: ['Cylinders'], keep: (r) => num(r, 'Cylinders') === 4 } },
  { dataset: 'cars', question: 'cars with mpg under 15', expect: { kind: 'filter', columns: ['Miles_per_Gallon'], keep: (r) => num(r, 'Miles_per_Gallon') < 15 } },
  { dataset: 'cars', question: 'what is the standard deviation of acceleration?', expect: { kind: 'figure', values: (rows) => sd(rows, 'Acceleration') } },
  { dataset: 'seattle', question: 'how many days were windier than 7?', expect: { kind: 'count', keep: (r) => num(r, 'wind') > 7 } },
  { dataset: 'seattle', question: 'what was the highest temperature recorded?', expect: { kind: 'figure', values: (rows) => [Math.max(...present(rows, 'temp_max'))] } },
  { dataset: 'seattle', question: 'days with no precipitation', expect: { kind: 'filter', columns: ['precipitation'], keep: (r) => num(r, 'precipitation') === 0 } },
  { dataset: 'seattle', question: 'how many days in 2015 had snow?', expect: { kind: 'count', keep: (r) => r.weather === 'snow' && String(r.date).startsWith('2015') } },
];
