import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { isLoopbackHost } from './auth/host-names.ts';
import { MIN_OWNER_TOKEN_LENGTH } from './auth/owner-token.ts';
import { COLLAB_DEFAULTS } from './collab/defaults.ts';
import { REDIS_ROOMS_DEFAULTS } from './collab/redis-room-defaults.ts';
import type { ModelConfig } from './insights/ask/model-phrasing.ts';

/** Every knob of the server and its default, in one place (README "Configuration" lists them). */
export interface ServerConfig {
  port: number;
  /** HTTPS_PORT: a second listener with TLS for headsets (WebXR needs a secure context); null = off. */
  httpsPort: number | null;
  /** TLS_CERT and TLS_KEY (PEM file paths), both or neither; null = a self-signed pair kept in DATA_DIR/tls. */
  tls: { certFile: string; keyFile: string } | null;
  host: string;
  /** Where datasets, analyses and sessions live. */
  dataDir: string;
  maxUploadBytes: number;
  maxColumns: number;
  maxRows: number;
  /**
   * Analyses running at once; default cores − 1, at least 1. With REDIS_URL: on all workers
   * together (the queue's global concurrency), set by each API process.
   */
  concurrency: number;
  /** Analyses queued or running at once, all requesters together; the next gets 429. */
  analysisMaxQueued: number;
  /** Analyses one requester (the owner, or one session's edit token) may have queued or running. */
  analysisMaxQueuedPerToken: number;
  /** Open event streams (GET /api/analyses/:id/events) of one analysis; the next gets 429. */
  eventsMaxPerAnalysis: number;
  /** Open event streams from one client address, all analyses together. */
  eventsMaxPerClient: number;
  /** Origins allowed by CORS and on the WebSocket upgrade; empty = same origin only. */
  allowedOrigins: string[];
  /** Create the demo dataset, analysis and session when DATA_DIR is empty. */
  demo: boolean;
  /** Where the built client is (vite build output). */
  clientDir: string;
  /** WebSocket connections to one session at once; the next is closed with 4429. */
  collabMaxConnections: number;
  /** Stored size cap of one session document; an edit past it is refused (close 4413). */
  collabMaxDocumentBytes: number;
  /** Origin other devices reach this server at (a proxy, a tunnel); share links use it. Null = work it out. */
  publicUrl: string | null;
  /**
   * IMAGE_ORIGINS: other origins the page may fetch image-column URLs from (added to the
   * content security policy's connect-src). Empty by default: only images kept with a dataset
   * (served by this server) show, which works offline and leaks nothing to another server.
   */
  imageOrigins: string[];
  /** Serve the scene lab (/scene-lab/, a developer page of synthetic clouds); off unless SCENE_LAB=1. */
  sceneLab: boolean;
  /** AUTH=off: no tokens outside sessions (one user, loopback only; see checkAuthExposure). */
  auth: 'on' | 'off';
  /** OWNER_TOKEN; null = the one generated once and kept in DATA_DIR/owner-token. */
  ownerToken: string | null;
  /** ALLOWED_HOSTS: names other than this machine's own that Host headers may carry (a LAN DNS name). */
  allowedHosts: string[];
  /** TRUST_PROXY=1: a reverse proxy of ours is in front; per-client limits use the address it saw (X-Forwarded-For). */
  trustProxy: boolean;
  /**
   * LLM_BASE_URL, LLM_API_KEY and LLM_MODEL (all three or none): an OpenAI-compatible endpoint that
   * phrases "ask the data" answers from the retrieved context; null = the offline templates only.
   * LLM_TIMEOUT_MS (default 15 s) bounds the whole answer, LLM_FIRST_TOKEN_MS (8 s) its first words.
   */
  llm: ModelConfig | null;
  /** Questions (POST /api/analyses/:id/ask) one client address may ask per minute; a fifth of it at once. */
  askPerMinute: number;
  /**
   * REDIS_URL (redis:// or rediss://): scale out. Several processes then share one DATA_DIR,
   * coordinated through this Redis, and analyses run on `npm run worker` processes (BullMQ).
   * Null (the default) = the embedded server: nothing of Redis is even loaded.
   */
  redisUrl: string | null;
  /**
   * With REDIS_URL (docs/collab.md): REDIS_STREAM_TAIL_S, the seconds of a room's stream kept after
   * it is compacted into its snapshot, and REDIS_COMPACT_AFTER_KB, the growth that starts a compaction.
   */
  redisRooms: { keepTailMs: number; compactAfterBytes: number };
}

