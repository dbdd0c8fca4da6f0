/**
 * Numbers as people write them in delimited files. Two conventions:
 * - decimal point (comma and tab files): `1.5`, `-2e3`, `.5`, and thousands groups `1,234,567.8`;
 * - decimal comma (semicolon files, the European spreadsheet export): `1,5`, `1.234,5`,
 *   `1.234.567`; a plain `0.5` is still accepted.
 * Integers with a leading zero (`007`, `02134`) are codes, not numbers: reading them as numbers
 * would lose the zeros. `Infinity`, hex and blank are not numbers.
 */
const PLAIN = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const LEADING_ZERO = /^[+-]?0\d/;
const THOUSANDS_COMMA = /^[+-]?\d{1,3}(?:,\d{3})+(?:\.\d+)?$/;
const DECIMAL_COMMA = /^[+-]?\d*,\d+(?:[eE][+-]?\d+)?$/;
const THOUSANDS_DOT = /^[+-]?\d{1,3}(?:\.\d{3})+(?:,\d+)?$/;
/** `1.234` in a decimal-comma file: 1.234 or 1234? Decided per column (see column-builder). */
const AMBIGUOUS_DOT = /^[+-]?\d{1,3}\.\d{3}$/;

export type DecimalSeparator = '.' | ',';

/** The number the text denotes, or NaN when it is not a number. `text` is trimmed. */
export function parseNumber(text: string, decimal: DecimalSeparator): number {
  if (PLAIN.test(text)) {
    if (LEADING_ZERO.test(text) && !text.includes('.') && !/[eE]/.test(text)) return NaN;
    return Number(text);
  }
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
