import type { SessionCreated } from '../../shared/api-types.ts';
import { postJson, uploadAsset } from './http.ts';
import { startRedisServer, type RedisServer } from './redis-server.ts';
import { removeDir, startServerChild, tempDataDir, type ServerChild } from './server-process.ts';

/**
 * The scale-out setup of issue 14 for tests and the bench: one real redis-server and `count`
 * real server processes (`npm start`'s entry, REDIS_URL set) sharing one DATA_DIR, and one
 * session created through the first process's API. Servers are started one after another:
 * a process reads the session records when it starts, so the later ones know the session.
 */
export interface ScaleoutCluster {
  redis: RedisServer;
  dataDir: string;
  servers: ServerChild[];
  session: SessionCreated;
  /** ws://…/yjs of server i, for WebsocketProvider. */
  wsBase(i: number): string;
  /** Starts server i again (after kill or stop), on a new port; wsBase(i) follows. */
  restart(i: number): Promise<void>;
  close(): Promise<void>;
}

export async function startScaleoutCluster(count = 2, env: Record<string, string> = {}): Promise<ScaleoutCluster> {
  const redis = await startRedisServer();
  const dataDir = await tempDataDir('mirage-scaleout-');
  const servers: ServerChild[] = [];
  const serverEnv = (): Record<string, string> => ({ REDIS_URL: redis.url, ...env });
  const close = async (): Promise<void> => {
    await Promise.all(servers.map((s) => (s.child.exitCode === null && s.child.signalCode === null ? s.stop() : undefined)));
    await redis.stop();
    await removeDir(dataDir);
  };
  try {
    servers.push(await startServerChild(dataDir, serverEnv()));
    const dataset = await uploadAsset(servers[0].url, 'penguins');
    const response = await postJson(`${servers[0].url}/api/sessions`, { datasetId: dataset.id, title: 'scale-out' });
    if (response.status !== 201) throw new Error(`creating the session: HTTP ${response.status} ${await response.text()}`);
    const session = (await response.json()) as SessionCreated;
    for (let i = 1; i < count; i++) servers.push(await startServerChild(dataDir, serverEnv()));
    return {
      redis,
      dataDir,
      servers,
      session,
      wsBase: (i) => `${servers[i].url.replace(/^http/, 'ws')}/yjs`,
      async restart(i) {
        servers[i] = await startServerChild(dataDir, serverEnv());
      },
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}
