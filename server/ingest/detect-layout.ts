import Papa from 'papaparse';

/**
 * How a delimited file is laid out, learnt from its first lines: the delimiter (comma,
 * semicolon or tab) and whether lines end in a bare CR (classic Mac). CRLF and LF need no
 * decision: rows split on LF and a trailing CR is dropped, which also survives mixed endings.
 *
 * The delimiter is the candidate whose rows agree best with the header's field count, using a
 * quote-aware parse of up to 200 rows. papaparse's own guesser reads only 10 rows and scores
 * how much consecutive rows' field counts change, so one odd row near the top can swing it, and
 * it gives the header no special role. Ties go to tab, then semicolon, then comma: commas turn
 * up inside unquoted text and header names far more often than the other two.
 */
export type Delimiter = ',' | ';' | '\t';

const CANDIDATES: Delimiter[] = ['\t', ';', ','];
const SAMPLE_ROWS = 200;

export function detectNewline(sample: string): '\n' | '\r' {
  const lf = sample.indexOf('\n');
  const cr = sample.indexOf('\r');
  return lf === -1 && cr !== -1 ? '\r' : '\n';
}

/** Field counts of the sample's rows (blank rows skipped, the possibly cut last row dropped). */
function fieldCounts(sample: string, delimiter: Delimiter, newline: '\n' | '\r', complete: boolean): number[] {
  const counts: number[] = [];
  const parser = new Papa.Parser({
    delimiter,
    newline,
    preview: SAMPLE_ROWS,
    step: (result: { data: string[][] }) => {
      const row = result.data[0];
      if (row.length === 1 && row[0].trim() === '') return;
      counts.push(row.length);
    },
  });
  parser.parse(sample, 0, !complete);
  return counts;
}

/**
 * `complete` says whether the sample is the whole file. `preferred` (from a .tsv name or a
 * text/tab-separated-values type) wins ties.
 */
export function detectDelimiter(sample: string, complete: boolean, preferred?: Delimiter): Delimiter {
  const newline = detectNewline(sample);
  const order = preferred ? [preferred, ...CANDIDATES.filter((c) => c !== preferred)] : CANDIDATES;
  let best: Delimiter = preferred ?? ',';
  let bestScore = 0;
  let bestWidth = 1;
  for (const candidate of order) {
    const counts = fieldCounts(sample, candidate, newline, complete);
    if (counts.length === 0) continue;
    const width = counts[0];
    if (width < 2) continue;
    const body = counts.slice(1);
    const score = body.length === 0 ? 1 : body.filter((c) => c === width).length / body.length;
    if (score > bestScore || (score === bestScore && width > bestWidth)) {
      best = candidate;
      bestScore = score;
      bestWidth = width;
    }
  }
  return best;
}
