import { access, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatasetDescription, SessionCreated } from '../../../shared/api-types.ts';
import type { QualityReport, QualityRule } from '../../../shared/insights/quality.ts';
import type { RunningServer } from '../../../server/server.ts';
import { postAnalysis, waitForAnalysis } from '../../support/analysis-client.ts';
import { CONTENT_TYPES, errorCode, ownerFetch, postJson } from '../../support/http.ts';
import { COLUMNS, PLANTED, cleanPenguinsCsv, plantedPenguinsCsv } from '../../support/planted-penguins.ts';
import { removeDir, startTestServer, tempDataDir } from '../../support/server-process.ts';

let server: RunningServer;
let dataDir: string;

beforeAll(async () => {
  dataDir = await tempDataDir('mirage-quality-');
  server = await startTestServer(dataDir);
}, 60_000);
afterAll(async () => {
  await server?.close();
  if (dataDir) await removeDir(dataDir);
});

type Upload = DatasetDescription & { replaces?: DatasetDescription['replaces'] & { message: string } };

function uploadCsv(csv: string, name: string, query: string): Promise<Response> {
  return ownerFetch(`${server.url}/api/datasets?name=${encodeURIComponent(name)}${query}`, { method: 'POST', headers: { 'content-type': CONTENT_TYPES.csv }, body: csv });
}

async function upload(csv: string, name: string, query = ''): Promise<Upload> {
  const response = await uploadCsv(csv, name, query);
  expect(response.status).toBe(201);
  return (await response.json()) as Upload;
}
const quality = async (id: string, query = ''): Promise<QualityReport> => (await ownerFetch(`${server.url}/api/datasets/${id}/quality${query}`)).json() as Promise<QualityReport>;
const addRule = (id: string, rule: unknown, headers: Record<string, string> = {}) => postJson(`${server.url}/api/datasets/${id}/rules`, rule, 'POST', headers);
/** A refusal: its status, code and that its message is a sentence. */
async function refusal(response: Response): Promise<[number, string]> {
  const clone = response.clone();
  const code = await errorCode(response);
  const { error } = (await clone.json()) as { error: { message: string } };
  expect(error.message.length).toBeGreaterThan(15);
  return [response.status, code];
}

describe('the quality report of an upload', () => {
  it('is computed at import: the upload says how many findings, the report lists the planted ones', async () => {
    const planted = await upload(plantedPenguinsCsv(), 'planted-report');
    const report = await quality(planted.id);
    expect(planted.quality).toEqual({ findings: report.findings.length, alerts: 0 });
    const counts = Object.fromEntries(report.findings.filter((f) => f.kind !== 'missing').map((f) => [`${f.kind} ${f.column ?? ''}`.trim(), f.count]));
    expect(counts).toEqual({
      'duplicate-rows': 3,
      [`unparsed-values ${COLUMNS.beakDepth}`]: 3,
      [`outliers ${COLUMNS.flipper}`]: 2,
      'duplicate-ids id': 2,
      [`mixed-magnitudes ${COLUMNS.mass}`]: PLANTED.massInKg.length,
    });
    expect(report.rowCount).toBe(347);
    expect(report.rules).toEqual([]);
  });

  it('is computed once on first request for a dataset stored without one, and kept', async () => {
    const old = await upload(plantedPenguinsCsv(), 'planted-legacy');
    const file = join(dataDir, 'datasets', old.id, 'quality.json');
    await rm(file);
    const report = await quality(old.id);
    expect(report.findings.find((f) => f.kind === 'duplicate-ids')?.count).toBe(2);
    await access(file);
  });
});

