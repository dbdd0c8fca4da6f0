import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSessionPage, startSessionFixture, type SessionFixture } from '../support/session-pages.ts';

/**
 * The ask panel with a language model configured: a fake OpenAI-compatible endpoint this test
 * starts on 127.0.0.1 (a real HTTP server streaming chat-completion chunks). The page shows the
 * answer growing while the model streams it, then the model's answer with the engine's
 * citations and filters; a model that says nothing falls back to the offline answer and the
 * page says why.
 */
const STREAMED = ['Sixty-one penguins ', 'on Biscoe weigh more ', 'than 5 kg.'];
const errors: string[] = [];
let fixture: SessionFixture;
let model: Server;
let page: Page;
/** Lets the fake model send the rest of its answer (the test opens it once the page shows the first words). */
let releaseRest: () => void = () => undefined;

function chunk(res: ServerResponse, content: string): void {
  res.write(`data: ${JSON.stringify({ choices: [{ index: 0, delta: { content } }] })}\n\n`);
}

async function fakeModel(req: IncomingMessage, res: ServerResponse): Promise<void> {
  let body = '';
  for await (const part of req) body += String(part);
  const { messages } = JSON.parse(body) as { messages: { role: string; content: string }[] };
  // The user message is "Question: …" then the retrieved context (which may say "unusual" too).
  const question = /^Question: (.*)$/m.exec(messages.find((m) => m.role === 'user')?.content ?? '')?.[1] ?? '';
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
  // A question about unusual rows: the model never says a word (the server's first-token limit ends it).
  if (/unusual/.test(question)) return;
  chunk(res, STREAMED[0]);
  await new Promise<void>((resolve) => (releaseRest = resolve));
  for (const piece of STREAMED.slice(1)) chunk(res, piece);
  res.write('data: [DONE]\n\n');
  res.end();
}

async function ask(question: string): Promise<void> {
  const input = page.locator('[data-testid=ask-input]');
  await input.fill(question);
  await input.press('Enter');
}

const card = () => page.locator('[data-panel=ask] [data-testid=answer]');

describe('ask the data with a language model', () => {
  beforeAll(async () => {
    model = createServer((req, res) => void fakeModel(req, res));
    await new Promise<void>((resolve) => model.listen(0, '127.0.0.1', resolve));
    const { port } = model.address() as AddressInfo;
    fixture = await startSessionFixture({
      name: 'ask-model',
      title: 'Ask penguins (model)',
      config: { llm: { baseUrl: `http://127.0.0.1:${port}/v1`, apiKey: 'test-key', model: 'fake-model', timeoutMs: 60_000, firstTokenMs: 1_000 } },
    });
    page = await openSessionPage(fixture.browser, fixture.server.url, fixture.session, fixture.session.editToken, errors);
  });
  afterAll(async () => {
    releaseRest();
    await fixture?.close();
    model?.closeAllConnections();
    await new Promise((resolve) => model?.close(resolve));
  });

  it("shows the answer growing while the model streams it, then the model's answer with the engine's filters", async () => {
    await ask('show penguins heavier than 5 kg on Biscoe');
    // The first words are on the page while the model still holds the rest back.
    await page.waitForFunction((first) => {
      const el = document.querySelector('[data-panel=ask] [data-testid=answer][data-state=asking] .answer-text');
      return el?.textContent?.includes(first.trim()) ?? false;
    }, STREAMED[0]);
    expect(await card().locator('[data-testid=proposal]').count()).toBe(0);
    releaseRest();
    await page.locator('[data-panel=ask] [data-testid=answer][data-state=answered]').waitFor({ timeout: 30_000 });
    expect(await card().locator('.answer-text').innerText()).toBe(STREAMED.join('').trim());
    expect(await card().locator('[data-testid=answer-source]').innerText()).toBe('language model');
    expect(await card().locator('.answer-note').count()).toBe(0);
    // Citations and filters are the offline engine's, whatever the model wrote.
    expect(await card().locator('[data-testid=proposal]').innerText()).toMatch(/Body Mass \(g\).*Island is Biscoe — keeps 61 rows/);
  });

  it('falls back to the offline answer with a note when the model says nothing', async () => {
    await ask('which rows are unusual in Body Mass (g)?');
    await page.locator('[data-panel=ask] [data-testid=answer][data-state=answered]').waitFor({ timeout: 30_000 });
    expect(await card().locator('[data-testid=answer-source]').innerText()).toBe('offline');
    expect(await card().locator('.answer-note').innerText()).toMatch(/language model sent nothing within 1 s; this is the offline answer/);
    expect((await card().locator('[data-testid=citations] .row-chip').count()) > 0).toBe(true);
    expect(errors).toEqual([]);
  });
});
