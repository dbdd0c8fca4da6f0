/**
 * Numbers as people write them in delimited files. Two conventions:
 * - decimal point (comma and tab files): `1.5`, `-2e3`, `.5`, and thousands groups `1,234,567.8`;
 * - decimal comma (semicolon files, the European spreadsheet export): `1,5`, `1.234,5`,
 *   `1.234.567`; a plain `0.5` is still accepted.
 * Integers with a leading zero (`007`, `02134`) are codes, not numbers: reading them as numbers
 * would lose the zeros. `Infinity`, hex and blank are not numbers.
 */
const THOUSANDS_COMMA = /^[+-]?\d{1,3}(?:,\d{3})+(?:\.\d+)?$/;
const DECIMAL_COMMA = /^[+-]?\d*,\d+(?:[eE][+-]?\d+)?$/;
const THOUSANDS_DOT = /^[+-]?\d{1,3}(?:\.\d{3})+(?:,\d+)?$/;
/** `1.234` in a decimal-comma file: 1.234 or 1234? Decided per column (see column-builder). */
const AMBIGUOUS_DOT = /^[+-]?\d{1,3}\.\d{3}$/;

export type DecimalSeparator = '.' | ',';

const POW10 = Array.from({ length: 23 }, (_, k) => 10 ** k);

/**
 * A plain decimal-point number (`-1.5`, `.5`, `2e3`) that is not a zero-led code, or NaN. A
 * character loop, because this runs for every cell of every file and the regular expression
 * plus Number() cost half of the whole ingest time. Up to 15 digits the value is computed as
 * mantissa / 10^k, which is exact (both operands are exact doubles and IEEE division rounds
 * once, the same as Number()); longer numbers and exponents go through Number().
 */
function scanPlainNumber(text: string): number {
  const n = text.length;
  let i = 0;
  let c = text.charCodeAt(0);
  let negative = false;
  if (c === 43 || c === 45) {
    negative = c === 45;
    c = text.charCodeAt(++i);
  }
  let mantissa = 0;
  const intStart = i;
  while (c >= 48 && c <= 57) {
    mantissa = mantissa * 10 + (c - 48);
    c = text.charCodeAt(++i);
  }
  const intDigits = i - intStart;
  let fracDigits = 0;
  if (c === 46) {
    c = text.charCodeAt(++i);
    const fracStart = i;
    while (c >= 48 && c <= 57) {
      mantissa = mantissa * 10 + (c - 48);
      c = text.charCodeAt(++i);
    }
    fracDigits = i - fracStart;
  }
  if (intDigits === 0 && fracDigits === 0) return NaN;
  if (c === 101 || c === 69) {
    c = text.charCodeAt(++i);
    if (c === 43 || c === 45) c = text.charCodeAt(++i);
    const expStart = i;
    while (c >= 48 && c <= 57) c = text.charCodeAt(++i);
    return i === expStart || i !== n ? NaN : Number(text);
  }
  if (i !== n) return NaN;
  if (intDigits > 1 && fracDigits === 0 && text.charCodeAt(intStart) === 48) return NaN; // 007: a code
  if (intDigits + fracDigits > 15) return Number(text);
  const value = fracDigits === 0 ? mantissa : mantissa / POW10[fracDigits];
  return negative ? -value : value;
}

/** The number the text denotes, or NaN when it is not a number. `text` is trimmed. */
export function parseNumber(text: string, decimal: DecimalSeparator): number {
  const plain = scanPlainNumber(text);
  if (!Number.isNaN(plain)) return plain;
  if (decimal === '.') {
    return THOUSANDS_COMMA.test(text) ? Number(text.replaceAll(',', '')) : NaN;
  }
  if (DECIMAL_COMMA.test(text)) return Number(text.replace(',', '.'));
  if (THOUSANDS_DOT.test(text)) return Number(text.replaceAll('.', '').replace(',', '.'));
  return NaN;
}

/** Whether `text` (already read by parseNumber as a decimal point number) may mean thousands. */
export function isAmbiguousThousands(text: string): boolean {
  return AMBIGUOUS_DOT.test(text);
}

/** `2.000.000`: more than one dot can only be thousands groups. */
export function isDottedThousands(text: string): boolean {
  return /\.\d{3}\./.test(text);
}

/** Whether `text` used a decimal comma, which settles the ambiguous `1.234` of its column. */
export function usesDecimalComma(text: string): boolean {
  return text.includes(',');
}
