import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AnalysisSummary } from '../../../shared/analysis-result.ts';
import type { SessionCreated } from '../../../shared/api-types.ts';
import { decodeBuffer } from '../../../shared/binary.ts';
import type { ClusterStatsTable, CompareResult } from '../../../shared/insights/explain.ts';
import { rangesFromIndices } from '../../../shared/session/ranges.ts';
import type { RunningServer } from '../../../server/server.ts';
import { postAnalysis, waitForAnalysis } from '../../support/analysis-client.ts';
import { CONTENT_TYPES, errorCode, ownerFetch, postJson, uploadAsset, uploadText } from '../../support/http.ts';
import { removeDir, startTestServer, tempDataDir } from '../../support/server-process.ts';

let server: RunningServer;
let dataDir: string;
let datasetId: string;
let analysisId: string;
let summary: AnalysisSummary;
let rowIndex: Uint32Array;
let cluster: Int32Array;

beforeAll(async () => {
  dataDir = await tempDataDir();
  server = await startTestServer(dataDir);
  const dataset = await uploadAsset(server.url, 'penguins');
  datasetId = dataset.id;
  const { id } = await postAnalysis(server.url, dataset.id, { reduction: { method: 'pca' }, clustering: { method: 'kmeans', k: 3 } });
  const analysis = await waitForAnalysis(server.url, id);
  expect(analysis.status).toBe('done');
  analysisId = id;
  summary = analysis.result!;
  const bin = async (name: string) => decodeBuffer(await (await ownerFetch(`${server.url}/api/analyses/${id}/${name}.bin`)).arrayBuffer()).data;
  rowIndex = (await bin('row-index')) as Uint32Array;
  cluster = (await bin('cluster')) as Int32Array;
});
afterAll(async () => {
  await server.close();
  await removeDir(dataDir);
});

const statsUrl = (query = '') => `${server.url}/api/analyses/${analysisId}/cluster-stats${query}`;
const compare = (body: unknown) => postJson(`${server.url}/api/analyses/${analysisId}/compare`, body);

