import { networkInterfaces } from 'node:os';
import { configFromEnv, ConfigError } from './config.ts';
import { startServer } from './server.ts';
import { ensureDemo } from './services/demo.ts';
import { chooseShareOrigins } from './services/share-origins.ts';
import type { ShareOrigins } from '../shared/api-types.ts';
import { DataDirLockedError } from './store/data-dir-lock.ts';

// The one file that reads the environment and listens: `npm start`.
try {
  const config = configFromEnv();
  const server = await startServer(config);
  console.log(`Data Mirage is serving ${server.url} (data in ${config.dataDir})`);
  // The one place the owner token is ever printed: the way into the workspace (start page).
  if (config.auth === 'off') console.log('AUTH=off: no token needed on this computer (loopback only).');
  else console.log(`Owner link (start page; keep it private, it opens every dataset): ${server.url}/?token=${server.ownerToken}`);
  const share = chooseShareOrigins({ publicUrl: config.publicUrl, host: config.host, port: server.port, interfaces: networkInterfaces() });
  // With HOST set to this machine's address, server.url already is what others open.
  const others = share.origins[0] === server.url ? undefined : share.origins[0];
  if (others) console.log(`Other devices (phones, headsets, other laptops) open it at ${share.origins.join(' or ')}`);
  else if (share.origins.length === 0) console.log(shareHint(share.source, config.host));
  if (config.demo) {
    const demo = await ensureDemo(server.deps);
    if (demo) {
      console.log(`Demo session "${demo.title}":`);
      console.log(`  edit link: ${server.url}/s/${demo.id}?token=${demo.editToken}`);
      console.log(`  view link: ${server.url}/s/${demo.id}?token=${demo.viewToken}`);
      if (others) {
        console.log(`  for other devices, view link: ${others}/s/${demo.id}?token=${demo.viewToken}`);
        console.log(`  for other devices, edit link: ${others}/s/${demo.id}?token=${demo.editToken} (gives edit rights)`);
      }
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
  if (error instanceof DataDirLockedError) {
    console.error(error.message);
    process.exit(2);
  }
  const code = (error as NodeJS.ErrnoException | null)?.code;
  if (code === 'EADDRINUSE' || code === 'EACCES' || code === 'EADDRNOTAVAIL') {
    const { port, host } = configFromEnv();
    const why = code === 'EADDRINUSE' ? 'is already in use' : code === 'EACCES' ? 'needs privileges this user lacks' : 'is not available on this machine';
    console.error(`Cannot listen on ${host}:${port}: the address ${why}. Set PORT (and HOST) to another value.`);
    process.exit(2);
  }
  throw error;
}

/** Why links printed here (and shown by Share) open on this computer only, and what fixes it. */
function shareHint(source: ShareOrigins['source'], host: string): string {
  return source === 'no-network'
    ? 'Only this computer can open these links: it has no network address. Join a network, or set PUBLIC_URL to the address others reach.'
    : `Only this computer can open these links (HOST=${host}). To share with other devices set HOST=0.0.0.0 (same network) or PUBLIC_URL (a proxy or tunnel address).`;
}
