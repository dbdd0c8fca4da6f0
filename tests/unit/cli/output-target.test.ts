import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PathError } from '../../../server/cli/analyze-options.ts';
import { checkOutputTarget } from '../../../server/cli/write-result.ts';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mirage-cli-target-'));
  await writeFile(join(dir, 'table.csv'), 'a,b\n1,2\n');
  await mkdir(join(dir, 'earlier'));
  await writeFile(join(dir, 'earlier', 'positions.bin'), '');
  await mkdir(join(dir, 'empty'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

const refusal = async (path: string, format: 'binary' | 'json'): Promise<string> => {
  const error = await checkOutputTarget({ path, format }).then(() => null, (e: Error) => e);
  expect(error).toBeInstanceOf(PathError);
  return (error as Error).message;
};

describe('where the CLI may write its result (checked before the analysis runs)', () => {
  it('accepts a new path (even in folders yet to be made), an earlier result folder and an empty one', async () => {
    await checkOutputTarget({ path: join(dir, 'new', 'deeper', 'result'), format: 'binary' });
    await checkOutputTarget({ path: join(dir, 'new', 'result.json'), format: 'json' });
    await checkOutputTarget({ path: join(dir, 'earlier'), format: 'binary' });
    await checkOutputTarget({ path: join(dir, 'empty'), format: 'binary' });
    await checkOutputTarget({ path: join(dir, 'table.csv'), format: 'json' });
    // The check creates nothing: no folders, no probe file left behind.
    expect((await readdir(dir)).sort()).toEqual(['earlier', 'empty', 'table.csv']);
  });

  it('refuses a folder where a file goes and the reverse, and a path below a file', async () => {
    expect(await refusal(join(dir, 'empty'), 'json')).toContain('is a folder; JSON output is one file');
    expect(await refusal(join(dir, 'table.csv'), 'binary')).toContain('is a file; binary output is a folder');
    expect(await refusal(join(dir, 'table.csv', 'result'), 'binary')).toContain('is a file, not a folder');
    expect(await refusal(dir, 'binary')).toContain('holds other files');
  });
});
