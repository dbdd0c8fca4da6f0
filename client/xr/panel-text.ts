/**
 * The VR panel's MSDF font (uikit's bundled Inter) holds printable ASCII plus § ° Ä Ö Ü ß ä ö ü;
 * any other character draws as a box. Text from the data and the server (cluster paragraphs,
 * answers, dates) goes through `panelText` first: common punctuation becomes its ASCII look-alike,
 * accents are dropped, anything else becomes "?".
 */
const LOOK_ALIKES: Record<string, string> = {
  '—': ' - ',
  '–': '-',
  '−': '-',
  '·': '-',
  '•': '-',
  '…': '...',
  '‘': "'",
  '’': "'",
  '“': '"',
  '”': '"',
  '‹': '<',
  '›': '>',
  '≥': '>=',
  '≤': '<=',
  '≠': '!=',
  '×': 'x',
  '→': '->',
  '±': '+/-',
  '\u00a0': ' ',
  '\u202f': ' ',
};

const IN_FONT = /^[\x20-\x7e§°ÄÖÜßäöü\n]$/;

export function panelText(text: string): string {
  let out = '';
  for (const ch of text) {
    if (IN_FONT.test(ch)) out += ch;
    else if (ch in LOOK_ALIKES) out += LOOK_ALIKES[ch];
    else {
      // An accented letter: its base letter (é → e); anything else the font lacks: "?".
      const base = ch.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
      out += base.length > 0 && [...base].every((c) => IN_FONT.test(c)) ? base : '?';
    }
  }
  return out;
}

/** At most `max` characters (of the panel text), cut at a word and ended with "..." when longer. */
export function clipText(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 3);
  const space = cut.lastIndexOf(' ');
  return `${(space > max / 2 ? cut.slice(0, space) : cut).trimEnd()}...`;
}
