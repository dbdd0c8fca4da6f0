import { describe, expect, it } from 'vitest';
import { ConfigError, configFromEnv, DEFAULTS } from '../../../server/config.ts';

describe('the bounds of issue 15 in the configuration', () => {
  it('reads each from its variable, keeps the defaults otherwise, and refuses what is not a whole number ≥ 1', () => {
    expect(configFromEnv({})).toMatchObject({ analysisMaxQueued: 32, analysisMaxQueuedPerToken: 8, eventsMaxPerAnalysis: 100, eventsMaxPerClient: 10 });
    expect(DEFAULTS).toMatchObject({ analysisMaxQueued: 32, analysisMaxQueuedPerToken: 8, eventsMaxPerAnalysis: 100, eventsMaxPerClient: 10 });
    const set = configFromEnv({ ANALYSIS_MAX_QUEUED: '5', ANALYSIS_MAX_QUEUED_PER_TOKEN: '2', EVENTS_MAX_PER_ANALYSIS: '40', EVENTS_MAX_PER_CLIENT: '4' });
    expect(set).toMatchObject({ analysisMaxQueued: 5, analysisMaxQueuedPerToken: 2, eventsMaxPerAnalysis: 40, eventsMaxPerClient: 4 });
    for (const name of ['ANALYSIS_MAX_QUEUED', 'ANALYSIS_MAX_QUEUED_PER_TOKEN', 'EVENTS_MAX_PER_ANALYSIS', 'EVENTS_MAX_PER_CLIENT']) {
      for (const bad of ['0', '-1', '2.5', 'many']) {
        expect(() => configFromEnv({ [name]: bad }), `${name}=${bad}`).toThrow(ConfigError);
        expect(() => configFromEnv({ [name]: bad })).toThrow(new RegExp(`${name} must be a whole number ≥ 1`));
      }
    }
  });
});
