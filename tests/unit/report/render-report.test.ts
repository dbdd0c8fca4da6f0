import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { clusterColor } from '../../../shared/encodings/color-encoding.ts';
import { positionsFor } from '../../../shared/encodings/positions.ts';
import type { SharedAnswer } from '../../../shared/insights/ask.ts';
import type { QualityReport } from '../../../shared/insights/quality.ts';
import { DEFAULT_VIEW } from '../../../shared/session/index.ts';
import { clusterStats } from '../../../server/insights/report/cluster-stats.ts';
import { reportDisposition } from '../../../server/insights/report/file-name.ts';
import { renderReport } from '../../../server/insights/report/render-report.ts';
import type { ReportCluster, ReportInput } from '../../../server/insights/report/report-input.ts';
import { drawSnapshot } from '../../../server/insights/report/snapshot.ts';
import { penguins } from '../client/penguin-context.ts';

/**
 * The pure renderer on the real penguins (clusters = species, a real snapshot), with a hostile
 * string in every place a user or a dataset can put one.
 */
const EVIL = `<script>alert(1)</script><img src=x onerror="alert('2')">&amp;"'`;
const ESCAPED = '&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=&quot;alert(&#39;2&#39;)&quot;&gt;&amp;amp;&quot;&#39;';

async function input(): Promise<ReportInput> {
  const { ctx, table } = await penguins();
  const axes = { by: 'columns', x: 'Flipper Length (mm)', y: 'Beak Length (mm)', z: 'Body Mass (g)' } as const;
  const placed = positionsFor(axes, new Float32Array(ctx.count * 3), ctx);
  if (!('positions' in placed)) throw new Error('columns missing');
  const scene = { ctx, embedding: placed.positions, knownColumns: new Set(ctx.columns.keys()) };
  const drawn = drawSnapshot(scene, { view: { ...DEFAULT_VIEW, position: axes }, filters: [], camera: null });
  const clusters: ReportCluster[] = [...ctx.clusterLabels].map(([id, label]) => ({
    id,
    label: `${label} ${EVIL}`,
    size: ctx.cluster.filter((c) => c === id).length,
    share: ctx.cluster.filter((c) => c === id).length / ctx.count,
    paragraph: `Paragraph ${EVIL}`,
    traits: [{ column: `Body Mass (g) ${EVIL}`, kind: 'higher', effect: 2.9, clusterMean: 5076, restMean: 3706 }],
    color: clusterColor(id),
  }));
  const quality: QualityReport = {
    datasetId: 'd1',
    rowCount: table.rowCount,
    findings: [{ kind: 'missing', column: `Sex ${EVIL}`, count: 11, examples: [{ rowIndex: 3, values: { [`Sex ${EVIL}`]: null, Island: EVIL } }], message: `11 missing ${EVIL}` }],
    rules: [{ id: 'r1', kind: 'pattern', column: 'Island', pattern: EVIL, createdAt: 1, violations: 2, violatingRows: [0, 2] }],
    replaces: { datasetId: 'd0', name: `old ${EVIL}`, alerts: [{ kind: 'new-category', column: 'Island', message: `new ${EVIL}` }] },
  };
  const answer: SharedAnswer = {
    id: 'a1',
    question: `Question ${EVIL}`,
    answer: `Answer ${EVIL}`,
    citations: [{ kind: 'column', column: EVIL }, { kind: 'cluster', cluster: 2 }, { kind: 'row', rowIndex: 7 }],
    filters: [{ column: EVIL, kind: 'set', values: [EVIL, null] }],
    count: 12,
    source: 'offline',
    author: `Ana ${EVIL}`,
    createdAt: Date.UTC(2026, 11, 6, 10, 0),
  };
  const note = { text: `Note ${EVIL}`, author: `Ben ${EVIL}`, createdAt: Date.UTC(2026, 11, 6, 9, 30), color: `red;background:url(x)`, rowIndex: 4, rowLabel: EVIL };
  return {
    title: `Title ${EVIL}`,
    generatedAt: Date.UTC(2026, 11, 6, 11, 0),
    sessionCreatedAt: Date.UTC(2026, 11, 6, 9, 0),
    dataset: { name: `penguins ${EVIL}`, rowCount: table.rowCount, columns: table.columns.map((c) => ({ name: c.name === 'Island' ? EVIL : c.name, type: c.data.type, identifier: false, missing: 0, distinct: 3 })) },
    analysis: {
      summary: {
        params: { reduction: { method: 'pca' } } as never,
        rowCount: table.rowCount,
        pointCount: ctx.count,
        droppedRows: table.rowCount - ctx.count,
        imputedCells: 0,
        features: [{ column: 'Body Mass (g)', type: 'number', encoding: 'zscore', outputs: ['Body Mass (g)'] }],
        excluded: [{ name: EVIL, reason: 'excluded by user' }],
        featureDimensions: 1,
        reduction: { method: 'pca', trustworthiness: { k: 10, value: 0.97, sampledPoints: ctx.count } },
        clustering: { method: 'kmeans', space: 'features', clusterCount: 3, noiseCount: 0, k: 3 },
        clusters: [],
        anomalies: { method: 'isolation-forest', contamination: 0.02, flagged: 7, top: [] },
        timings: {},
        notes: [{ level: 'warning', text: `Note ${EVIL}` }],
      },
      clusters,
      clusterStats: clusterStats({ columns: ctx.columns, rowIndex: ctx.rowIndex, cluster: ctx.cluster, clusters, features: ['Body Mass (g)', 'Island'] }),
      anomalies: [{ point: 0, rowIndex: 5, score: 0.71, reasons: [{ column: EVIL, value: EVIL, z: 3.2 }], typical: [], rowLabel: EVIL }],
    },
    quality,
    views: [{ title: `View ${EVIL}`, author: `Cy ${EVIL}`, createdAt: Date.UTC(2026, 11, 6, 10, 30), pose: 'seen from the bookmark’s camera', filters: [`${EVIL} is ${EVIL}`], snapshot: drawn.snapshot, notes: [note] }],
    viewsAreBookmarks: true,
    notes: [{ ...note, rowIndex: null }],
    noteCount: 2,
    answers: [answer],
  };
}

