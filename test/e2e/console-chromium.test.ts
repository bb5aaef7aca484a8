import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import nodemailer from 'nodemailer';
import { Secret, TOTP } from 'otpauth';
import type { Browser, Page } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH, skipUnlessChromium } from '../support/chromium.ts';
import { contrastFailures } from '../support/contrast.ts';
import { api, freePort, runCli, spawnServer, type ServerProcess } from '../support/spawn-server.ts';
import { smtpSink, until } from '../support/smtp-sink.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const SCREENSHOTS = join(ROOT, 'test-output/screenshots/');

/** Builds the console unless CARELINE_SKIP_BUILD=1 says the bundle in dist/ is current. */
async function buildConsole(): Promise<void> {
  if (process.env.CARELINE_SKIP_BUILD === '1' && existsSync(join(ROOT, 'dist/console/index.html'))) return;
  const { build } = await import('vite');
  await build({ configFile: join(ROOT, 'web/console/vite.config.ts'), logLevel: 'warn' });
}

type TicketJson = { id: number; reference: string; status: string; subject: string; tags: string[]; customer: { id: number; email: string }; messages: Array<{ text: string; kind: string }> };

describe('agent console in Chromium against `careline serve` with the demo workspace', { skip: skipUnlessChromium(), timeout: 240_000 }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'careline-console-'));
  let sink: Awaited<ReturnType<typeof smtpSink>>;
  let server: ServerProcess;
  let token = '';
  let inPort = 0;
  let browser: Browser;
  let page: Page;
  let emailed = '';

  const shot = (name: string) => page.screenshot({ path: join(SCREENSHOTS, `${name}.png`) });
  const call = async (method: string, path: string, body?: unknown): Promise<unknown> => {
    const res = await api(server.url, method, path, token, body);
    assert.ok(res.status < 300, `${method} ${path} → ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  };
  const routeExists = async (method: string, path: string): Promise<boolean> => {
    const spec = (await api(server.url, 'GET', '/api/openapi.json', token)).body as { paths: Record<string, Record<string, unknown>> };
    return Boolean(spec.paths[path]?.[method.toLowerCase()]);
  };
  const openTicket = async (reference: string) => {
    await page.goto(`${server.url}/console/tickets/${reference}`);
    await page.locator('.thread .message').first().waitFor();
  };

  before(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    await buildConsole();
    const outPort = await freePort();
    inPort = await freePort();
    sink = await smtpSink(outPort);
    const env = {
      DATABASE_URL: `sqlite:${join(dir, 'careline.db')}`,
      CARELINE_DATA_DIR: dir,
      CARELINE_DEMO: '1',
      LOG_LEVEL: 'warn',
      SMTP_PORT: String(inPort),
      SMTP_OUTBOUND_URL: `smtp://127.0.0.1:${outPort}`,
    };
    server = await spawnServer(env, 60_000);
    token = (await runCli(['token', 'create', '--name', 'console-e2e', '--role', 'admin'], env)).stdout.trim();
    const { chromium } = await import('playwright-core');
    browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
    page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
    await sink?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  test('/console serves the app with hashed, immutable assets and a CSP without inline scripts', async () => {
    const res = await fetch(`${server.url}/console/tickets/CL-00000000`);
    assert.equal(res.status, 200);
    const html = await res.text();
    assert.match(res.headers.get('content-security-policy') ?? '', /script-src 'self'(;|$)/);
    assert.doesNotMatch(html, /<script>(?!<\/script>)/, 'no inline script');
    const asset = /src="(\/console\/assets\/index-[\w-]+\.js)"/.exec(html)?.[1];
    assert.ok(asset, html);
    const js = await fetch(`${server.url}${asset}`);
    assert.equal(js.status, 200);
    assert.match(js.headers.get('cache-control') ?? '', /immutable/);
    assert.equal((await fetch(`${server.url}/console/assets/..%2Fpackage.json`)).status, 404);
  });

  test('an agent logs in with the password; a wrong password is refused with a clear message', async () => {
    const { email, password } = JSON.parse(readFileSync(join(dir, 'demo-credentials.json'), 'utf8')) as { email: string; password: string };
    await page.goto(`${server.url}/console`);
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill('not-the-password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('alert').waitFor();
    assert.match(await page.getByRole('alert').innerText(), /password|credentials|incorrect|invalid/i);
    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.locator('.ticket-row').first().waitFor();
    assert.equal(await page.locator('.topbar .me').innerText(), 'Alex Morgan');
  });

  test('the inbox lists tickets; j/k move the selection and o opens the selected one', async () => {
    await page.goto(`${server.url}/console/`);
    await page.locator('.ticket-row').nth(2).waitFor();
    await page.locator('body').click({ position: { x: 600, y: 780 } });
    await page.keyboard.press('j');
    await page.keyboard.press('j');
    await page.keyboard.press('k');
    const selected = page.locator('.row.selected .ticket-row');
    const second = await page.locator('.vlist .row').nth(1).locator('.ticket-row').getAttribute('data-reference');
    assert.equal(await selected.getAttribute('data-reference'), second);
    await shot('console-inbox');
    assert.deepEqual(await contrastFailures(page), [], 'WCAG AA contrast in light mode');
    await page.emulateMedia({ colorScheme: 'dark' });
    await shot('console-inbox-dark');
    assert.deepEqual(await contrastFailures(page), [], 'WCAG AA contrast in dark mode');
    await page.emulateMedia({ colorScheme: 'light' });
    await page.keyboard.press('o');
    await page.waitForURL(new RegExp(`/console/tickets/${second}$`));
    await page.locator('.thread .message').first().waitFor();
    await page.keyboard.press('u');
    await page.waitForURL(/\/console\/$/);
  });

  test('a mail sent to the SMTP port shows up live in the inbox; the reply from the console reaches the customer by SMTP', async () => {
    await page.goto(`${server.url}/console/`);
    await page.locator('.ticket-row').first().waitFor();
    const info = await nodemailer.createTransport({ host: '127.0.0.1', port: inPort, secure: false, ignoreTLS: true }).sendMail({
      from: 'Quinn Baker <quinn@customer.example>', to: 'support@example.com', subject: 'Vault export is empty',
      text: 'The CSV export of my vault has only headers.', html: '<p>The <b>CSV export</b> of my vault has only headers.</p><img src="https://tracker.example/pixel.gif" alt="">',
    });
    emailed = /Received as (CL-[0-9A-Z]{8})/.exec(info.response)?.[1] ?? '';
    assert.ok(emailed, info.response);
    await page.locator(`.ticket-row[data-reference="${emailed}"]`).waitFor({ timeout: 15_000 });

    await page.keyboard.press('/');
    await page.keyboard.type(emailed);
    await page.keyboard.press('Enter');
    await page.waitForURL(/q=CL-/);
    // The unfiltered list already shows the row: wait for the search's own answer.
    await until('the search to list exactly the ticket', async () => ((await page.locator('.vlist .row').count()) === 1 || undefined), 10_000);
    await page.locator(`.ticket-row[data-reference="${emailed}"]`).waitFor();
    await page.locator(`.ticket-row[data-reference="${emailed}"]`).click();
    await page.locator('.thread .message').first().waitFor();
    const frame = page.frameLocator('.email-body iframe');
    await frame.locator('b').waitFor();
    assert.equal(await frame.locator('b').innerText(), 'CSV export');
    assert.equal(await page.locator('.email-body iframe').getAttribute('sandbox'), 'allow-same-origin allow-popups allow-popups-to-escape-sandbox');
    assert.match(await page.locator('.thread .message').first().locator('.badge').first().innerText(), /Email/);
    // The tracking pixel is held back until the agent asks for images.
    assert.equal(await frame.locator('img[src]').count(), 0, 'no remote image loads by default');
    await page.getByRole('button', { name: 'Load images' }).click();
    await until('the image to get its address', async () => ((await frame.locator('img[src="https://tracker.example/pixel.gif"]').count()) === 1 ? true : undefined));

    await page.keyboard.press('r');
    await page.locator('#composer-text').fill('Hi Quinn, please export again from Settings → Export; 3.2.2 fixed this.');
    await page.keyboard.press('Control+Enter');
    await page.locator('.thread .message').nth(1).waitFor();
    const { mail } = await until('the reply at the SMTP sink', () => sink.received.find((m) => m.rcpt.includes('quinn@customer.example') && (m.mail.text ?? '').includes('please export again')));
    assert.match(mail.subject ?? '', new RegExp(emailed));
    await shot('console-ticket');
    assert.deepEqual(await contrastFailures(page), [], 'WCAG AA contrast on the ticket, light');
    await page.emulateMedia({ colorScheme: 'dark' });
    await shot('console-ticket-dark');
    assert.deepEqual(await contrastFailures(page), [], 'WCAG AA contrast on the ticket, dark');
    await page.emulateMedia({ colorScheme: 'light' });
  });

  test('a draft survives a reload, and an internal note is shown apart from replies', async () => {
    await openTicket(emailed);
    await page.keyboard.press('n');
    await page.locator('#composer-text').fill('Checked the export logs: empty result set.');
    await page.reload();
    await page.locator('.thread .message').first().waitFor();
    assert.equal(await page.locator('#composer-text').inputValue(), 'Checked the export logs: empty result set.');
    await page.getByRole('button', { name: /Add note/ }).click();
    await page.locator('.message.note').waitFor();
    assert.match(await page.locator('.message.note').innerText(), /Internal note[\s\S]*empty result set/);
    assert.equal(await page.locator('#composer-text').inputValue(), '');
    // The note after the reload was written with the CSRF token /auth/me gave back; no storage holds it.
    const stored = await page.evaluate(async () => {
      const me = (await (await fetch('/api/v1/auth/me')).json()) as { csrf_token: string };
      const values = [...Object.values({ ...localStorage }), ...Object.values({ ...sessionStorage })];
      return { token: me.csrf_token, kept: values.some((v) => v.includes(me.csrf_token)) };
    });
    assert.ok(stored.token.length > 20);
    assert.equal(stored.kept, false, 'the CSRF token is not in localStorage or sessionStorage');
    const { items: messages } = (await call('GET', `/api/v1/tickets/${emailed}/messages`)) as { items: Array<{ kind: string; text: string }> };
    assert.deepEqual(messages.map((m) => m.kind), ['reply', 'reply', 'note']);
    assert.equal(sink.received.filter((m) => (m.mail.text ?? '').includes('empty result set')).length, 0, 'a note is never mailed');
  });

  test('changing fields and solving with "s" updates the ticket and its history', async () => {
    await openTicket(emailed);
    await page.getByLabel('Priority').selectOption('high');
    await page.locator('.props .saved').waitFor();
    await page.locator('body').click({ position: { x: 5, y: 300 } });
    await page.keyboard.press('s');
    await until('the ticket solved', async () => ((await call('GET', `/api/v1/tickets/${emailed}`)) as TicketJson).status === 'solved' || undefined);
    await until('the history to show it', async () => (/Status: .* → solved/.test(await page.locator('.history').innerText()) ? true : undefined));
    const ticket = (await call('GET', `/api/v1/tickets/${emailed}`)) as TicketJson & { priority: string };
    assert.equal(ticket.priority, 'high');
  });

  test('a macro fills the reply box with its placeholders rendered and sets the ticket fields', async (t) => {
    if (!(await routeExists('POST', '/api/v1/tickets/{reference}/macros/{id}/apply'))) return t.skip('this server has no macros endpoint yet');
    const ticket = (await call('POST', '/api/v1/tickets', { subject: 'Two-factor codes rejected', body: 'My codes never work.', customer: { email: 'rosa@customer.example', name: 'Rosa Diaz' }, channel: 'email' })) as TicketJson;
    const macro = (await call('POST', '/api/v1/macros', { title: 'Clock drift', body: 'Hi {{customer.first_name}}, your phone clock may drift; turn on automatic time. ({{ticket.reference}})', actions: { status: 'pending', add_tags: ['clock-drift'] } })) as { id: number };
    await openTicket(ticket.reference);
    await page.getByLabel('Apply a macro').selectOption({ label: 'Clock drift' });
    await until('the macro text in the reply box', async () => ((await page.locator('#composer-text').inputValue()).includes('Hi Rosa,') ? true : undefined));
    assert.equal(await page.locator('#composer-text').inputValue(), `Hi Rosa, your phone clock may drift; turn on automatic time. (${ticket.reference})`);
    assert.equal(await page.getByLabel('Status').inputValue(), 'pending');
    const after = (await call('GET', `/api/v1/tickets/${ticket.reference}`)) as TicketJson;
    assert.equal(after.status, 'pending');
    assert.ok(after.tags.includes('clock-drift'));
    assert.ok(macro.id);
  });

  test('two tickets of the same customer are merged from the console', async (t) => {
    if (!(await routeExists('POST', '/api/v1/tickets/{reference}/merge'))) return t.skip('this server has no merge endpoint yet');
    const customer = { email: 'sol@customer.example', name: 'Sol Park' };
    const first = (await call('POST', '/api/v1/tickets', { subject: 'Cannot sign in on my laptop', body: 'The laptop app says my password is wrong.', customer, channel: 'email' })) as TicketJson;
    const second = (await call('POST', '/api/v1/tickets', { subject: 'Sign-in again', body: 'Still cannot sign in, now on the web too.', customer, channel: 'email' })) as TicketJson;
    await openTicket(second.reference);
    await page.getByRole('button', { name: 'Merge…' }).click();
    await page.getByRole('dialog').getByLabel(new RegExp(first.reference)).check();
    await page.getByRole('dialog').getByRole('button', { name: 'Merge' }).click();
    await page.waitForURL(new RegExp(`/console/tickets/${first.reference}$`));
    await until('the moved message in the thread', async () => ((await page.locator('.thread .message').count()) === 3 ? true : undefined));
    assert.equal(await page.frameLocator('.thread .message >> nth=1 >> iframe').locator('body').innerText(), 'Still cannot sign in, now on the web too.');
    assert.match(await page.locator('.thread .message.note').innerText(), new RegExp(`${second.reference}.*merged into this ticket`));
    const source = (await call('GET', `/api/v1/tickets/${second.reference}`)) as TicketJson;
    assert.equal(source.status, 'closed');
  });

  test('the admin pages show agents, and the "?" overlay lists the shortcuts', async () => {
    await page.goto(`${server.url}/console/admin/agents`);
    await page.locator('table.data tbody tr').first().waitFor();
    assert.ok((await page.locator('table.data tbody tr').count()) >= 5, 'the demo agents are listed');
    await shot('console-admin-agents');
    await page.goto(`${server.url}/console/admin/articles`);
    await page.locator('table.data tbody tr').first().waitFor();
    await shot('console-admin-articles');
    await page.locator('body').click({ position: { x: 5, y: 700 } });
    await page.keyboard.press('?');
    const dialog = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
    await dialog.waitFor();
    assert.match(await dialog.innerText(), /j \/ k[\s\S]*Reply[\s\S]*Solve/);
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
  });

  test('a chat started from the widget in another page is offered, accepted and answered live, with typing shown', async () => {
    await page.goto(`${server.url}/console/`);
    await page.getByLabel('Chat availability').selectOption('online');
    await until('the agent online', async () => ((await page.getByLabel('Chat availability').inputValue()) === 'online' && !(await page.locator('.chat-bar .error').count()) ? true : undefined));
    const visitor = await browser.newContext({ viewport: { width: 1000, height: 760 } });
    try {
      const shop = await visitor.newPage();
      await shop.goto(`${server.url}/widget/demo`);
      const widget = shop.locator('careline-widget');
      await widget.locator('button.launcher').click();
      await widget.locator('#cl-q').fill('My vault will not open on my new laptop');
      if (await widget.locator('#cl-email').count()) await widget.locator('#cl-email').fill('uma@customer.example');
      await widget.locator('.prechat button[type="submit"]').click();

      const offer = page.locator('.offer');
      await offer.waitFor({ timeout: 20_000 });
      assert.match(await offer.innerText(), /New chat: My vault will not open on my new laptop/);
      await offer.getByRole('button', { name: 'Accept' }).click();
      await page.waitForURL(/\/console\/tickets\/CL-[0-9A-Z]{8}$/);
      await page.locator('.thread .message').first().waitFor();
      assert.match(await page.locator('.thread .message').first().innerText(), /Chat[\s\S]*My vault will not open on my new laptop/);

      await widget.locator('#cl-msg').pressSequentially('It says the file is locked', { delay: 40 });
      await page.locator('.typing').waitFor({ timeout: 10_000 });
      await widget.locator('#cl-msg').press('Enter');
      await until('the visitor message in the console', async () => ((await page.locator('.thread').innerText()).includes('It says the file is locked') ? true : undefined));

      await page.locator('body').click({ position: { x: 5, y: 400 } });
      await page.keyboard.press('r');
      await page.locator('#composer-text').fill('Hi! Close the app on your other laptop, then try again.');
      await page.keyboard.press('Control+Enter');
      await widget.locator('.log').getByText('Close the app on your other laptop').waitFor({ timeout: 10_000 });
      await shot('console-live-chat');
      await shop.screenshot({ path: join(SCREENSHOTS, 'console-live-chat-widget.png') });

      // Handing the chat to the Billing team's queue: unassigned, Billing's, offered again there.
      const reference = page.url().split('/').pop()!;
      await page.getByRole('button', { name: 'Transfer chat…' }).click();
      const transfer = page.getByRole('dialog', { name: `Transfer chat ${reference}` });
      await transfer.getByLabel('Billing').check();
      await shot('console-transfer-chat');
      await transfer.getByRole('button', { name: 'Transfer', exact: true }).click();
      await transfer.waitFor({ state: 'detached' });
      await page.getByRole('status').filter({ hasText: 'Chat transferred to Billing' }).waitFor();
      const teams = (await call('GET', '/api/v1/teams')) as { items: Array<{ id: number; slug: string }> };
      const moved = (await call('GET', `/api/v1/tickets/${reference}`)) as { assignee_id: number | null; team_id: number | null };
      assert.equal(moved.assignee_id, null, 'the chat left this agent');
      assert.equal(moved.team_id, teams.items.find((t) => t.slug === 'billing')?.id, "the chat is in Billing's queue");
    } finally {
      await visitor.close();
    }
  });

  test('a team gets two openings on one day (around lunch) from the business hours page, and keeps them', async () => {
    const teams = (await call('GET', '/api/v1/teams')) as { items: Array<{ id: number; slug: string }> };
    const security = teams.items.find((t) => t.slug === 'security')!;
    const openHours = async () => {
      await page.goto(`${server.url}/console/admin/teams`);
      const row = page.locator('li').filter({ hasText: 'Security' });
      await row.getByRole('button', { name: 'Business hours' }).click();
      await page.getByLabel('Time zone (IANA, e.g. Europe/Berlin)').waitFor();
    };
    await openHours();
    const always = page.getByLabel('Always open');
    if (await always.isChecked()) await always.uncheck();
    const monday = page.locator('.hours-table tr').filter({ hasText: 'Monday' });
    const open = monday.getByRole('checkbox');
    if (!(await open.isChecked())) await open.check();
    while ((await monday.getByRole('button', { name: /Remove Monday opening/ }).count()) > 0) await monday.getByRole('button', { name: /Remove Monday opening/ }).first().click();
    await page.getByLabel('Monday opens', { exact: true }).fill('09:00');
    await page.getByLabel('Monday closes', { exact: true }).fill('12:00');
    await page.getByRole('button', { name: 'Add an opening on Monday' }).click();
    await page.getByLabel('Monday opens (opening 2)').fill('13:00');
    await page.getByLabel('Monday closes (opening 2)').fill('17:00');
    await shot('console-business-hours');
    await page.getByRole('button', { name: 'Save hours' }).click();
    await page.getByText('Saved').waitFor();
    const saved = (await call('GET', `/api/v1/teams/${security.id}/business-hours`)) as { always_open: boolean; schedule: Array<{ day: string; open: string; close: string }> };
    assert.equal(saved.always_open, false);
    assert.deepEqual(saved.schedule.filter((i) => i.day === 'mon').sort((a, b) => a.open.localeCompare(b.open)), [{ day: 'mon', open: '09:00', close: '12:00' }, { day: 'mon', open: '13:00', close: '17:00' }]);
    await openHours();
    assert.equal(await page.getByLabel('Monday opens (opening 2)').inputValue(), '13:00', 'both openings are shown again');
  });

  test('another agent on the same ticket shows as "also viewing", then "also typing"', async () => {
    const { password } = JSON.parse(readFileSync(join(dir, 'demo-credentials.json'), 'utf8')) as { password: string };
    await openTicket(emailed);
    const other = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    try {
      const sam = await other.newPage();
      await sam.goto(`${server.url}/console/tickets/${emailed}`);
      await sam.getByLabel('Email').fill('sam@vaultly.example');
      await sam.getByLabel('Password').fill(password);
      await sam.getByRole('button', { name: 'Sign in' }).click();
      await sam.locator('.thread .message').first().waitFor();
      const collision = page.locator('.collision');
      await collision.waitFor({ timeout: 10_000 });
      assert.equal(await collision.innerText(), 'Sam Okafor is also viewing');
      await sam.locator('#composer-text').pressSequentially('Looking into', { delay: 30 });
      await until('"also typing"', async () => ((await collision.innerText()) === 'Sam Okafor is also typing a reply' ? true : undefined), 10_000);
      await shot('console-collision');
      await sam.close();
      await collision.waitFor({ state: 'detached', timeout: 10_000 });
    } finally {
      await other.close();
    }
  });

  test('when an admin requires two-factor, an agent enrols at sign-in and then needs a code every time', async () => {
    const { password } = JSON.parse(readFileSync(join(dir, 'demo-credentials.json'), 'utf8')) as { password: string };
    await call('PUT', '/api/v1/admin/security', { require_totp: true });
    const other = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    try {
      const p = await other.newPage();
      const signIn = async () => {
        await p.goto(`${server.url}/console`);
        await p.getByLabel('Email').fill('priya@vaultly.example');
        await p.getByLabel('Password').fill(password);
        await p.getByRole('button', { name: 'Sign in' }).click();
      };
      await signIn();
      const secret = p.locator('code.secret');
      await secret.waitFor();
      const totp = new TOTP({ algorithm: 'SHA1', digits: 6, period: 30, secret: Secret.fromBase32(await secret.innerText()) });
      await p.screenshot({ path: join(SCREENSHOTS, 'console-totp-setup.png') });
      await p.getByLabel('Authentication code').fill(totp.generate());
      await p.getByRole('button', { name: 'Verify' }).click();
      await p.locator('.topbar .me').waitFor();
      assert.equal(await p.locator('.topbar .me').innerText(), 'Priya Raman');

      await p.getByRole('button', { name: 'Sign out' }).click();
      await signIn();
      await p.getByLabel('Authentication code').waitFor();
      await p.getByLabel('Authentication code').fill(String((Number(totp.generate()) + 1) % 1_000_000).padStart(6, '0'));
      await p.getByRole('button', { name: 'Verify' }).click();
      await p.getByRole('alert').waitFor();
      assert.match(await p.getByRole('alert').innerText(), /did not match/);
      // A code is accepted once: wait for the next 30-second step, then sign in with its code.
      await new Promise((r) => setTimeout(r, 30_000 - (Date.now() % 30_000) + 500));
      await p.getByLabel('Authentication code').fill(totp.generate());
      await p.getByRole('button', { name: 'Verify' }).click();
      await p.locator('.topbar .me').waitFor();
    } finally {
      await other.close();
      await call('PUT', '/api/v1/admin/security', { require_totp: false });
    }
  });

  test('signing out returns to the login, and the API refuses the old session', async () => {
    await page.goto(`${server.url}/console/`);
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
    const status = await page.evaluate(async () => (await fetch('/api/v1/auth/me')).status);
    assert.equal(status, 401);
  });
});
