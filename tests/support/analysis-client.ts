import type { AnalysisParamsInput } from '../../shared/analysis-params.ts';
import type { AnalysisDescription, AnalysisEvent } from '../../shared/api-types.ts';
import { ownerFetch, postJson } from './http.ts';

/** Posts an analysis and returns its id (202 new, 200 existing). */
export async function postAnalysis(baseUrl: string, datasetId: string, params: AnalysisParamsInput): Promise<{ id: string; existing: boolean; status: number }> {
  const response = await postJson(`${baseUrl}/api/datasets/${datasetId}/analyses`, params);
  if (response.status !== 202 && response.status !== 200) throw new Error(`analysis request failed: ${response.status} ${await response.text()}`);
  const body = (await response.json()) as { id: string; existing: boolean };
  return { ...body, status: response.status };
}

/** Reads the SSE stream of an analysis until it ends; returns every event. */
export async function collectEvents(baseUrl: string, analysisId: string, timeoutMs = 120_000): Promise<AnalysisEvent[]> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  const response = await ownerFetch(`${baseUrl}/api/analyses/${analysisId}/events`, { signal: controller.signal });
  const events: AnalysisEvent[] = [];
  const decoder = new TextDecoder();
  let buffer = '';
  try {
    for await (const chunk of response.body!) {
      buffer += decoder.decode(chunk, { stream: true });
      let end: number;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const data = block.split('\n').find((l) => l.startsWith('data:'));
        const name = block.split('\n').find((l) => l.startsWith('event:'))?.slice(6).trim();
        if (!data || name === 'ping') continue;
        const event = JSON.parse(data.slice(5)) as AnalysisEvent;
        events.push(event);
        if (event.type === 'done' || event.type === 'failed') return events;
      }
    }
  } finally {
    clearTimeout(timer);
    controller.abort();
  }
  return events;
}

export async function waitForAnalysis(baseUrl: string, analysisId: string, timeoutMs = 120_000): Promise<AnalysisDescription> {
  const events = await collectEvents(baseUrl, analysisId, timeoutMs);
  const last = events.at(-1);
  if (!last || (last.type !== 'done' && last.type !== 'failed')) throw new Error(`analysis ${analysisId} did not finish`);
  return last.analysis;
}
