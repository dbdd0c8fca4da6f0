import { networkInterfaces } from 'node:os';
import { configFromEnv, ConfigError, type ServerConfig } from './config.ts';
import { ListenError, startServer } from './server.ts';
import { chooseShareOrigins } from './services/share-origins.ts';
import type { ShareOrigins } from '../shared/api-types.ts';
import type { CertificateInfo } from './tls/index.ts';
import { DataDirLockedError, DataDirSharedError } from './store/data-dir-lock.ts';
import { RedisUnavailableError } from './store/shared/redis-unavailable-error.ts';
import { CollabError, type CollabBackend } from './collab/index.ts';

// The one file that reads the environment and listens: `npm start`.
try {
  const config = configFromEnv();
  const server = await startServer(config, { collabBackend: await collabBackendFromConfig(config) });
  // One line with both addresses: tools (and the tests) read the first http:// and https:// in it.
  const httpsNote = server.https ? ` and ${server.https.url}` : '';
  const sharing = config.redisUrl ? '; shared with the other processes on REDIS_URL, analyses run on `npm run worker`' : '';
  console.log(`Data Mirage is serving ${server.url}${httpsNote} (data in ${config.dataDir}${sharing})`);
  if (server.https) console.log(certificateLine(server.https.certificate));
  // The one place the owner token is ever printed: the way into the workspace (start page).
  if (config.auth === 'off') console.log('AUTH=off: no token needed on this computer (loopback only).');
  else console.log(`Owner link (start page; keep it private, it opens every dataset): ${server.url}/?token=${server.ownerToken}`);
  const share = chooseShareOrigins({ publicUrl: config.publicUrl, host: config.host, port: server.port, httpsPort: server.https?.port, interfaces: networkInterfaces() });
  const headsets = share.secure?.origins ?? [];
  // With HOST set to this machine's address, server.url already is what others open.
  const others = share.origins[0] === server.url ? undefined : share.origins[0];
  if (others) console.log(`Other devices (phones, headsets, other laptops) open it at ${share.origins.join(' or ')}`);
  else if (share.origins.length === 0) console.log(shareHint(share.source, config.host));
  if (headsets.length > 0) console.log(`Headsets (Enter VR needs HTTPS; accept the certificate once) open ${headsets.join(' or ')}`);
  {
    const demo = server.demo;
    if (demo) {
      console.log(`Demo session "${demo.title}":`);
      console.log(`  edit link: ${server.url}/s/${demo.id}?token=${demo.editToken}`);
      console.log(`  view link: ${server.url}/s/${demo.id}?token=${demo.viewToken}`);
      if (others) {
        console.log(`  for other devices, view link: ${others}/s/${demo.id}?token=${demo.viewToken}`);
        console.log(`  for other devices, edit link: ${others}/s/${demo.id}?token=${demo.editToken} (gives edit rights)`);
      }
      if (headsets[0]) console.log(`  for headsets, view link: ${headsets[0]}/s/${demo.id}?token=${demo.viewToken}`);
    }
  }
  const stop = async (signal: string) => {
    console.log(`${signal}: closing (sessions flushed, running analyses resume on next start)…`);
    await server.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
} catch (error) {
  if (error instanceof ConfigError) {
    console.error(`Configuration error: ${error.message}`);
    process.exit(2);
  }
  if (error instanceof CollabError && error.code.startsWith('redis_')) {
    console.error(error.message);
    process.exit(2);
  }
  if (error instanceof DataDirLockedError || error instanceof DataDirSharedError || error instanceof RedisUnavailableError) {
    console.error(error.message);
    process.exit(2);
  }
  if (error instanceof ListenError) {
    const code = error.code;
    const why = code === 'EADDRINUSE' ? 'is already in use' : code === 'EACCES' ? 'needs privileges this user lacks' : code === 'EADDRNOTAVAIL' ? 'is not available on this machine' : `cannot be used (${code ?? 'unknown error'})`;
    const fix = error.setting === 'HTTPS_PORT' ? 'Set HTTPS_PORT to another port, or HTTPS_PORT=off.' : 'Set PORT (and HOST) to another value.';
    const what = error.setting === 'HTTPS_PORT' ? ' for HTTPS' : '';
    console.error(`Cannot listen on ${error.host}:${error.port}${what}: the address ${why}. ${fix}`);
    process.exit(2);
  }
  throw error;
}

/**
 * Rooms on Redis Streams when REDIS_URL is set (issue 14, docs/collab.md): every process started
 * with the same REDIS_URL serves every session. Without it nothing of Redis is even loaded.
 */
async function collabBackendFromConfig(config: ServerConfig): Promise<CollabBackend | undefined> {
  if (!config.redisUrl) return undefined;
  const { createRedisRooms } = await import('./collab/redis/index.ts');
  const backend = await createRedisRooms({
    url: config.redisUrl,
    // Documents this DATA_DIR kept in files before REDIS_URL was set are taken over, not lost.
    importFromDataDir: config.dataDir,
    ...config.redisRooms,
  });
  console.log('Collaboration rooms are shared through Redis (REDIS_URL): other processes with the same REDIS_URL serve the same sessions.');
  return backend;
}

/** Which certificate HTTPS uses, so a user can tell a kept one from a new one (headsets re-accept a new one). */
function certificateLine(cert: CertificateInfo): string {
  const fingerprint = `SHA-256 ${cert.fingerprint.slice(0, 23)}…`;
  if (cert.source === 'given') return `HTTPS certificate: ${cert.path} (TLS_CERT, ${fingerprint})`;
  const made = cert.madeBecause === null ? '' : ` (new: ${cert.madeBecause}; each headset accepts it once)`;
  return `HTTPS certificate: self-signed, kept in ${cert.path}${made} (${fingerprint})`;
}

/** Why links printed here (and shown by Share) open on this computer only, and what fixes it. */
function shareHint(source: ShareOrigins['source'], host: string): string {
  return source === 'no-network'
    ? 'Only this computer can open these links: it has no network address. Join a network, or set PUBLIC_URL to the address others reach.'
    : `Only this computer can open these links (HOST=${host}). To share with other devices set HOST=0.0.0.0 (same network) or PUBLIC_URL (a proxy or tunnel address).`;
}
