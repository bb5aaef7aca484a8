import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { Browser, Locator, Page } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH, skipUnlessChromium } from '../support/chromium.ts';
import { api, runCli, spawnServer, type ServerProcess } from '../support/spawn-server.ts';
import { serveShop } from '../support/widget-host.ts';
import { agent, type ChatClient, type Frame } from '../support/ws-client.ts';

const SCREENSHOTS = fileURLToPath(new URL('../../test-output/screenshots/', import.meta.url));
const text = async (l: Locator) => (await l.innerText()).trim();

describe('a live chat through the widget in Chromium, with an agent on a real socket', { skip: skipUnlessChromium(), timeout: 300_000 }, () => {
  let dir: string;
  let env: Record<string, string>;
  let server: ServerProcess;
  let shop: { url: string; close(): Promise<void> };
  let token: string;
  let browser: Browser;
  let page: Page;
  let sam: { id: number; name: string };
  let maya: ChatClient | null = null;
  let conversation: { id: number; reference: string };

  const widget = () => page.locator('careline-widget');
  const log = () => widget().locator('[role="log"]');
  const status = () => widget().locator('p.status');
  const shot = (name: string) => page.screenshot({ path: join(SCREENSHOTS, `${name}.png`) });
  /** Brings the agent online on a fresh socket. */
  const agentOnline = async (): Promise<ChatClient> => {
    const { client } = await agent(server.url, { token, agent_id: sam.id });
    const ok = await client.request({ type: 'presence', id: 'p-1', status: 'online' });
    assert.notEqual(ok.type, 'error', JSON.stringify(ok));
    return client;
  };
  const messagesOf = async (reference: string): Promise<string[]> => {
    const res = await api(server.url, 'GET', `/api/v1/tickets/${reference}/messages`, token);
    assert.equal(res.status, 200);
    const body = res.body as { items: Array<{ body?: { text?: string }; text?: string }> };
    return body.items.map((m) => m.body?.text ?? m.text ?? '');
  };

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'careline-widget-chat-'));
    mkdirSync(SCREENSHOTS, { recursive: true });
    env = { DATABASE_URL: `sqlite:${join(dir, 'careline.db')}`, CARELINE_DATA_DIR: dir, CARELINE_DEMO: '1', LOG_LEVEL: 'warn' };
    server = await spawnServer(env, 60_000);
    token = (await runCli(['token', 'create', '--name', 'widget-chat-e2e', '--role', 'admin'], env)).stdout.trim();
    const { items } = (await api(server.url, 'GET', '/api/v1/agents', token)).body as { items: Array<{ id: number; name: string }> };
    sam = items.find((a) => a.name === 'Sam Okafor')!;
    shop = await serveShop(server.url);
    const { chromium } = await import('playwright-core');
    browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
    page = await browser.newPage({ viewport: { width: 1100, height: 800 } });
  });

  after(async () => {
    await maya?.close();
    await browser?.close();
    await shop?.close();
    await server?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  test('the customer starts a chat without being asked for an email, an agent accepts and replies, the customer sees it', async () => {
    maya = await agentOnline();
    await page.goto(shop.url);
    await widget().locator('button.launcher').click();
    const question = widget().locator('#cl-q');
    await question.fill('My vault stopped syncing on my phone');
    assert.equal(await widget().locator('#cl-email').count(), 0, 'no email asked while an agent is online');
    assert.equal(await widget().locator('.prechat .notice').count(), 0);
    await widget().locator('.prechat button[type="submit"]').click();

    await log().waitFor({ state: 'visible' });
    assert.equal(await log().getAttribute('aria-live'), 'polite');
    const mine = log().locator('.msg.mine').filter({ hasText: 'My vault stopped syncing' });
    await mine.waitFor();
    await mine.locator('.state').waitFor({ state: 'detached', timeout: 10_000 });

    await status().filter({ hasText: /^You are number 1 in the queue\./ }).waitFor({ timeout: 10_000 });
    const offer = await maya.waitFor((f) => f.type === 'offer', 15_000);
    conversation = offer.conversation as { id: number; reference: string };
    const accepted = await maya.request({ type: 'accept', id: 'a-1', conversation_id: conversation.id });
    assert.equal(accepted.type, 'ok', JSON.stringify(accepted));
    await status().filter({ hasText: 'You are chatting with Sam Okafor.' }).waitFor({ timeout: 10_000 });

    maya.send({ type: 'typing', conversation_id: conversation.id, active: true });
    await status().filter({ hasText: 'Sam Okafor is typing…' }).waitFor({ timeout: 10_000 });
    const ack = await maya.request({ type: 'message', client_id: 'm-1', conversation_id: conversation.id, text: 'Hi! Let us get your vault syncing again.' });
    assert.equal(ack.type, 'ack');
    const reply = log().locator('.msg.theirs').filter({ hasText: 'Let us get your vault syncing again' });
    await reply.waitFor({ timeout: 10_000 });
    assert.match(await text(reply.locator('.who')), /^Sam Okafor/);
    await status().filter({ hasText: 'You are chatting with Sam Okafor.' }).waitFor({ timeout: 10_000 });
  });

  test("a widget for another team (data-team) goes by that team's agents: none online, so it asks for an email", async () => {
    const context = await browser.newContext();
    const other = await context.newPage();
    await other.goto(`${shop.url}?data-team=billing&data-locale=de`);
    await other.locator('careline-widget button.launcher').click();
    const notice = other.locator('careline-widget .prechat .notice');
    await notice.waitFor({ timeout: 10_000 });
    assert.match(await text(notice), /Gerade ist niemand für den Chat erreichbar/);
    assert.equal(await other.locator('careline-widget #cl-email').count(), 1);
    await context.close();
  });

  test('read receipts both ways, and the customer typing reaches the agent', async () => {
    const read = await maya!.waitFor((f) => f.type === 'read' && f.by === 'customer' && Number(f.seq) >= 2, 10_000);
    assert.equal(read.conversation_id, conversation.id, 'the open widget told the agent it saw the reply');
    const first = await maya!.waitFor((f) => f.type === 'message' && (f.author as Frame).type === 'customer');
    maya!.send({ type: 'read', conversation_id: conversation.id, seq: first.seq });
    await log().locator('.msg.mine .read').waitFor({ timeout: 10_000 });
    assert.equal(await text(log().locator('.msg.mine .read')), 'Read');

    const from = maya!.frames.length;
    await widget().locator('#cl-msg').pressSequentially('Than', { delay: 20 });
    const typing = await maya!.waitFor((f) => f.type === 'typing' && f.active === true, 10_000, from);
    assert.equal(typing.conversation_id, conversation.id);
    await widget().locator('#cl-msg').fill('');
    await shot('widget-chat');
  });

  test('a file within the limits is uploaded and attached; one of another type is refused before upload', async () => {
    const from = maya!.frames.length;
    const input = widget().locator('.composer input[type="file"]');
    await input.setInputFiles({ name: 'sync.log', mimeType: 'text/plain', buffer: Buffer.from('12:00 E-2041 sync failed\n') });
    const row = log().locator('.msg.mine').filter({ hasText: 'sync.log' });
    await row.waitFor();
    await row.locator('.state').waitFor({ state: 'detached', timeout: 10_000 });
    const got = await maya!.waitFor((f) => f.type === 'message' && Array.isArray(f.attachments) && f.attachments.length === 1, 10_000, from);
    assert.equal(got.attachments[0].filename, 'sync.log');

    await input.setInputFiles({ name: 'setup.exe', mimeType: 'application/x-msdownload', buffer: Buffer.from('MZ') });
    const refused = log().locator('.msg.mine.failed').filter({ hasText: 'setup.exe' });
    await refused.waitFor();
    assert.match(await text(refused.locator('.state')), /Not sent: This file type cannot be sent\./);

    // the server has the last word, and its problem+json is readable across origins
    await input.setInputFiles({ name: 'photo.png', mimeType: 'image/png', buffer: Buffer.from('not really a png') });
    const fake = log().locator('.msg.mine.failed').filter({ hasText: 'photo.png' });
    await fake.waitFor({ timeout: 10_000 });
    assert.match(await text(fake.locator('.state')), /^Not sent: The file is not a image\/png file/);
  });

  test('a reload keeps the history, the agent and the open panel', async () => {
    await page.reload();
    await widget().locator('[role="dialog"]').waitFor({ state: 'visible', timeout: 10_000 });
    await log().locator('.msg .text').nth(1).waitFor({ timeout: 10_000 });
    assert.deepEqual((await log().locator('.msg .text').allInnerTexts()).map((s) => s.trim()), ['My vault stopped syncing on my phone', 'Hi! Let us get your vault syncing again.']);
    assert.equal(await log().locator('.msg.mine .file').filter({ hasText: 'sync.log' }).count(), 1);
    await status().filter({ hasText: 'Sam Okafor' }).waitFor({ timeout: 10_000 });
    await shot('widget-chat-after-reload');
  });

  test('a message sent while the server is down waits, then is delivered exactly once when it is back', async () => {
    await maya!.close();
    maya = null;
    await server.stop();
    await status().filter({ hasText: 'Connection lost. Reconnecting…' }).waitFor({ timeout: 10_000 });
    await widget().locator('#cl-msg').fill('Are you still there?');
    await widget().locator('#cl-msg').press('Enter');
    const row = log().locator('.msg.mine').filter({ hasText: 'Are you still there?' });
    assert.equal(await text(row.locator('.state')), 'Sending…');
    const saved = await page.evaluate(() => Object.entries(localStorage).find(([k]) => k.startsWith('careline:'))?.[1] ?? '');
    assert.match(saved, /Are you still there\?/, 'the unacked message is kept across a reload');

    server = await spawnServer({ ...env, PORT: String(server.port) }, 60_000);
    await row.locator('.state').waitFor({ state: 'detached', timeout: 40_000 });
    const texts = await messagesOf(conversation.reference);
    assert.equal(texts.filter((t) => t.includes('Are you still there?')).length, 1);
    maya = await agentOnline();
  });

  test('the customer asks for a transcript and ends the chat', async () => {
    await widget().locator('button', { hasText: 'Email me a transcript' }).click();
    await widget().locator('form.inline input[type="email"]').fill('ann@shop.example');
    await widget().locator('form.inline button[type="submit"]').click();
    await widget().locator('.actions [role="status"]').filter({ hasText: 'A transcript will be sent to ann@shop.example.' }).waitFor();
    let mails: Array<{ to: string; subject: string }> = [];
    for (let i = 0; i < 50 && !mails.some((m) => /transcript/i.test(m.subject)); i++) {
      await new Promise((r) => setTimeout(r, 200));
      mails = ((await api(server.url, 'GET', `/api/v1/outbox?ticket=${conversation.reference}`, token)).body as { items: typeof mails }).items;
    }
    const transcript = mails.find((m) => /transcript/i.test(m.subject));
    assert.ok(transcript, `a transcript mail in the outbox: ${JSON.stringify(mails.map((m) => m.subject))}`);
    assert.equal(transcript.to, 'ann@shop.example');

    await widget().locator('button', { hasText: 'End chat' }).click();
    await widget().locator('.foot .notice').filter({ hasText: 'This chat has ended.' }).waitFor({ timeout: 10_000 });
    await widget().locator('button', { hasText: 'Start a new conversation' }).click();
    await widget().locator('#cl-q').waitFor();
  });

  test('when the last agent leaves before the customer sends, the widget learns it and asks for an email instead', async () => {
    await page.reload();
    await widget().locator('#cl-q').waitFor({ timeout: 10_000 });
    await page.waitForFunction(() => document.querySelector('careline-widget')?.shadowRoot?.querySelector('p.status')?.textContent === '');
    assert.equal(await widget().locator('#cl-email').count(), 0, 'the widget was told an agent is online');
    await maya!.close();
    maya = null;
    await widget().locator('#cl-q').fill('One more question about sharing');
    await widget().locator('.prechat button[type="submit"]').click();
    const email = widget().locator('#cl-email');
    await email.waitFor({ timeout: 10_000 });
    assert.match(await text(widget().locator('.prechat .notice')), /No one is available/);
    assert.equal(await widget().locator('#cl-q').inputValue(), 'One more question about sharing', 'the question is kept');
    await email.fill('ann@shop.example');
    await widget().locator('.prechat button[type="submit"]').click();
    assert.match(await text(widget().locator('.done .ref')), /^CL-[A-Z0-9]{8}$/);
  });
});
