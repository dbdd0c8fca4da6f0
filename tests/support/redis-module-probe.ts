import { createRequire } from 'node:module';
import { removeDir, startTestServer, tempDataDir } from './server-process.ts';

/**
 * Run as a child (`node --import tsx tests/support/redis-module-probe.ts`): starts the embedded
 * server (no REDIS_URL), serves one request, closes, and prints how many files of ioredis and
 * BullMQ Node loaded meanwhile, then (to show the probe sees them) after importing BullMQ.
 */
const require = createRequire(import.meta.url);
const redisFiles = () => Object.keys(require.cache).filter((path) => /node_modules\/(ioredis|bullmq)\//.test(path)).length;

const dataDir = await tempDataDir('mirage-probe-');
const server = await startTestServer(dataDir);
const health = (await fetch(`${server.url}/api/health`)).status;
await server.close();
await removeDir(dataDir);
const embedded = redisFiles();
await import('bullmq');
console.log(JSON.stringify({ health, embedded, afterImport: redisFiles() }));
