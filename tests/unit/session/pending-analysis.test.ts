import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { initSessionDoc, readPendingAnalysis, writePendingAnalysis } from '../../../shared/session/index.ts';

const fresh = () => {
  const doc = new Y.Doc();
  initSessionDoc(doc, { datasetId: 'datasetA1', analysisId: 'analysisA1', createdAt: 1 });
  return doc;
};

describe('meta.pendingAnalysis', () => {
  it('reads back what the server wrote, and nothing once removed', () => {
    const doc = fresh();
    expect(readPendingAnalysis(doc)).toBeNull();
    writePendingAnalysis(doc, { analysisId: 'analysisB1', state: 'running', since: 5 });
    expect(readPendingAnalysis(doc)).toEqual({ analysisId: 'analysisB1', state: 'running', since: 5 });
    writePendingAnalysis(doc, { analysisId: 'analysisB1', state: 'failed', since: 6, message: 'x'.repeat(2000) });
    const failed = readPendingAnalysis(doc);
    expect(failed).toMatchObject({ state: 'failed', since: 6 });
    expect(failed?.state === 'failed' && failed.message.length).toBe(500);
    writePendingAnalysis(doc, null);
    expect(readPendingAnalysis(doc)).toBeNull();
  });

  it('reads anything malformed as nothing pending, and refuses to write it', () => {
    const doc = fresh();
    for (const value of [
      'analysisB1',
      { analysisId: 'analysisB1', state: 'done', since: 1 },
      { analysisId: '', state: 'running', since: 1 },
      { analysisId: 'analysisB1', state: 'failed', since: 1 },
      { analysisId: 'analysisB1', state: 'running', since: -1 },
    ]) {
      doc.getMap('meta').set('pendingAnalysis', value);
      expect(readPendingAnalysis(doc), JSON.stringify(value)).toBeNull();
    }
    expect(() => writePendingAnalysis(doc, { analysisId: '', state: 'running', since: 1 })).toThrow(expect.objectContaining({ code: 'invalid_pending_analysis' }));
  });
});
