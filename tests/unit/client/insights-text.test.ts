import { describe, expect, it } from 'vitest';
import { clusterStatsTable } from '../../../server/analysis/explain/cluster-stats.ts';
import { describeClusters } from '../../../server/analysis/explain/describe-clusters.ts';
import { blockStarts, rowsOfColumns, sortStatsRows, statFigure, statsGroups, statsRows } from '../../../client/session/cluster-stats-rows.ts';
import { groupSizeText } from '../../../client/session/cluster-size-text.ts';
import { reasonText } from '../../../client/session/reason-text.ts';
import { traitText } from '../../../client/session/trait-text.ts';
import type { Table } from '../../../shared/table.ts';
import { loadAsset } from '../../support/assets.ts';

/** What the cluster panel, the statistics table and compare print, on the real penguins with the species as clusters. */
describe('insights as the panels print them (penguins, species as clusters)', async () => {
  const table: Table = await loadAsset('penguins');
  const species = table.columns.find((c) => c.name === 'Species')!.data;
  if (species.type !== 'category') throw new Error('Species should be a category');
  const rowIndex = Uint32Array.from({ length: table.rowCount }, (_, i) => i);
  const labels = Int32Array.from(species.codes);
  const clusters = describeClusters(table.columns, rowIndex, labels, species.dictionary.length);
  const gentooId = species.dictionary.indexOf('Gentoo');
  const gentoo = clusters[gentooId];

  it('prints a number trait as the group mean against the rest in the column units, with d', () => {
    const mass = gentoo.traits.find((t) => t.column === 'Body Mass (g)' || t.column === 'Flipper Length (mm)');
    expect(mass, JSON.stringify(gentoo.traits)).toBeDefined();
    const text = traitText(mass!, 'number');
    expect(text.mark).toBe('▲');
    // In the column's unit after each figure, as the paragraph writes them: "5,076 g vs 3,706 g".
    const unit = mass!.column === 'Body Mass (g)' ? 'g' : 'mm';
    expect(text.figures).toMatch(new RegExp(`^[\\d,.]+ ${unit} vs [\\d,.]+ ${unit}$`));
    const [inside, outside] = text.figures.split(' vs ').map((f) => Number(f.replace(/,/g, '').replace(/ \w+$/, '')));
    expect(inside).toBeCloseTo(mass!.clusterMean!, 0);
    expect(outside).toBeCloseTo(mass!.restMean!, 0);
    expect(inside).toBeGreaterThan(outside);
    expect(text.strength).toBe(`d ${mass!.effect.toFixed(1)}`);
    expect(text.title).toContain("Cohen's d");
  });

  it('gives a trait the unit its column name carries, and none when the name has none', () => {
    const flipper = traitText({ column: 'flipper_length_mm', kind: 'higher', effect: 1.9, clusterMean: 217.19, restMean: 194.1 }, 'number');
    expect(flipper.figures).toBe('217.2 mm vs 194.1 mm');
    expect(flipper.title).toContain('mean 217.2 mm in the group vs 194.1 mm in the rest');
    expect(traitText({ column: 'share_pct', kind: 'lower', effect: -0.8, clusterMean: 12.5, restMean: 30 }, 'number').figures).toBe('12.5% vs 30%');
    expect(traitText({ column: 'alcohol', kind: 'higher', effect: 1.2, clusterMean: 13.7, restMean: 12.5 }, 'number').figures).toBe('13.7 vs 12.5');
  });

  it('prints a free-text trait as its words, the first one\'s share against the rest', () => {
    const text = traitText({ column: 'Description', kind: 'words', effect: 0.84, words: [{ term: 'module', share: 0.92, restShare: 0.08 }, { term: 'python', share: 0.7, restShare: 0.02 }] }, 'text');
    expect(text.column).toBe("Description: 'module', 'python'");
    expect(text.figures).toBe('92% vs 8%');
    expect(text.strength).toBe('lift 11.5');
    expect(text.title).toContain("'python' (70% of the group vs 2% of the rest)");
  });

  it('prints a category trait as its share against the rest, with the lift', () => {
    const mostly = gentoo.traits.find((t) => t.kind === 'mostly' && t.column === 'Island');
    expect(mostly, JSON.stringify(gentoo.traits)).toBeDefined();
    const text = traitText(mostly!, 'category');
    expect(text.column).toBe(`Island = ${mostly!.value}`);
    expect(text.figures).toMatch(/^[\d.]+% vs [\d.]+%$/);
    expect(text.strength).toBe(`lift ${mostly!.lift!.toFixed(1)}`);
  });

  it('prints a group size with its share, never rounding a small group to 0%', () => {
    expect(groupSizeText(gentoo.size, gentoo.share)).toBe(`${gentoo.size} points · ${(Math.round(gentoo.share * 1000) / 10).toString()}% of all`);
    expect(groupSizeText(1, 1 / 5000)).toBe('1 point · < 0.1% of all');
  });

  it('prints an anomaly reason in the analysis words, or value and z for stored ones', () => {
    expect(reasonText({ column: 'Body Mass (g)', value: 6300, z: 3.1, text: 'body mass 6,300 g vs 4,190 g typically (z = 3.1)' })).toBe('body mass 6,300 g vs 4,190 g typically (z = 3.1)');
    expect(reasonText({ column: 'Body Mass (g)', value: 6300, z: 3.14 })).toBe('Body Mass (g) = 6,300 (z 3.1)');
  });

  const stats = clusterStatsTable(table.columns, rowIndex, labels, clusters.map((c) => c.label));
  // The session shows species 0 as C3 and so on: raw 0 → 2, 1 → 0, 2 → 1 (displayed → raw below).
  const rawOf = new Map([[2, 0], [0, 1], [1, 2]]);
  const shownClusters = clusters.map((c) => ({ ...c, id: [...rawOf].find(([, raw]) => raw === c.id)![0] }));
  const groups = statsGroups(stats, rawOf, shownClusters);
  const rows = statsRows(stats, groups);

  it('names the groups by displayed number and lists one row per column and group', () => {
    expect(groups.map((g) => g.name)).toEqual(['All', 'C3', 'C1', 'C2']);
    expect(groups.find((g) => g.name === 'C3')!.label).toBe(clusters[0].label);
    expect(rows.length).toBe(stats.columns.length * stats.groups.length);
    expect(rows[0].column.name).toBe(rows[stats.groups.length - 1].column.name);
  });

  it('sorts by any figure both ways, rows without it last, ties in table order', () => {
    const down = sortStatsRows(rows, { key: 'mean', descending: true });
    const means = down.map((r) => r.stats.mean).filter((m): m is number => m !== undefined);
    expect(means).toEqual([...means].sort((a, b) => b - a));
    expect(down.slice(means.length).every((r) => r.stats.mean === undefined)).toBe(true);
    const up = sortStatsRows(rows, { key: 'mean', descending: false });
    expect(up.slice(0, means.length).map((r) => r.stats.mean)).toEqual([...means].reverse());
    const byColumn = sortStatsRows(rows, { key: 'column', descending: false }).map((r) => r.column.name.toLowerCase());
    expect(byColumn).toEqual([...byColumn].sort((a, b) => a.localeCompare(b)));
    expect(sortStatsRows(rows, null)).toBe(rows);
  });

  it('prints numbers with the unit the server gave the column, counts without', () => {
    const mass = stats.columns.find((c) => c.name === 'Body Mass (g)')!;
    const flipper = stats.columns.find((c) => c.name === 'Flipper Length (mm)')!;
    const all = stats.groups[0];
    const figures = (column: typeof mass, key: 'mean' | 'count' | 'sd') => statFigure(all.stats[stats.columns.indexOf(column)], key, column);
    expect(figures(mass, 'mean')).toMatch(/^[\d,.]+ g$/);
    expect(figures(mass, 'sd')).toMatch(/^[\d,.]+ g$/);
    expect(figures(flipper, 'mean')).toMatch(/^[\d,.]+ mm$/);
    expect(figures(mass, 'count')).toMatch(/^[\d,]+$/);
    expect(statFigure({ count: 1, missing: 0, mean: 12.5 }, 'mean', { name: 'share_pct', type: 'number', unit: '%' })).toBe('12.5%');
  });

  it('draws a line where the next column (or, sorted by group, the next group) starts; none sorted by a figure', () => {
    const starts = (sorted: typeof rows, key?: Parameters<typeof blockStarts>[2]) => sorted.filter((_, i) => blockStarts(sorted, i, key)).length;
    expect(starts(rows)).toBe(stats.columns.length - 1);
    expect(starts(sortStatsRows(rows, { key: 'group', descending: false }), 'group')).toBe(stats.groups.length - 1);
    expect(starts(sortStatsRows(rows, { key: 'mean', descending: true }), 'mean')).toBe(0);
  });

  it('keeps the rows of the columns whose name holds the filter text, any case', () => {
    const lengths = rowsOfColumns(rows, ' length ');
    expect(new Set(lengths.map((r) => r.column.name))).toEqual(new Set(['Beak Length (mm)', 'Flipper Length (mm)']));
    expect(lengths).toHaveLength(2 * stats.groups.length);
    expect(rowsOfColumns(rows, 'BODY')).toHaveLength(stats.groups.length);
    expect(rowsOfColumns(rows, '')).toBe(rows);
    expect(rowsOfColumns(rows, 'no such column')).toEqual([]);
  });

  it('prints dates as dates and their spread in days', () => {
    const column = { name: 'date', type: 'datetime' as const };
    const days = { count: 2, missing: 0, min: Date.UTC(2015, 4, 30), mean: Date.UTC(2015, 5, 1, 17, 20), sd: 3 * 86_400_000 };
    // Whole-day dates: a mean to the nearest day (its hour comes from averaging); timestamps keep the time.
    expect(statFigure({ ...days, max: Date.UTC(2015, 5, 3) }, 'mean', column)).toBe('2015-06-02');
    expect(statFigure({ ...days, max: Date.UTC(2015, 5, 3, 9, 30) }, 'mean', column)).toBe('2015-06-01 17:20');
    expect(statFigure(days, 'sd', column)).toBe('3 d');
    expect(statFigure(days, 'q3', column)).toBe('');
  });
});
