import { describe, expect, it } from 'vitest';
import { ConfigError, configFromEnv } from '../../../server/config.ts';

const LLM = { LLM_BASE_URL: 'https://models.example.org/v1/', LLM_API_KEY: 'k', LLM_MODEL: 'small' };

describe('the ask settings', () => {
  it('has no model unless all three LLM_ variables are set, and says which is missing', () => {
    expect(configFromEnv({}).llm).toBeNull();
    expect(configFromEnv(LLM).llm).toEqual({ baseUrl: 'https://models.example.org/v1', apiKey: 'k', model: 'small', timeoutMs: 15_000, firstTokenMs: 8_000 });
    expect(() => configFromEnv({ LLM_BASE_URL: LLM.LLM_BASE_URL, LLM_MODEL: 'small' })).toThrow(/LLM_API_KEY is not set/);
    expect(() => configFromEnv({ LLM_API_KEY: 'k' })).toThrow(/LLM_BASE_URL and LLM_MODEL are not set/);
  });

  it('refuses a base URL that is not http(s) and reads the timeouts and the question rate', () => {
    expect(() => configFromEnv({ ...LLM, LLM_BASE_URL: 'ftp://x' })).toThrow(ConfigError);
    expect(() => configFromEnv({ ...LLM, LLM_BASE_URL: 'not a url' })).toThrow(/LLM_BASE_URL must be an http\(s\) URL/);
    expect(configFromEnv({ ...LLM, LLM_TIMEOUT_MS: '2000', LLM_FIRST_TOKEN_MS: '500' }).llm).toMatchObject({ timeoutMs: 2000, firstTokenMs: 500 });
    expect(() => configFromEnv({ ...LLM, LLM_TIMEOUT_MS: '0' })).toThrow(/LLM_TIMEOUT_MS must be a whole number ≥ 100/);
    expect(configFromEnv({}).askPerMinute).toBe(60);
    expect(configFromEnv({ ASK_PER_MINUTE: '10' }).askPerMinute).toBe(10);
    expect(() => configFromEnv({ ASK_PER_MINUTE: '0' })).toThrow(/ASK_PER_MINUTE must be a whole number ≥ 1/);
  });
});
