import { describe, expect, it } from 'vitest';
import { ConfigError, configFromEnv } from '../../../server/config.ts';

describe('IMAGE_ORIGINS', () => {
  it('is empty by default: only images kept with a dataset show', () => {
    expect(configFromEnv({}).imageOrigins).toEqual([]);
  });

  it('reads a comma-separated list of origins', () => {
    expect(configFromEnv({ IMAGE_ORIGINS: 'https://img.example.org/, http://cdn.example.com:8081' }).imageOrigins).toEqual(['https://img.example.org', 'http://cdn.example.com:8081']);
  });

  it('refuses anything that is not an http(s) origin, naming the setting', () => {
    expect(() => configFromEnv({ IMAGE_ORIGINS: 'https://img.example.org/photos' })).toThrow(ConfigError);
    expect(() => configFromEnv({ IMAGE_ORIGINS: 'ftp://img.example.org' })).toThrow(/IMAGE_ORIGINS must start with http/);
    expect(() => configFromEnv({ IMAGE_ORIGINS: 'not a url' })).toThrow(/IMAGE_ORIGINS must be an origin/);
  });
});