describe('rules', () => {
  it('are checked on add, listed with their violations, and deleted', async () => {
    const planted = await upload(plantedPenguinsCsv(), 'planted-rules');
    const response = await addRule(planted.id, { kind: 'range', column: COLUMNS.flipper, min: 150, max: 250 });
    expect(response.status).toBe(201);
    const rule = (await response.json()) as QualityRule;
    expect(rule).toMatchObject({ kind: 'range', column: COLUMNS.flipper, min: 150, max: 250, violations: 2, violatingRows: [200, 202] });
    const pattern = (await (await addRule(planted.id, { kind: 'pattern', column: 'Species', pattern: 'Adelie|Gentoo' })).json()) as QualityRule;
    expect(pattern.violations).toBe(68); // the Chinstraps

    const report = await quality(planted.id);
    expect(report.rules.map((r) => [r.id, r.violations])).toEqual([
      [rule.id, 2],
      [pattern.id, 68],
    ]);
    // Broken rules are findings too (kind "rule"), with their example rows read from the data.
    const broken = report.findings.filter((f) => f.kind === 'rule');
    expect(broken.map((f) => [f.column, f.count, f.message])).toEqual([
      [COLUMNS.flipper, 2, `Rule "${COLUMNS.flipper} between 150 and 250" is broken by 2 rows.`],
      ['Species', 68, 'Rule "Species matches /Adelie|Gentoo/" is broken by 68 rows.'],
    ]);
    expect(broken[0].examples.map((e) => [e.rowIndex, e.values[COLUMNS.flipper]])).toEqual([
      [200, 1870],
      [201, 1980],
    ]);
    expect(broken[1].examples.every((e) => e.values.Species === 'Chinstrap')).toBe(true);
    expect((await ownerFetch(`${server.url}/api/datasets/${planted.id}/rules/${rule.id}`, { method: 'DELETE' })).status).toBe(204);
    expect((await quality(planted.id)).rules.map((r) => r.id)).toEqual([pattern.id]);
  });

  it('refuses bad input with a 4xx and a sentence, changing nothing', async () => {
    const planted = await upload(plantedPenguinsCsv(), 'planted-bad');
    const id = planted.id;
    expect(await refusal(await addRule(id, { kind: 'not-null', column: 'Weight' }))).toEqual([400, 'unknown_column']);
    expect(await refusal(await addRule(id, { kind: 'pattern', column: 'Species', pattern: '([a-z]' }))).toEqual([400, 'invalid_pattern']);
    expect(await refusal(await addRule(id, { kind: 'pattern', column: 'Species', pattern: '(a+)+b' }))).toEqual([400, 'unsafe_pattern']);
    expect(await refusal(await addRule(id, { kind: 'pattern', column: 'Species', pattern: 'a'.repeat(500) }))).toEqual([400, 'invalid_request']);
    expect(await refusal(await addRule(id, { kind: 'range', column: 'Species', max: 3 }))).toEqual([400, 'invalid_rule']);
    expect(await refusal(await addRule(id, { kind: 'range', column: COLUMNS.mass }))).toEqual([400, 'invalid_request']);
    expect(await refusal(await addRule(id, { kind: 'sometimes', column: 'Species' }))).toEqual([400, 'invalid_request']);
    const malformed = await ownerFetch(`${server.url}/api/datasets/${id}/rules`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"kind":' });
    expect(await refusal(malformed)).toEqual([400, 'malformed_json']);
    expect(await refusal(await ownerFetch(`${server.url}/api/datasets/${id}/rules/nosuchrule`, { method: 'DELETE' }))).toEqual([404, 'not_found']);
    expect(await refusal(await addRule('nosuchdataset', { kind: 'not-null', column: 'Sex' }))).toEqual([404, 'not_found']);
    expect(await refusal(await ownerFetch(`${server.url}/api/datasets/${id}/quality?analysisId=nosuchanalysis`))).toEqual([404, 'not_found']);
    expect((await quality(id)).rules).toEqual([]);
  });

  it('an edit link of a session on the dataset may add one; its view link may read the report but not add', async () => {
    const planted = await upload(plantedPenguinsCsv(), 'planted-session');
    const session = (await (await postJson(`${server.url}/api/sessions`, { datasetId: planted.id })).json()) as SessionCreated;
    const asEdit = await addRule(planted.id, { kind: 'not-null', column: 'Sex' }, { authorization: `Bearer ${session.editToken}` });
    expect(asEdit.status).toBe(201);
    expect(((await asEdit.json()) as QualityRule).violations).toBe(11);
    const asView = await addRule(planted.id, { kind: 'not-null', column: 'Sex' }, { authorization: `Bearer ${session.viewToken}` });
    expect(await refusal(asView)).toEqual([403, 'forbidden']);
    const read = await ownerFetch(`${server.url}/api/datasets/${planted.id}/quality`, { headers: { authorization: `Bearer ${session.viewToken}` } });
    expect(read.status).toBe(200);
  });
});

describe('a new version of a dataset', () => {
  it('copies the rules, is checked against them and the old profile, and says what broke', async () => {
    const clean = await upload(cleanPenguinsCsv(), 'penguins-versioned');
    expect(clean.replaces).toBeUndefined();
    const rule = (await (await addRule(clean.id, { kind: 'range', column: COLUMNS.mass, min: 2000, max: 7000 })).json()) as QualityRule;
    expect(rule.violations).toBe(0);

    const next = await upload(plantedPenguinsCsv(), 'penguins-next', `&replaces=${clean.id}`);
    expect(next.replaces).toMatchObject({ datasetId: clean.id, name: 'penguins-versioned' });
    expect(next.replaces!.message).toMatch(/^This replaces "penguins-versioned" of \d+ \w+ \d{4} \(dataset [\w-]+\): its rules were copied and checked; the earlier version is kept\.$/);
    const report = await quality(next.id);
    expect(report.rules.map((r) => [r.id, r.violations])).toEqual([[rule.id, PLANTED.massInKg.length]]);
    const alerts = report.replaces!.alerts;
    expect(alerts.find((a) => a.kind === 'rule-violated')?.message).toBe(`Rule "${COLUMNS.mass} between 2000 and 7000" is broken by 20 rows (0 in the previous version).`);
    expect(next.quality?.alerts).toBe(alerts.length);
    // The old version is kept, rules and all.
    expect((await quality(clean.id)).rules.map((r) => r.violations)).toEqual([0]);

    // A re-upload under the same name replaces the latest version of that name.
    const again = await upload(cleanPenguinsCsv(), 'penguins-versioned');
    expect(again.replaces?.datasetId).toBe(clean.id);
    const refused = await uploadCsv(cleanPenguinsCsv(), 'x', '&replaces=nosuchdataset');
    expect(await refusal(refused)).toEqual([404, 'not_found']);
  });

  it('says what an analysis did about missing values, per column', async () => {
    const clean = await upload(cleanPenguinsCsv(), 'penguins-analysed');
    const analysis = await postAnalysis(server.url, clean.id, { reduction: { method: 'pca' }, features: [COLUMNS.mass, 'Sex'] });
    await waitForAnalysis(server.url, analysis.id);
    const report = await quality(clean.id, `?analysisId=${analysis.id}`);
    expect(report.analysis).toEqual({
      analysisId: analysis.id,
      missing: 'drop',
      droppedRows: 11,
      imputedCells: 0,
      byColumn: [
        { column: COLUMNS.mass, droppedRows: 2, imputedCells: 0 },
        { column: 'Sex', droppedRows: 11, imputedCells: 0 },
      ],
    });
  }, 120_000);
});
