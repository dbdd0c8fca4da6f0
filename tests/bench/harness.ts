import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/**
 * Runs one benchmark case in a fresh Node process so that its time and peak memory are its
 * own: no JIT warm-up or heap left behind by the case before it. A case is an exported async
 * function of a module under tests/bench/cases/ that builds its input, then times only the
 * work itself with `timed()` and returns plain figures.
 */
export interface CaseOutcome {
  /** What the case returned (its own figures: ms, quality…); a NaN comes back as null (JSON): printTable shows it as —. */
  result: Record<string, number | string>;
  /** Peak resident memory of the whole child process, MB. */
  peakRssMB: number;
  /** Resident memory just before the measured work started, MB (input data, runtime). */
  baselineRssMB: number;
}

const runner = fileURLToPath(new URL('./case-runner.ts', import.meta.url));

export function runCase(module: string, fn: string, args: unknown, heapMB = 8192): Promise<CaseOutcome> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', '--expose-gc', `--max-old-space-size=${heapMB}`, runner, module, fn, JSON.stringify(args)],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      const line = out.trim().split('\n').pop() ?? '';
      if (code !== 0 || !line.startsWith('{')) {
        reject(new Error(`bench case ${module}#${fn} exited with ${code}: ${out.slice(-500)}`));
        return;
      }
      resolve(JSON.parse(line) as CaseOutcome);
    });
  });
}

let baselineRss = 0;

/**
 * Inside a case: marks the start of the measured work and returns elapsed ms when done, and the
 * CPU time the process spent on it (all its threads, user + system): on a shared, loaded
 * machine the CPU time is the steadier figure, and beside the wall time it shows the cores used.
 */
export async function timed<T>(work: () => T | Promise<T>): Promise<{ value: T; ms: number; cpuMs: number }> {
  globalThis.gc?.();
  baselineRss = process.memoryUsage().rss;
  const cpuStart = process.cpuUsage();
  const start = performance.now();
  const value = await work();
  const ms = performance.now() - start;
  const cpu = process.cpuUsage(cpuStart);
  return { value, ms, cpuMs: (cpu.user + cpu.system) / 1000 };
}

export function baselineRssMB(): number {
  return baselineRss / 2 ** 20;
}

/** Prints rows as an aligned text table. */
export function printTable(title: string, rows: Record<string, string | number | null>[]): void {
  console.log(`\n## ${title}`);
  if (rows.length === 0) return;
  const keys = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  // A case's NaN (no such figure for that run, e.g. no intermediate layout with PCA) arrives as null through JSON.
  const cell = (v: string | number | null | undefined) =>
    v === undefined ? '' : v === null || Number.isNaN(v) ? '—' : typeof v === 'number' ? (Number.isInteger(v) ? String(v) : v.toFixed(3)) : v;
  const widths = keys.map((k) => Math.max(k.length, ...rows.map((r) => cell(r[k]).length)));
  console.log(keys.map((k, i) => k.padEnd(widths[i])).join('  '));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const r of rows) console.log(keys.map((k, i) => cell(r[k]).padEnd(widths[i])).join('  '));
}
