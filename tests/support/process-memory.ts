import { readFile } from 'node:fs/promises';

/** Resident memory of a process (VmRSS of /proc/<pid>/status), in bytes. */
export async function rssBytes(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const match = /^VmRSS:\s+(\d+)\s+kB$/m.exec(status);
  if (!match) throw new Error(`no VmRSS for process ${pid}`);
  return Number(match[1]) * 1024;
}

/**
 * The process's resident memory once it has settled at or under `bound` bytes, or the last
 * reading when it has not within `patienceMs` (the caller asserts on it; nothing is timed).
 */
export async function settledRss(pid: number, bound: number, patienceMs = 15_000): Promise<number> {
  const until = Date.now() + patienceMs;
  let rss = await rssBytes(pid);
  while (rss > bound && Date.now() < until) {
    await new Promise((r) => setTimeout(r, 250));
    rss = await rssBytes(pid);
  }
  return rss;
}

export const mb = (bytes: number): string => `${(bytes / 2 ** 20).toFixed(1)} MB`;
