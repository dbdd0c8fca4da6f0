import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { toErrorResponse } from '../../../server/api/http-error.ts';
import { IngestError } from '../../../server/ingest/index.ts';

/** An app whose only route throws `error`, answered by the real error mapper. */
async function answer(error: unknown): Promise<{ status: number; body: { error: { code: string; message: string } } }> {
  const app = new Hono();
  app.get('/', () => {
    throw error;
  });
  app.onError((e, c) => toErrorResponse(e, c));
  const response = await app.request('/');
  return { status: response.status, body: (await response.json()) as { error: { code: string; message: string } } };
}

describe('error responses', () => {
  it('answers domain errors about the input with 4xx and their message', async () => {
    expect(await answer(new IngestError('no_rows', 'The file has a header but no rows.'))).toEqual({
      status: 400,
      body: { error: { code: 'no_rows', message: 'The file has a header but no rows.' } },
    });
    expect((await answer(Object.assign(new Error('More than 5 columns.'), { code: 'too_many_columns' }))).status).toBe(413);
  });

  it('answers system errors and our own faults with 500, never their details', async () => {
    const enoent = Object.assign(new Error("ENOENT: no such file or directory, open '/srv/data/analyses/x/result/positions.bin'"), { code: 'ENOENT' });
    for (const error of [enoent, Object.assign(new Error('boom at /srv/data'), { code: 'internal' }), new SyntaxError('Unexpected token in /srv/x.json'), new TypeError('x is undefined')]) {
      const { status, body } = await answer(error);
      expect(status).toBe(500);
      expect(body.error.code).toBe('internal');
      expect(body.error.message).not.toMatch(/\/srv|ENOENT|token|undefined/);
    }
  });
});