export const DEFAULTS: ServerConfig = {
  port: 8080,
  httpsPort: 8443,
  tls: null,
  host: '0.0.0.0',
  dataDir: './data',
  maxUploadBytes: 200 * 2 ** 20,
  maxColumns: 2_000,
  maxRows: 2_000_000,
  concurrency: Math.max(1, availableParallelism() - 1),
  analysisMaxQueued: 32,
  analysisMaxQueuedPerToken: 8,
  eventsMaxPerAnalysis: 100,
  eventsMaxPerClient: 10,
  allowedOrigins: [],
  demo: true,
  clientDir: './dist/client',
  collabMaxConnections: COLLAB_DEFAULTS.maxConnectionsPerSession,
  collabMaxDocumentBytes: COLLAB_DEFAULTS.maxDocumentBytes,
  publicUrl: null,
  imageOrigins: [],
  sceneLab: false,
  auth: 'on',
  ownerToken: null,
  allowedHosts: [],
  trustProxy: false,
  llm: null,
  askPerMinute: 60,
  redisUrl: null,
  redisRooms: { keepTailMs: REDIS_ROOMS_DEFAULTS.keepTailMs, compactAfterBytes: REDIS_ROOMS_DEFAULTS.compactAfterBytes },
};

export const LLM_DEFAULT_TIMEOUTS = { timeoutMs: 15_000, firstTokenMs: 8_000 } as const;

export class ConfigError extends Error {}

/** A whole-number setting: `fallback` when unset or empty, else at least `min` or a ConfigError saying so. */
export function envInt(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min) throw new ConfigError(`${name} must be a whole number ≥ ${min}, got "${raw}".`);
  return value;
}

