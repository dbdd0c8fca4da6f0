import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { removeDir, startServerChild, tempDataDir, type ServerChild } from '../support/server-process.ts';

let dataDir: string | null = null;
let child: ServerChild | null = null;

afterEach(async () => {
  await child?.stop();
  child = null;
  if (dataDir) await removeDir(dataDir);
  dataDir = null;
});

describe('npm start and the owner token', () => {
  it('generates the owner token once (0600 in DATA_DIR), prints it only as the start-page link, and keeps it across restarts', async () => {
    dataDir = await tempDataDir('mirage-owner-');
    child = await startServerChild(dataDir, { OWNER_TOKEN: '' });
    await waitForLine(child, /Owner link/);
    const token = (await readFile(join(dataDir, 'owner-token'), 'utf8')).trim();
    expect(token.length).toBeGreaterThanOrEqual(43); // 256 bits in base64url
    expect((await stat(join(dataDir, 'owner-token'))).mode & 0o777).toBe(0o600);
    const output = child.output();
    expect(output).toContain(`${child.url}/?token=${token}`);
    expect(output.split(token).length - 1).toBe(1);
    expect((await fetch(`${child.url}/api/datasets`)).status).toBe(401);
    expect((await fetch(`${child.url}/api/datasets`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(200);
    await child.stop();
    child = await startServerChild(dataDir, { OWNER_TOKEN: '' });
    await waitForLine(child, /Owner link/);
    expect(child.output()).toContain(`?token=${token}`);
  });

  it('AUTH=off with HOST=0.0.0.0 refuses to start, saying why', async () => {
    dataDir = await tempDataDir('mirage-authoff-');
    const started = startServerChild(dataDir, { AUTH: 'off', HOST: '0.0.0.0' });
    await expect(started).rejects.toThrow(/exited early \(2\).*AUTH=off is refused with HOST=0\.0\.0\.0, every network interface: anyone on the network could read, change and delete every dataset\. Set HOST=127\.0\.0\.1/s);
  });

  it('AUTH=off on loopback keeps the open workspace of one user on a trusted machine', async () => {
    dataDir = await tempDataDir('mirage-authoff-');
    child = await startServerChild(dataDir, { AUTH: 'off', HOST: '127.0.0.1' });
    expect((await fetch(`${child.url}/api/datasets`)).status).toBe(200);
    expect(child.output()).not.toMatch(/\?token=/);
  });
});

async function waitForLine(server: ServerChild, pattern: RegExp): Promise<void> {
  for (let i = 0; i < 100 && !pattern.test(server.output()); i++) await new Promise((r) => setTimeout(r, 50));
}
