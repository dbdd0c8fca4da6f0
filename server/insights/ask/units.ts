/**
 * A small table of units, enough to read "5 kg" against a column in grams or "2 miles" against
 * one in km. Each unit belongs to a dimension and converts to that dimension's base by a factor.
 * Temperatures are left out: their scales have offsets, and a bare number asked about a
 * temperature column is taken in the column's own scale.
 */
export type Dimension = 'mass' | 'length' | 'time' | 'volume' | 'speed' | 'power';

export interface Unit {
  symbol: string;
  /** Every word that names it ("hp", "horsepower"). */
  names: string[];
  dimension: Dimension;
  /** Size in the dimension's base unit (g, m, s, l, m/s). */
  factor: number;
}

const UNITS: Array<[string[], Dimension, number]> = [
  [['mg', 'milligram'], 'mass', 1e-3],
  [['g', 'gram', 'gr'], 'mass', 1],
  [['kg', 'kilo', 'kilogram'], 'mass', 1e3],
  [['t', 'ton', 'tonne'], 'mass', 1e6],
  [['lb', 'lbs', 'pound'], 'mass', 453.59237],
  [['oz', 'ounce'], 'mass', 28.349523125],
  [['mm', 'millimeter', 'millimetre'], 'length', 1e-3],
  [['cm', 'centimeter', 'centimetre'], 'length', 1e-2],
  [['m', 'meter', 'metre'], 'length', 1],
  [['km', 'kilometer', 'kilometre'], 'length', 1e3],
  [['in', 'inch', 'inche'], 'length', 0.0254],
  [['ft', 'foot', 'feet'], 'length', 0.3048],
  [['mi', 'mile'], 'length', 1609.344],
  [['ms', 'millisecond'], 'time', 1e-3],
  [['s', 'sec', 'second'], 'time', 1],
  [['min', 'minute'], 'time', 60],
  [['h', 'hr', 'hour'], 'time', 3600],
  [['ml', 'milliliter', 'millilitre'], 'volume', 1e-3],
  [['l', 'liter', 'litre'], 'volume', 1],
  [['gal', 'gallon'], 'volume', 3.785411784],
  [['mps'], 'speed', 1],
  [['kmh', 'kph'], 'speed', 1 / 3.6],
  [['mph'], 'speed', 0.44704],
  [['w', 'watt'], 'power', 1],
  [['kw', 'kilowatt'], 'power', 1e3],
  [['hp', 'horsepower'], 'power', 745.7],
];

const BY_WORD = new Map<string, Unit>();
for (const [words, dimension, factor] of UNITS) for (const w of words) BY_WORD.set(w, { symbol: words[0], names: words, dimension, factor });

/** The unit a word names (in normal form: lower case, singular), or null. */
export function unitOfWord(word: string): Unit | null {
  return BY_WORD.get(word) ?? null;
}

/**
 * Words that name a unit but are too common to read as one where a column's name ends in them
 * ("in", "min" and "m" end many names: temp_min, in, m) unless set apart as a unit.
 */
const AMBIGUOUS_IN_NAMES = new Set(['in', 'min', 'm', 's', 't', 'h', 'l', 'mi', 'gr', 'w']);

/**
 * A column's unit from its name: in brackets ("Body Mass (g)", "price [EUR]" has none we know),
 * or its last word after "in" or an underscore ("Weight_in_lbs", "body_mass_g"). Null when the
 * name says none.
 */
export function unitOfColumnName(name: string): Unit | null {
  const bracket = /[([]\s*([^)\]]+?)\s*[)\]]\s*$/.exec(name);
  if (bracket) return unitOfWord(bracket[1].toLowerCase().replace(/s$/, '')) ?? unitOfWord(bracket[1].toLowerCase());
  const words = name.split(/[^A-Za-z0-9]+/).filter(Boolean).map((w) => w.toLowerCase());
  // "Miles_per_Gallon" is a ratio, not gallons.
  if (words.length < 2 || words.includes('per')) return null;
  const last = words[words.length - 1];
  const unit = unitOfWord(last) ?? unitOfWord(last.replace(/s$/, ''));
  if (!unit) return null;
  if (AMBIGUOUS_IN_NAMES.has(last) && words[words.length - 2] !== 'in') return null;
  return unit;
}

/** `value` in `from` expressed in `to` (same dimension), or null when they measure different things. */
export function convert(value: number, from: Unit, to: Unit): number | null {
  if (from.dimension !== to.dimension) return null;
  return (value * from.factor) / to.factor;
}
