import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PointsJson, SessionCreated } from '../../../shared/api-types.ts';
import type { TrendsResponse } from '../../../shared/insights/trends.ts';
import type { RunningServer } from '../../../server/server.ts';
import { postAnalysis, waitForAnalysis } from '../../support/analysis-client.ts';
import { assetPath } from '../../support/assets.ts';
import { ownerFetch, postJson, uploadAsset } from '../../support/http.ts';
import { removeDir, startTestServer, tempDataDir } from '../../support/server-process.ts';

/** `GET /api/analyses/:id/trends` on a real server: a k-means analysis of the Seattle weather table. */
let server: RunningServer;
let dataDir: string;
let analysisId: string;
let session: SessionCreated;
let points: PointsJson;
const csv = readFileSync(assetPath('seattle'), 'utf8')
  .trim()
  .split('\n')
  .slice(1)
  .map((line) => line.split(','));

beforeAll(async () => {
  dataDir = await tempDataDir('mirage-trends-');
  server = await startTestServer(dataDir);
  const dataset = await uploadAsset(server.url, 'seattle');
  const analysis = await postAnalysis(server.url, dataset.id, { reduction: { method: 'pca' }, clustering: { method: 'kmeans', k: 3 } });
  await waitForAnalysis(server.url, analysis.id);
  analysisId = analysis.id;
  points = (await (await ownerFetch(`${server.url}/api/analyses/${analysisId}/points.json`)).json()) as PointsJson;
  session = (await (await postJson(`${server.url}/api/sessions`, { datasetId: dataset.id, analysisId })).json()) as SessionCreated;
}, 120_000);

afterAll(async () => {
  await server?.close();
  if (dataDir) await removeDir(dataDir);
});

const trends = (query: string, token?: string) =>
  token ? fetch(`${server.url}/api/analyses/${analysisId}/trends?${query}`, { headers: { authorization: `Bearer ${token}` } }) : ownerFetch(`${server.url}/api/analyses/${analysisId}/trends?${query}`);

describe('GET /api/analyses/:id/trends', () => {
  it('gives each cluster its monthly count, equal to a direct count of its points’ dates, and a forecast with its held-out error', async () => {
    const response = await trends('date=date', session.viewToken); // a view token suffices
    expect(response.status).toBe(200);
    const body = (await response.json()) as TrendsResponse;
    expect(body.period).toBe('month');
    expect(body.value).toBeNull();
    expect(body.periodStarts).toHaveLength(48);
    expect(body.clusters.map((c) => c.id)).toEqual([...new Set(points.cluster)].sort((a, b) => a - b));
    for (const c of body.clusters) {
      const direct = new Map<string, number>();
      points.rowIndex.forEach((row, p) => {
        if (points.cluster[p] !== c.id) return;
        const month = csv[row][0].slice(0, 7);
        direct.set(month, (direct.get(month) ?? 0) + 1);
      });
      expect(c.values).toEqual(body.periodStarts.map((start) => direct.get(start.slice(0, 7)) ?? 0));
      expect(c.shown).toBe(c.id);
      expect(c.forecast!.values).toHaveLength(6);
      expect(c.forecast!.heldOut.periods).toBe(6);
      expect(['holt', 'seasonal-naive']).toContain(c.forecast!.method);
    }
  });

  it('averages a numeric column, follows a period and horizon, and maps cluster ids to the displayed ones', async () => {
    const ids = [...new Set(points.cluster)].sort((a, b) => a - b);
    const mapping = ids.map((id, k) => `${id}:${ids[(k + 1) % ids.length]}`).join(',');
    const response = await trends(`date=date&value=temp_max&period=quarter&horizon=4&clusters=${mapping}`, session.editToken);
    expect(response.status).toBe(200);
    const body = (await response.json()) as TrendsResponse;
    expect(body).toMatchObject({ value: 'temp_max', period: 'quarter', horizon: 4 });
    expect(body.periodStarts).toHaveLength(16);
    expect(body.forecastStarts[0]).toBe('2016-01-01T00:00:00.000Z');
    expect(body.clusters.map((c) => c.shown)).toEqual(ids.map((_, k) => ids[(k + 1) % ids.length]));
    const quarter = (date: string) => `${date.slice(0, 4)}Q${Math.floor((Number(date.slice(5, 7)) - 1) / 3)}`;
    for (const c of body.clusters) {
      const sums = new Map<string, { sum: number; count: number }>();
      points.rowIndex.forEach((row, p) => {
        if (points.cluster[p] !== c.id) return;
        const cell = sums.get(quarter(csv[row][0])) ?? { sum: 0, count: 0 };
        cell.sum += Number(csv[row][2]);
        cell.count++;
        sums.set(quarter(csv[row][0]), cell);
      });
      c.values.forEach((v, k) => {
        const cell = sums.get(quarter(body.periodStarts[k]));
        if (cell) expect(v).toBeCloseTo(cell.sum / cell.count, 9);
        else expect(v).toBeNull();
      });
    }
  });

  it.each([
    ['', 'date is required'],
    ['date=when', 'The dataset has no column "when"; its date columns: "date".'],
    ['date=weather', 'Column "weather" holds category values, not dates; its date columns: "date".'],
    ['date=date&value=weather', 'only a numeric column can be averaged'],
    ['date=date&value=nope', 'no column "nope"'],
    ['date=date&horizon=0', 'horizon must be a whole number of periods from 1 to 24.'],
    ['date=date&horizon=25', 'horizon must be a whole number of periods from 1 to 24.'],
    ['date=date&horizon=two', 'horizon must be a whole number of periods from 1 to 24.'],
    ['date=date&period=fortnight', 'period must be auto, day, week, month, quarter, year.'],
    ['date=date&clusters=0-1', 'clusters lists raw:shown cluster id pairs'],
  ])('answers %s with a 400 that says why', async (query, message) => {
    const response = await trends(query);
    expect(response.status).toBe(400);
    const body = (await response.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('invalid_request');
    expect(body.error.message).toContain(message);
  });

  it('answers the same query with the same body (kept, and deterministic)', async () => {
    const first = await (await trends('date=date&value=wind&period=week')).text();
    const again = await (await trends('date=date&value=wind&period=week', session.viewToken)).text();
    expect(again).toBe(first);
    expect((JSON.parse(first) as TrendsResponse).periodStarts[0]).toBe('2011-12-26T00:00:00.000Z'); // the Monday before 2012-01-01
  });

  it('answers an unknown analysis with a 404', async () => {
    const response = await ownerFetch(`${server.url}/api/analyses/nosuchanalysis0/trends?date=date`);
    expect(response.status).toBe(404);
  });
});
