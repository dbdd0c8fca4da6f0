import { describe, expect, it } from 'vitest';
import { convert, unitOfColumnName, unitOfWord } from '../../../server/insights/ask/units.ts';
import { editDistance, nameWords, singular, wordsMatch } from '../../../server/insights/ask/words.ts';
import { tokenize } from '../../../server/insights/ask/tokenize.ts';

describe('words', () => {
  it('normalises names: case, underscores, brackets, camel case, plurals, accents', () => {
    expect(nameWords('Body Mass (g)')).toEqual(['body', 'mass', 'g']);
    expect(nameWords('body_mass_g')).toEqual(['body', 'mass', 'g']);
    expect(nameWords('MilesPerGallon')).toEqual(['mile', 'per', 'gallon']);
    expect(nameWords('Flippers')).toEqual(['flipper']);
    expect(nameWords('Café Prices')).toEqual(['cafe', 'price']);
    expect(['categories', 'boxes', 'glass', 'bus', 'days'].map(singular)).toEqual(['category', 'box', 'glass', 'bus', 'day']);
  });

  it('forgives typos by length, counts a swap as one edit, and reads shortenings', () => {
    expect(editDistance('flipper', 'fliper')).toBe(1);
    expect(editDistance('biscoe', 'bicsoe')).toBe(1);
    expect(editDistance('island', 'highland', 2)).toBe(3); // beyond the bound: max + 1
    expect(wordsMatch('fliper', 'flipper')).toBe('typo');
    expect(wordsMatch('sex', 'sea')).toBeNull(); // three letters: no typo allowed
    expect(wordsMatch('temperature', 'temp')).toBe('prefix');
    expect(wordsMatch('maximum', 'max')).toBe('prefix');
    expect(wordsMatch('european', 'europe')).toBe('prefix');
    expect(wordsMatch('international', 'int')).toBeNull(); // three letters stand for short words only
  });

  it('tokenizes numbers with thousands separators, units glued to numbers, and comparison signs', () => {
    const tokens = tokenize('mass >= 5,000 g or 5kg, not 1,2');
    expect(tokens.map((t) => `${t.kind}:${t.text}`)).toEqual(['word:mass', 'symbol:>=', 'number:5000', 'word:g', 'word:or', 'number:5', 'word:kg', 'word:not', 'number:1', 'number:2']);
    expect(tokenize('≤ 3')[0].text).toBe('<=');
  });
});

describe('units', () => {
  it('reads a column\'s unit from brackets, a trailing word or "in"', () => {
    expect(unitOfColumnName('Body Mass (g)')?.symbol).toBe('g');
    expect(unitOfColumnName('body_mass_g')?.symbol).toBe('g');
    expect(unitOfColumnName('Weight_in_lbs')?.symbol).toBe('lb');
    expect(unitOfColumnName('distance_km')?.symbol).toBe('km');
    expect(unitOfColumnName('Flipper Length (mm)')?.symbol).toBe('mm');
    // Not units: a name ending in "min", a ratio, a currency we do not convert.
    expect(unitOfColumnName('temp_min')).toBeNull();
    expect(unitOfColumnName('Miles_per_Gallon')).toBeNull();
    expect(unitOfColumnName('price [EUR]')).toBeNull();
  });

  it('converts within a dimension and refuses across', () => {
    expect(convert(5, unitOfWord('kg')!, unitOfWord('g')!)).toBe(5000);
    expect(convert(2000, unitOfWord('kg')!, unitOfWord('lbs')!)).toBeCloseTo(4409.245, 3);
    expect(convert(500, unitOfWord('m')!, unitOfWord('km')!)).toBe(0.5);
    expect(convert(2, unitOfWord('mile')!, unitOfWord('km')!)).toBeCloseTo(3.218688, 6);
    expect(convert(1, unitOfWord('hour')!, unitOfWord('min')!)).toBe(60);
    expect(convert(5, unitOfWord('kg')!, unitOfWord('mm')!)).toBeNull();
  });
});
