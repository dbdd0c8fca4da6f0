import { describe, expect, it } from 'vitest';
import { parseQuestion } from '../../../server/insights/ask/parse-question.ts';
import { buildVocabulary, type Vocabulary } from '../../../server/insights/ask/vocabulary.ts';
import { loadAsset } from '../../support/assets.ts';

/** The palmerpenguins names of the brief (body_mass_g …) beside the shipped file's own names. */
const snake: Vocabulary = buildVocabulary([
  { name: 'species', type: 'category', levels: ['Adelie', 'Chinstrap', 'Gentoo'] },
  { name: 'island', type: 'category', levels: ['Torgersen', 'Biscoe', 'Dream'] },
  { name: 'bill_length_mm', type: 'number' },
  { name: 'flipper_length_mm', type: 'number' },
  { name: 'body_mass_g', type: 'number' },
  { name: 'distance_km', type: 'number' },
  { name: 'sex', type: 'category', levels: ['male', 'female'] },
]);

describe('the question parser', async () => {
  const penguins = await loadAsset('penguins');
  const shipped = buildVocabulary(penguins.columns.map((c) => ({ name: c.name, type: c.data.type, levels: 'dictionary' in c.data ? c.data.dictionary : undefined })));

  it('finds columns whatever their spelling: words, case, plural, underscores, typos', () => {
    expect(parseQuestion('what is the average body mass?', snake).columns).toEqual(['body_mass_g']);
    expect(parseQuestion('Average BODY MASSES', snake).columns).toEqual(['body_mass_g']);
    expect(parseQuestion('mean body_mass_g', snake).columns).toEqual(['body_mass_g']);
    expect(parseQuestion('median fliper lenght', snake).columns).toEqual(['flipper_length_mm']);
    expect(parseQuestion('what is the average body mass?', shipped).columns).toEqual(['Body Mass (g)']);
    expect(parseQuestion('range of flippers', shipped).columns).toEqual(['Flipper Length (mm)']);
  });

  it('says when a word fits several columns equally ("length" alone)', () => {
    const parsed = parseQuestion('average length', snake);
    expect(parsed.columns.sort()).toEqual(['bill_length_mm', 'flipper_length_mm']); // a statistic is given for each
    expect(parsed.ambiguous[0].columns.sort()).toEqual(['bill_length_mm', 'flipper_length_mm']);
  });

  it('reads values exactly, in any case and with a typo', () => {
    for (const q of ['penguins on Biscoe', 'penguins on biscoe', 'penguins on Bisco']) {
      expect(parseQuestion(q, snake).conditions, q).toEqual([{ column: 'island', kind: 'set', values: ['Biscoe'] }]);
    }
    expect(parseQuestion('Biscoe or Dream penguins', snake).conditions).toEqual([{ column: 'island', kind: 'set', values: ['Biscoe', 'Dream'] }]);
    // "female" is not "male" a typo away, and "makes" is not "male".
    expect(parseQuestion('female penguins', snake).conditions).toEqual([{ column: 'sex', kind: 'set', values: ['female'] }]);
    expect(parseQuestion('what makes cluster 2 different', snake).conditions).toEqual([]);
  });

  it('reads comparisons in the column\'s units', () => {
    const range = (q: string, v: Vocabulary = snake) => parseQuestion(q, v).conditions.filter((c) => c.kind === 'range').map(({ said: _s, ...c }) => c);
    expect(range('show penguins heavier than 5 kg on Biscoe')).toEqual([{ column: 'body_mass_g', kind: 'range', min: 5000, minExclusive: true }]);
    expect(range('body mass > 5000')).toEqual([{ column: 'body_mass_g', kind: 'range', min: 5000, minExclusive: true }]);
    expect(range('body mass at least 4.5 kg')).toEqual([{ column: 'body_mass_g', kind: 'range', min: 4500 }]);
    expect(range('penguins that weigh under 3500 g')).toEqual([{ column: 'body_mass_g', kind: 'range', max: 3500, maxExclusive: true }]);
    expect(range('flipper length between 190 and 200 mm')).toEqual([{ column: 'flipper_length_mm', kind: 'range', min: 190, max: 200 }]);
    expect(range('flippers no more than 20 cm')).toEqual([{ column: 'flipper_length_mm', kind: 'range', max: 200 }]);
    expect(range('distance over 500 m')).toEqual([{ column: 'distance_km', kind: 'range', min: 0.5, minExclusive: true }]);
    expect(range('bill length of 40 mm or more')).toEqual([{ column: 'bill_length_mm', kind: 'range', min: 40 }]);
    expect(range('penguins with a body mass of exactly 4000')).toEqual([{ column: 'body_mass_g', kind: 'range', min: 4000, max: 4000 }]);
  });

  it('reads missing values, cluster numbers and what the question asks for', () => {
    expect(parseQuestion('how many rows have missing sex?', snake)).toMatchObject({ intent: 'count', conditions: [{ column: 'sex', kind: 'missing' }] });
    expect(parseQuestion('penguins where sex is unknown', snake).conditions).toEqual([{ column: 'sex', kind: 'missing' }]);
    expect(parseQuestion('what makes cluster 3 different?', snake)).toMatchObject({ intent: 'explain-cluster', clusters: [3] });
    expect(parseQuestion('tell me about C4', snake)).toMatchObject({ intent: 'explain-cluster', clusters: [4] });
    expect(parseQuestion('the third cluster', snake)).toMatchObject({ clusters: [3] });
    expect(parseQuestion('difference between cluster 1 and 2', snake)).toMatchObject({ intent: 'compare', clusters: [1, 2] });
    expect(parseQuestion('which rows are unusual in body mass?', snake)).toMatchObject({ intent: 'unusual', columns: ['body_mass_g'] });
    expect(parseQuestion('any outliers?', snake).intent).toBe('anomalies');
    expect(parseQuestion('what is the average bill length?', snake)).toMatchObject({ intent: 'describe', statistic: 'mean', columns: ['bill_length_mm'] });
    expect(parseQuestion('show Gentoo penguins', snake).intent).toBe('filter');
    expect(parseQuestion('how many Gentoo penguins are there', snake).intent).toBe('count');
    expect(parseQuestion('what about the price of fish?', snake)).toMatchObject({ intent: 'search', unknown: ['price', 'fish'] });
  });
});

