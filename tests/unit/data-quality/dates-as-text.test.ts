import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { findQualityIssues } from '../../../server/data-quality/find-all.ts';
import { ingest } from '../../../server/ingest/index.ts';
import type { QualityFinding } from '../../../shared/insights/quality.ts';
import { indicesFromRanges } from '../../../shared/session/ranges.ts';
import { assetPath } from '../../support/assets.ts';

/** The real Seattle weather table (1,461 days) with some of its dates written as words. */
const lines = readFileSync(assetPath('seattle'), 'utf8').trimEnd().split('\n');
function withBadDates(rows: number[], word: string): string {
  const out = [...lines];
  for (const r of rows) out[r + 1] = out[r + 1].replace(/^[^,]+/, word);
  return out.join('\n') + '\n';
}
async function findings(csv: string): Promise<QualityFinding[]> {
  const result = await ingest(
    (async function* () {
      yield csv;
    })(),
    { contentType: 'text/csv' },
  );
  return findQualityIssues(result.table, result.warnings).filter((f) => f.kind === 'unparsed-values');
}

describe('dates stored as text, on the Seattle weather table', () => {
  it('the clean table has none', async () => {
    expect(await findings(lines.join('\n') + '\n')).toEqual([]);
  });

  it('a few words in the date column (kept a date column by the import) are found with their rows', async () => {
    const rows = [10, 500, 1000];
    const [finding, ...rest] = await findings(withBadDates(rows, 'unknown'));
    expect(rest).toEqual([]);
    expect(finding).toMatchObject({ column: 'date', count: 3 });
    expect(finding.message).toBe('date: 3 values are not dates ("unknown") and were read as missing.');
    expect(Array.from(indicesFromRanges(finding.rows!))).toEqual(rows);
  });

  it('many words (the column became text) are found as mostly dates', async () => {
    const rows = Array.from({ length: 100 }, (_, i) => i * 14 + 3);
    const [finding] = await findings(withBadDates(rows, 'lost'));
    expect(finding).toMatchObject({ column: 'date', count: 100 });
    expect(finding.message).toBe('date: 93% of its values are dates but 100 are not ("lost"), so the column is read as text.');
    expect(Array.from(indicesFromRanges(finding.rows!))).toEqual(rows);
  });
});