describe('cluster explanations over HTTP (issue 12)', () => {
  it('stores each cluster with its share and paragraph, each top anomaly with reasons and typical rows', () => {
    for (const c of summary.clusters) {
      expect(c.share).toBeCloseTo(c.size / summary.pointCount, 10);
      expect(c.paragraph).toMatch(new RegExp(`^${c.size} penguins, \\d+% of all: `));
    }
    for (const a of summary.anomalies.top) {
      expect(a.reasons.length).toBeGreaterThan(0);
      expect(a.typical.length).toBe(3);
    }
  });

  it('serves the per-cluster statistics as JSON, and the same as CSV', async () => {
    const response = await ownerFetch(statsUrl());
    expect(response.status).toBe(200);
    const stats = (await response.json()) as ClusterStatsTable;
    expect(stats.groups.map((g) => g.cluster)).toEqual([null, ...summary.clusters.map((c) => c.id)]);
    expect(stats.groups.map((g) => g.size)).toEqual([summary.pointCount, ...summary.clusters.map((c) => c.size)]);
    const mass = stats.columns.findIndex((c) => c.name === 'Body Mass (g)');
    expect(stats.columns[mass]).toEqual({ name: 'Body Mass (g)', type: 'number', unit: 'g' });
    const all = stats.groups[0].stats[mass];
    expect(all.min! <= all.q1! && all.q1! <= all.median! && all.median! <= all.q3! && all.q3! <= all.max!).toBe(true);

    const csv = await ownerFetch(statsUrl('?format=csv'));
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(csv.headers.get('content-disposition')).toMatch(/attachment; filename="cluster-stats-.+\.csv"/);
    const parsed = Papa.parse<Record<string, string>>(await csv.text(), { header: true, skipEmptyLines: true });
    expect(parsed.errors).toEqual([]);
    expect(parsed.data).toHaveLength(stats.groups.length * stats.columns.length);
    const row = parsed.data.find((r) => r.cluster === 'all' && r.column === 'Body Mass (g)')!;
    expect(Number(row.mean)).toBeCloseTo(all.mean!, 9);
    expect(Number(row.median)).toBe(all.median);
    expect(row.unit).toBe('g');
  });

  it('computes the statistics on demand for an analysis stored before they were kept', async () => {
    const stored = await (await ownerFetch(statsUrl())).json();
    await rm(join(dataDir, 'analyses', analysisId, 'result', 'cluster-stats.json'));
    const computed = await (await ownerFetch(statsUrl())).json();
    expect(computed).toEqual(stored);
  });

  it('numbers and names the clusters as a session displays them when the request says how (?clusters=raw:shown)', async () => {
    // A session that re-bound shows raw cluster 1 as C1, 2 as C2 and 0 as C3.
    const shown = new Map([
      [1, 0],
      [2, 1],
      [0, 2],
    ]);
    const query = [...shown].map(([raw, id]) => `${raw}:${id}`).join(',');
    const rawTable = (await (await ownerFetch(statsUrl())).json()) as ClusterStatsTable;
    const table = (await (await ownerFetch(statsUrl(`?clusters=${query}`))).json()) as ClusterStatsTable;
    expect(table.groups.map((g) => g.cluster)).toEqual([null, 0, 1, 2]);
    for (const g of table.groups.slice(1)) {
      const raw = [...shown].find(([, id]) => id === g.cluster)![0];
      const before = rawTable.groups.find((r) => r.cluster === raw)!;
      expect(g.size).toBe(before.size);
      expect(g.stats).toEqual(before.stats);
      // A label that names the cluster by its number follows the number; others stay.
      expect(g.label).toBe(before.label === `Cluster ${raw + 1}` ? `Cluster ${g.cluster! + 1}` : before.label);
    }

    const csv = await ownerFetch(statsUrl(`?format=csv&clusters=${query}`));
    expect(csv.status).toBe(200);
    const parsed = Papa.parse<Record<string, string>>(await csv.text(), { header: true, skipEmptyLines: true });
    expect(parsed.errors).toEqual([]);
    expect([...new Set(parsed.data.map((r) => r.cluster))]).toEqual(['all', 'C1', 'C2', 'C3']);
    const mass = table.columns.findIndex((c) => c.name === 'Body Mass (g)');
    for (const g of table.groups.slice(1)) {
      const row = parsed.data.find((r) => r.cluster === `C${g.cluster! + 1}` && r.column === 'Body Mass (g)')!;
      expect(Number(row.size)).toBe(g.size);
      expect(row.label).toBe(g.label);
      expect(Number(row.mean)).toBeCloseTo(g.stats[mass].mean!, 9);
    }
    // Without a mapping the CSV names clusters by their raw id + 1, as a session that never re-bound shows them.
    const plain = Papa.parse<Record<string, string>>(await (await ownerFetch(statsUrl('?format=csv'))).text(), { header: true, skipEmptyLines: true });
    expect(plain.data.find((r) => r.cluster === 'C1')!.size).toBe(String(rawTable.groups.find((g) => g.cluster === 0)!.size));
  });

  it('refuses a malformed, partial or ambiguous cluster numbering with a 400 and a sentence', async () => {
    for (const [query, words] of [
      ['0:1,1:x', /is not one/],
      ['0:1,1:2', /leaves out cluster 2/],
      ['0:1,1:1,2:2', /two clusters as 1/],
      ['0:1,0:2,1:0', /cluster 0 twice/],
      ['0:1,1:2,2:0,7:3', /does not have/],
      ['0:1,1:2,2:10000', /below 10000/],
      ['', /is not one/],
    ] as const) {
      const response = await ownerFetch(statsUrl(`?format=csv&clusters=${encodeURIComponent(query)}`));
      const text = await response.text();
      expect(response.status, text).toBe(400);
      expect(JSON.parse(text).error.message, query).toMatch(words);
    }
  });

  it('refuses an unknown format', async () => {
    const response = await ownerFetch(statsUrl('?format=xlsx'));
    expect(response.status).toBe(400);
    expect(await errorCode(response)).toBe('invalid_request');
  });

  it("compares a selection with the rest as the cluster with the rest when it holds the cluster's rows", async () => {
    const biggest = summary.clusters[0];
    const rows = rangesFromIndices(Array.from(rowIndex).filter((_, p) => cluster[p] === biggest.id));
    const [bySelection, byCluster] = await Promise.all(
      [{ a: { rows }, b: { rest: true } }, { a: { cluster: biggest.id }, b: { rest: true }, labels: { a: 'Cluster 1' } }].map(async (body) => {
        const response = await compare(body);
        expect(response.status).toBe(200);
        return (await response.json()) as CompareResult;
      }),
    );
    expect(bySelection.a).toEqual({ size: biggest.size, label: 'the selection' });
    expect(byCluster.a).toEqual({ size: biggest.size, label: 'Cluster 1' });
    expect(bySelection.b.size).toBe(summary.pointCount - biggest.size);
    expect(bySelection.traits.map((t) => [t.column, t.kind, t.value])).toEqual(biggest.traits.map((t) => [t.column, t.kind, t.value]));
    bySelection.traits.forEach((t, i) => expect(t.effect).toBeCloseTo(byCluster.traits[i].effect, 9));
    expect(bySelection.paragraph).toMatch(/^the selection \(\d+ penguins\) vs the rest \(\d+ penguins\): /);
  });

  it('answers bad comparisons with a 400 and a sentence, never a 500', async () => {
    const dropped = Array.from({ length: summary.rowCount }, (_, r) => r).find((r) => !rowIndex.includes(r))!;
    const inFirst = rowIndex[Array.from(cluster).indexOf(0)];
    const bad: [unknown, RegExp][] = [
      [{ a: { cluster: 7 }, b: { rest: true } }, /no cluster 7/],
      [{ a: { cluster: 0 }, b: { rows: [inFirst, inFirst + 1] } }, /overlap/],
      [{ a: { rows: [dropped, dropped + 1] }, b: { rest: true } }, /holds none of the analysed rows/],
      [{ a: { rest: true }, b: { rest: true } }, /Only one of the two groups/],
      [{ a: { rows: [4, 2] }, b: { rest: true } }, /sorted, disjoint/],
      [{ a: { rows: Array.from({ length: 100_002 }, (_, i) => 2 * i) }, b: { rest: true } }, /at most 50,000 row ranges/],
      [{ a: { everyone: true }, b: { rest: true } }, /^a: a group is/],
      [{ a: { cluster: 0 } }, /^b: /],
      [{ a: { cluster: 0 }, b: { rest: true }, labels: { a: '' } }, /^labels\.a: /],
    ];
    for (const [body, message] of bad) {
      const response = await compare(body);
      const text = await response.clone().text();
      expect(response.status, text).toBe(400);
      await errorCode(response);
      expect((JSON.parse(text) as { error: { message: string } }).error.message).toMatch(message);
    }
    const notJson = await ownerFetch(`${server.url}/api/analyses/${analysisId}/compare`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"a":' });
    expect(notJson.status).toBe(400);
    expect(await errorCode(notJson)).toBe('malformed_json');
    const unknown = await postJson(`${server.url}/api/analyses/nope/compare`, { a: { cluster: 0 }, b: { rest: true } });
    expect(unknown.status).toBe(404);
  });

  it("lets a session's view token read both (they only read)", async () => {
    const session = (await (await postJson(`${server.url}/api/sessions`, { datasetId, analysisId })).json()) as SessionCreated;
    const view = { authorization: `Bearer ${session.viewToken}` };
    expect((await fetch(statsUrl(), { headers: view })).status).toBe(200);
    expect((await postJson(`${server.url}/api/analyses/${analysisId}/compare`, { a: { cluster: 0 }, b: { cluster: 1 } }, 'POST', view)).status).toBe(200);
  });
});

describe('cluster statistics CSV of hostile values', () => {
  it('escapes spreadsheet formulas in category values', async () => {
    const lines = ['x,y,tag', ...Array.from({ length: 40 }, (_, i) => `${i % 7},${(i * 3) % 11},${i % 2 === 0 ? '=HYPERLINK("http://example.invalid")' : 'plain'}`)];
    const upload = await uploadText(server.url, lines.join('\n'), CONTENT_TYPES.csv, 'hostile');
    expect(upload.status).toBe(201);
    const hostile = (await upload.json()) as { id: string };
    const { id } = await postAnalysis(server.url, hostile.id, { reduction: { method: 'pca' }, clustering: { method: 'kmeans', k: 2 } });
    expect((await waitForAnalysis(server.url, id)).status).toBe('done');
    const csv = await (await ownerFetch(`${server.url}/api/analyses/${id}/cluster-stats?format=csv`)).text();
    const parsed = Papa.parse<Record<string, string>>(csv, { header: true, skipEmptyLines: true });
    const tags = parsed.data.filter((r) => r.column === 'tag').map((r) => r.top);
    expect(tags.some((t) => t.includes('HYPERLINK'))).toBe(true);
    for (const t of tags) expect(t).not.toMatch(/^[=+\-@]/);
  });
});
