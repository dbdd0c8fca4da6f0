import { readdir } from 'node:fs/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { join } from 'node:path';

/**
 * `npm run bench`: every suite under tests/bench/suites/ in turn (or those named on the command
 * line, e.g. `npm run bench -- umap dbscan`). Suites print their own tables, our figures beside
 * the stock libraries' on the same data in the same run.
 */
const dir = fileURLToPath(new URL('./suites/', import.meta.url));
const only = process.argv.slice(2);
const files = (await readdir(dir)).filter((f) => f.endsWith('.ts')).sort();
for (const file of files) {
  const name = file.replace(/\.ts$/, '');
  if (only.length > 0 && !only.some((o) => name.includes(o))) continue;
  const suite = (await import(pathToFileURL(join(dir, file)).href)) as { run: () => Promise<void> };
  console.log(`\n# ${name}`);
  await suite.run();
}