describe('negated values', () => {
  it('reads "not on Biscoe", "except Dream" and "other than Torgersen" as the column\'s other values', () => {
    const set = (q: string) => parseQuestion(q, snake).conditions.find((c) => c.kind === 'set');
    expect(set('penguins not on Biscoe')).toEqual({ column: 'island', kind: 'set', values: ['Torgersen', 'Dream'], except: ['Biscoe'] });
    expect(set('every island except Dream')).toEqual({ column: 'island', kind: 'set', values: ['Torgersen', 'Biscoe'], except: ['Dream'] });
    expect(set('islands other than Torgersen')).toEqual({ column: 'island', kind: 'set', values: ['Biscoe', 'Dream'], except: ['Torgersen'] });
    expect(set('Gentoo penguins that are not female')).toBeDefined();
    expect(parseQuestion('Gentoo penguins that are not female', snake).conditions).toContainEqual({ column: 'sex', kind: 'set', values: ['male'], except: ['female'] });
  });
});

describe('superlatives and units that name a column', () => {
  const weather = buildVocabulary([
    { name: 'wind', type: 'number' },
    { name: 'temp_max', type: 'number' },
    { name: 'temp_min', type: 'number' },
    { name: 'Horsepower', type: 'number' },
  ]);
  it('reads "windiest" as the highest wind, while "max" in "max temperature" is the column', () => {
    expect(parseQuestion('what was the windiest day?', weather)).toMatchObject({ intent: 'describe', statistic: 'max', columns: ['wind'] });
    expect(parseQuestion('max temperature', weather)).toMatchObject({ statistic: null, columns: ['temp_max'] });
    expect(parseQuestion('lowest min temp', weather)).toMatchObject({ statistic: 'min', columns: ['temp_min'] });
  });
  it('finds the column a unit names when the question names none ("150 hp")', () => {
    expect(parseQuestion('cars with more than 150 hp', weather).conditions).toEqual([{ column: 'Horsepower', kind: 'range', min: 150, minExclusive: true, said: '> 150 hp' }]);
    // The column's own name is not read as a unit.
    expect(parseQuestion('over 200 horsepower', weather)).toMatchObject({ conditions: [{ column: 'Horsepower', min: 200 }], assumedUnits: [] });
  });
});
