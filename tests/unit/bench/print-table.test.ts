import { afterEach, describe, expect, it, vi } from 'vitest';
import { printTable } from '../../bench/harness.ts';

describe('printTable', () => {
  afterEach(() => vi.restoreAllMocks());

  it('aligns columns and prints a figure a run does not have (NaN, or null after JSON) as a dash', () => {
    const lines: string[] = [];
    vi.spyOn(console, 'log').mockImplementation((line: string) => void lines.push(line));
    const fromCase = JSON.parse(JSON.stringify({ run: 'PCA', first_layout_s: NaN, total_s: 0.5 })) as Record<string, string | number | null>;
    printTable('runs', [{ run: 'UMAP', first_layout_s: 0.17, total_s: 3 }, fromCase, { run: 'none', first_layout_s: NaN, total_s: 1 }]);
    expect(lines).toEqual([
      '\n## runs',
      'run   first_layout_s  total_s',
      '----  --------------  -------',
      'UMAP  0.170           3      ',
      'PCA   —               0.500  ',
      'none  —               1      ',
    ]);
  });
});