export function configFromEnv(env: NodeJS.ProcessEnv = process.env): ServerConfig {
  const int = (name: string, fallback: number, min: number): number => envInt(env, name, fallback, min);
  const seconds = (name: string, fallback: number): number => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    const value = Number(raw);
    if (!Number.isFinite(value) || value < 0) throw new ConfigError(`${name} must be a number of seconds ≥ 0, got "${raw}".`);
    return value;
  };
  const config: ServerConfig = {
    port: int('PORT', DEFAULTS.port, 0),
    httpsPort: env.HTTPS_PORT === 'off' ? null : int('HTTPS_PORT', DEFAULTS.httpsPort ?? 8443, 0),
    tls: tlsFiles(env.TLS_CERT, env.TLS_KEY),
    host: env.HOST || DEFAULTS.host,
    dataDir: resolve(env.DATA_DIR || DEFAULTS.dataDir),
    maxUploadBytes: int('MAX_UPLOAD_MB', DEFAULTS.maxUploadBytes / 2 ** 20, 1) * 2 ** 20,
    maxColumns: int('MAX_COLUMNS', DEFAULTS.maxColumns, 1),
    maxRows: int('MAX_ROWS', DEFAULTS.maxRows, 1),
    concurrency: int('ANALYSIS_CONCURRENCY', DEFAULTS.concurrency, 1),
    analysisMaxQueued: int('ANALYSIS_MAX_QUEUED', DEFAULTS.analysisMaxQueued, 1),
    analysisMaxQueuedPerToken: int('ANALYSIS_MAX_QUEUED_PER_TOKEN', DEFAULTS.analysisMaxQueuedPerToken, 1),
    eventsMaxPerAnalysis: int('EVENTS_MAX_PER_ANALYSIS', DEFAULTS.eventsMaxPerAnalysis, 1),
    eventsMaxPerClient: int('EVENTS_MAX_PER_CLIENT', DEFAULTS.eventsMaxPerClient, 1),
    allowedOrigins: (env.ALLOWED_ORIGINS ?? '').split(',').map((s) => s.trim()).filter(Boolean),
    demo: env.DEMO !== '0' && env.DEMO !== 'false',
    clientDir: resolve(env.CLIENT_DIR || DEFAULTS.clientDir),
    collabMaxConnections: int('COLLAB_MAX_CONNECTIONS', DEFAULTS.collabMaxConnections, 1),
    collabMaxDocumentBytes: int('COLLAB_MAX_DOCUMENT_MB', DEFAULTS.collabMaxDocumentBytes / 2 ** 20, 1) * 2 ** 20,
    publicUrl: publicOrigin(env.PUBLIC_URL),
    imageOrigins: (env.IMAGE_ORIGINS ?? '').split(',').map((s) => s.trim()).filter(Boolean).map((raw) => origin('IMAGE_ORIGINS', raw)),
    sceneLab: env.SCENE_LAB === '1' || env.SCENE_LAB === 'true',
    auth: authSetting(env.AUTH),
    ownerToken: ownerToken(env.OWNER_TOKEN),
    allowedHosts: (env.ALLOWED_HOSTS ?? '').split(',').map((s) => s.trim()).filter(Boolean),
    trustProxy: env.TRUST_PROXY === '1' || env.TRUST_PROXY === 'true',
    llm: modelConfig(env, int),
    askPerMinute: int('ASK_PER_MINUTE', DEFAULTS.askPerMinute, 1),
    redisUrl: redisUrl(env.REDIS_URL),
    // Read only with REDIS_URL: without it they mean nothing, and the embedded server starts as before.
    redisRooms: env.REDIS_URL?.trim()
      ? {
          keepTailMs: seconds('REDIS_STREAM_TAIL_S', DEFAULTS.redisRooms.keepTailMs / 1000) * 1000,
          compactAfterBytes: int('REDIS_COMPACT_AFTER_KB', DEFAULTS.redisRooms.compactAfterBytes / 2 ** 10, 1) * 2 ** 10,
        }
      : DEFAULTS.redisRooms,
  };
  checkAuthExposure(config);
  if (config.httpsPort !== null && config.httpsPort !== 0 && config.httpsPort === config.port) {
    throw new ConfigError(`HTTPS_PORT and PORT are both ${config.port}: HTTPS needs a port of its own (or HTTPS_PORT=off).`);
  }
  if (config.httpsPort === null && config.tls !== null) {
    throw new ConfigError('TLS_CERT and TLS_KEY are set but HTTPS_PORT=off: nothing would use them. Set HTTPS_PORT (default 8443) or unset them.');
  }
  return config;
}