describe('renderReport', () => {
  it('escapes every hostile string: the only tags are the report’s own', async () => {
    const html = renderReport(await input());
    expect(html).not.toContain('<script');
    expect(html).not.toMatch(/<img src=x/);
    expect(html).not.toContain('url(x)');
    // Every place a string goes shows it escaped (title, names, notes, answers, quality, legends…).
    const count = html.split(ESCAPED).length - 1;
    expect(count).toBeGreaterThanOrEqual(25);
    for (const text of [`Title ${ESCAPED}`, `penguins ${ESCAPED}`, `Note ${ESCAPED}`, `Ben ${ESCAPED}`, `Question ${ESCAPED}`, `Answer ${ESCAPED}`, `Paragraph ${ESCAPED}`, `View ${ESCAPED}`, `11 missing ${ESCAPED}`, `old ${ESCAPED}`])
      expect(html, text).toContain(text);
    // Tags: only those the renderer writes.
    const tags = new Set([...html.matchAll(/<([a-zA-Z][a-zA-Z0-9]*)/g)].map((m) => m[1].toLowerCase()));
    expect([...tags].filter((t) => !['html', 'head', 'meta', 'title', 'style', 'body', 'main', 'header', 'h1', 'h2', 'h3', 'p', 'nav', 'ol', 'ul', 'li', 'a', 'section', 'dl', 'dt', 'dd', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 'strong', 'span', 'div', 'article', 'figure', 'img', 'figcaption'].includes(t))).toEqual([]);
  });

  it('has every section, in order, and loads nothing from anywhere', async () => {
    const html = renderReport(await input());
    const order = ['summary', 'quality', 'views', 'clusters', 'anomalies', 'notes', 'answers'].map((id) => html.indexOf(`<section id="${id}">`));
    expect(order.every((at) => at > 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(html).toContain(`<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src data:; style-src 'unsafe-inline'">`);
    expect(html).not.toMatch(/(src|href)="(https?:|\/\/)/);
    expect(html).toContain('@media print');
    // The full quality report: finding with its example row, rule, alert.
    expect(html).toContain('row 4');
    expect(html).toContain('matches ' + ESCAPED);
    expect(html).toContain('<td>rows 1–2</td>');
    // The clusters with their statistics: Gentoo's body mass mean is about 5,076 g.
    expect(html).toMatch(/<table class="cluster-stats">/);
    expect(html).toMatch(/5,07\d(\.\d)? ± /);
  });

  it('embeds each snapshot as a PNG data URI of the picture’s size', async () => {
    const html = renderReport(await input());
    const images = [...html.matchAll(/<img class="snapshot screen" src="data:image\/png;base64,([A-Za-z0-9+/=]+)" width="(\d+)" height="(\d+)"/g)];
    expect(images).toHaveLength(1);
    const png = PNG.sync.read(Buffer.from(images[0][1], 'base64'));
    expect([png.width, png.height]).toEqual([Number(images[0][2]), Number(images[0][3])]);
    expect([png.width, png.height]).toEqual([1280, 720]);
    expect([...png.data.subarray(0, 3)]).toEqual([11, 15, 23]);
    // Its twin for print, on white paper.
    const print = [...html.matchAll(/<img class="snapshot print" src="data:image\/png;base64,([A-Za-z0-9+/=]+)"/g)];
    expect(print).toHaveLength(1);
    const paper = PNG.sync.read(Buffer.from(print[0][1], 'base64'));
    expect([paper.width, paper.height]).toEqual([1280, 720]);
    expect([...paper.data.subarray(0, 3)]).toEqual([255, 255, 255]);
  });

  it('says plainly what is missing: no analysis, no quality report, no notes, no answers', async () => {
    const full = await input();
    const html = renderReport({ ...full, analysis: null, quality: undefined, views: [{ ...full.views[0], snapshot: null, notes: [] }], viewsAreBookmarks: false, notes: [], noteCount: 0, answers: [] });
    expect(html).toContain('This session has no finished analysis yet');
    expect(html).toContain('No quality report is available for this dataset.');
    expect(html).toContain('No notes were written in this session.');
    expect(html).toContain('No answers were shared to the room.');
    expect(html).toContain('<h2>The shared view</h2>');
    expect(html).not.toContain('data:image/png');
  });
});

describe('reportDisposition', () => {
  it('names the file after the title, ASCII-safe, with the full title in filename*', () => {
    expect(reportDisposition('Penguins 2026')).toBe(`attachment; filename="Penguins 2026-report.html"; filename*=UTF-8''Penguins%202026-report.html`);
    const hostile = reportDisposition('a"b\\c/d\r\nSet-Cookie: x=1 é');
    expect(hostile).not.toMatch(/[\r\n]/);
    expect(hostile.startsWith('attachment; filename="a_b_c_dSet-Cookie_ x_1 _-report.html"; filename*=UTF-8\'\'')).toBe(true);
    expect(reportDisposition('   ')).toContain('filename="session-report.html"');
  });
});
