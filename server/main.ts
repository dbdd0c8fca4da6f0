import { configFromEnv, ConfigError } from './config.ts';
import { startServer } from './server.ts';
import { ensureDemo } from './services/demo.ts';
import { DataDirLockedError } from './store/data-dir-lock.ts';

// The one file that reads the environment and listens: `npm start`.
try {
  const config = configFromEnv();
  const server = await startServer(config);
  console.log(`Data Mirage is serving ${server.url} (data in ${config.dataDir})`);
  if (config.demo) {
    const demo = await ensureDemo(server.deps);
    if (demo) {
      console.log(`Demo session "${demo.title}":`);
      console.log(`  edit link: ${server.url}/s/${demo.id}?token=${demo.editToken}`);
      console.log(`  view link: ${server.url}/s/${demo.id}?token=${demo.viewToken}`);
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