/** The three LLM_ settings come together; a base URL must be http(s) (loopback or not: the operator chooses it). */
function modelConfig(env: NodeJS.ProcessEnv, int: (name: string, fallback: number, min: number) => number): ModelConfig | null {
  const names = ['LLM_BASE_URL', 'LLM_API_KEY', 'LLM_MODEL'] as const;
  const given = names.filter((n) => (env[n] ?? '').trim() !== '');
  if (given.length === 0) return null;
  if (given.length < names.length) {
    throw new ConfigError(`LLM_BASE_URL, LLM_API_KEY and LLM_MODEL go together (an OpenAI-compatible endpoint, its key and a model name); ${names.filter((n) => !given.includes(n)).join(' and ')} ${given.length === 2 ? 'is' : 'are'} not set.`);
  }
  const base = env.LLM_BASE_URL!.trim();
  let url: URL;
  try {
    url = new URL(base);
  } catch {
    throw new ConfigError(`LLM_BASE_URL must be an http(s) URL such as https://api.example.org/v1, got "${base}".`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new ConfigError(`LLM_BASE_URL must start with http:// or https://, got "${base}".`);
  return {
    baseUrl: base.replace(/\/+$/, ''),
    apiKey: env.LLM_API_KEY!.trim(),
    model: env.LLM_MODEL!.trim(),
    timeoutMs: int('LLM_TIMEOUT_MS', LLM_DEFAULT_TIMEOUTS.timeoutMs, 100),
    firstTokenMs: int('LLM_FIRST_TOKEN_MS', LLM_DEFAULT_TIMEOUTS.firstTokenMs, 100),
  };
}

/** TLS_CERT and TLS_KEY come together; one without the other is a mistake worth saying. */
function tlsFiles(cert: string | undefined, key: string | undefined): ServerConfig['tls'] {
  const given = (v: string | undefined) => v !== undefined && v.trim() !== '';
  if (!given(cert) && !given(key)) return null;
  if (!given(cert) || !given(key)) {
    throw new ConfigError(`TLS_CERT and TLS_KEY go together (a PEM certificate and its private key); only ${given(cert) ? 'TLS_CERT' : 'TLS_KEY'} is set.`);
  }
  return { certFile: resolve(cert!.trim()), keyFile: resolve(key!.trim()) };
}

/** REDIS_URL as given (ioredis reads it), once it is a redis:// or rediss:// URL. */
function redisUrl(raw: string | undefined): string | null {
  if (raw === undefined || raw.trim() === '') return null;
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    throw new ConfigError(`REDIS_URL must be a URL such as redis://127.0.0.1:6379, got "${raw}".`);
  }
  if (url.protocol !== 'redis:' && url.protocol !== 'rediss:') throw new ConfigError(`REDIS_URL must start with redis:// or rediss://, got "${url.protocol}//…".`);
  return raw.trim();
}

function authSetting(raw: string | undefined): 'on' | 'off' {
  if (raw === undefined || raw === '' || raw === 'on') return 'on';
  if (raw === 'off') return 'off';
  throw new ConfigError(`AUTH must be "on" or "off", got "${raw}".`);
}

function ownerToken(raw: string | undefined): string | null {
  if (raw === undefined || raw === '') return null;
  if (!/^[A-Za-z0-9._~-]+$/.test(raw)) throw new ConfigError('OWNER_TOKEN may hold only letters, digits and . _ ~ - (it travels in links).');
  if (raw.length < MIN_OWNER_TOKEN_LENGTH) {
    throw new ConfigError(`OWNER_TOKEN must be at least ${MIN_OWNER_TOKEN_LENGTH} characters of random letters and digits (128 bits); unset it and one is generated.`);
  }
  return raw;
}

/**
 * AUTH=off opens every dataset to whoever reaches the server, so it is only allowed where nobody
 * else can: listening on loopback, with no PUBLIC_URL routing others in.
 */
export function checkAuthExposure(config: Pick<ServerConfig, 'auth' | 'host' | 'publicUrl'>): void {
  if (config.auth !== 'off') return;
  if (config.publicUrl !== null) {
    throw new ConfigError(`AUTH=off is refused with PUBLIC_URL set (${config.publicUrl}): it would open every dataset to anyone who reaches that address. Remove AUTH=off (links then carry tokens) or PUBLIC_URL.`);
  }
  if (!isLoopbackHost(config.host)) {
    const what = config.host === '0.0.0.0' || config.host === '::' ? `${config.host}, every network interface` : `${config.host}, not a loopback address`;
    throw new ConfigError(`AUTH=off is refused with HOST=${what}: anyone on the network could read, change and delete every dataset. Set HOST=127.0.0.1 (this computer only), or remove AUTH=off.`);
  }
}

/**
 * PUBLIC_URL as an origin (`https://mirage.example.org`, a trailing slash dropped). A path is
 * refused rather than dropped: pages, the API and the WebSocket are all served from the root,
 * so a link under /mirage/ would not open.
 */
function publicOrigin(raw: string | undefined): string | null {
  if (raw === undefined || raw.trim() === '') return null;
  return origin('PUBLIC_URL', raw, ' (the app is served from the root)');
}

/** One http(s) origin from a setting, or a ConfigError naming the setting. */
function origin(setting: string, raw: string, why = ''): string {
  const example = 'an origin such as https://mirage.example.org';
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    throw new ConfigError(`${setting} must be ${example}, got "${raw}".`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new ConfigError(`${setting} must start with http:// or https://, got "${raw}".`);
  if (url.pathname !== '/' || url.search || url.hash || url.username || url.password) {
    throw new ConfigError(`${setting} must be ${example} with no path, query or credentials${why}, got "${raw}".`);
  }
  return url.origin;
}
