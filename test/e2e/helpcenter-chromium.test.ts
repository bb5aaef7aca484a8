import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH, skipUnlessChromium } from '../support/chromium.ts';
import { api, runCli, spawnServer, type ServerProcess } from '../support/spawn-server.ts';

const SCREENSHOTS = fileURLToPath(new URL('../../test-output/screenshots/', import.meta.url));

describe('help center and contact flow in Chromium against `careline serve` with the demo workspace', { skip: skipUnlessChromium(), timeout: 180_000 }, () => {
  let dir: string;
  let server: ServerProcess;
  let token: string;
  let browser: Browser;
  let page: Page;

  const shot = (name: string) => page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
  const admin = (path: string) => api(server.url, 'GET', path, token);

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'careline-chromium-'));
    mkdirSync(SCREENSHOTS, { recursive: true });
    const env = { DATABASE_URL: `sqlite:${join(dir, 'careline.db')}`, CARELINE_DATA_DIR: dir, CARELINE_DEMO: '1', LOG_LEVEL: 'warn' };
    server = await spawnServer(env, 60_000);
    token = (await runCli(['token', 'create', '--name', 'chromium-e2e', '--role', 'admin'], env)).stdout.trim();
    const { chromium } = await import('playwright-core');
    browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
    page = await browser.newPage({ viewport: { width: 1100, height: 800 } });
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  test('the home page loads with topics, popular articles and the search box', async () => {
    const res = await page.goto(`${server.url}/help`);
    assert.equal(res?.status(), 200);
    assert.equal(await page.title(), 'How can we help? · Help Center');
    assert.equal(await page.locator('html').getAttribute('lang'), 'en');
    assert.ok((await page.locator('.cards .card').count()) >= 5, 'the demo topics are listed');
    assert.equal(await page.getByLabel('Search the help center').count(), 1);
    await shot('helpcenter-home');
    await page.emulateMedia({ colorScheme: 'dark' });
    await shot('helpcenter-home-dark');
    await page.emulateMedia({ colorScheme: 'light' });
  });

  test('typing in the search box shows type-ahead suggestions in an accessible listbox', async () => {
    const input = page.locator('#home-search');
    await input.click();
    await input.pressSequentially('sync', { delay: 60 });
    const options = page.locator('[role="listbox"] [role="option"]');
    await options.first().waitFor({ state: 'visible', timeout: 10_000 });
    assert.equal(await input.getAttribute('role'), 'combobox');
    assert.equal(await input.getAttribute('aria-expanded'), 'true');
    assert.ok((await options.count()) >= 2, 'several titles start with sync');
    assert.match((await options.allTextContents()).join(' | '), /sync/i);
    await input.press('ArrowDown');
    const active = await input.getAttribute('aria-activedescendant');
    assert.ok(active, 'ArrowDown marks an active option');
    assert.equal(await page.locator(`#${active}`).getAttribute('aria-selected'), 'true');
    await shot('helpcenter-typeahead');
    await input.press('Escape');
    assert.equal(await input.getAttribute('aria-expanded'), 'false');
    assert.equal(await input.getAttribute('aria-activedescendant'), null);
  });

  test('submitting a search shows highlighted results', async () => {
    const input = page.locator('#home-search');
    await input.fill('vault not syncing');
    await Promise.all([page.waitForURL(/\/search\?q=vault\+not\+syncing/), input.press('Enter')]);
    assert.match(await page.locator('p.count').innerText(), /^(\d+ results?|The \d+ best matches)$/);
    assert.ok((await page.locator('.results li').count()) > 0);
    assert.ok((await page.locator('.results mark').count()) > 0, 'matches are marked');
    assert.match(await page.locator('.results h2 a').first().innerText(), /sync/i);
    await shot('helpcenter-search');
  });

  test('opening an article and answering "Yes" to "Was this helpful?" records the verdict', async () => {
    await Promise.all([page.waitForURL(/\/articles\/[a-z0-9-]+$/), page.locator('.results h2 a').first().click()]);
    const slug = new URL(page.url()).pathname.split('/').pop()!;
    const before = (await api(server.url, 'GET', `/api/v1/helpcenter/articles/${slug}`, token)).body as { helpful: { yes: number } };
    assert.ok((await page.locator('nav.breadcrumbs li').count()) >= 2);
    assert.match(await page.locator('.meta').innerText(), /^Last updated /);
    await shot('helpcenter-article');
    await page.getByLabel('Anything we could improve? (optional)').fill('Clear steps, thanks');
    await Promise.all([page.waitForURL(/\/feedback$/), page.getByRole('button', { name: 'Yes', exact: true }).click()]);
    assert.equal(await page.locator('h1').innerText(), 'Thank you for your feedback');
    const afterCounts = (await api(server.url, 'GET', `/api/v1/helpcenter/articles/${slug}`, token)).body as { helpful: { yes: number } };
    assert.equal(afterCounts.helpful.yes, before.helpful.yes + 1);
    const list = (await admin(`/api/v1/helpcenter/articles?locale=en&limit=200`)).body as { items: Array<{ id: number; slug: string }> };
    const id = list.items.find((a) => a.slug === slug)!.id;
    const feedback = (await admin(`/api/v1/helpcenter/articles/${id}/feedback`)).body as { items: Array<{ helpful: boolean; comment: string | null }> };
    assert.deepEqual(feedback.items[0], { ...feedback.items[0], helpful: true, comment: 'Clear steps, thanks' });
  });

  test('on a phone, a German page of an untranslated article shows the English text with a note', async () => {
    const phone = await browser.newPage({ viewport: { width: 390, height: 844 }, isMobile: true });
    try {
      await phone.goto(`${server.url}/de/articles/install-linux`);
      assert.equal(await phone.locator('html').getAttribute('lang'), 'de');
      assert.equal(await phone.locator('article').getAttribute('lang'), 'en');
      assert.match(await phone.locator('.note').innerText(), /noch nicht auf Deutsch/);
      const overflow = await phone.evaluate<number>('document.documentElement.scrollWidth - document.documentElement.clientWidth');
      assert.ok(overflow <= 0, `no horizontal scrolling (${overflow}px too wide)`);
      await phone.screenshot({ path: join(SCREENSHOTS, 'helpcenter-article-de-mobile.png'), fullPage: true });
    } finally {
      await phone.close();
    }
  });

  test('the contact flow suggests articles as you type, then sends the form and shows a CL- reference', async () => {
    await page.goto(`${server.url}/contact`);
    const question = page.getByLabel('What do you need help with?');
    await question.pressSequentially('I was charged twice for my subscription', { delay: 25 });
    const suggestion = page.locator('#contact-suggestions a').first();
    await suggestion.waitFor({ state: 'visible', timeout: 10_000 });
    assert.match(await suggestion.getAttribute('href') ?? '', /^\/articles\/[a-z0-9-]+\?from=contact&cs=[\w-]+$/);
    await shot('helpcenter-contact');

    await Promise.all([page.waitForURL(/from=contact/), suggestion.click()]);
    await page.goBack();
    await page.getByLabel('Billing: charges, invoices, plans').check();
    await Promise.all([page.waitForURL(/step=details/), page.getByRole('button', { name: 'Continue' }).click()]);
    await page.getByLabel('Your name').fill('Tom Becker');
    await page.getByLabel('Your email address').fill('tom.becker@example.net');
    await page.getByLabel('Account email').fill('tom.becker@example.net');
    await page.getByLabel('Family').check();
    await page.getByLabel('What is wrong with the charge').fill('Two charges of $59.88 on 3 November for the Family plan.');
    await shot('helpcenter-contact-form');
    await Promise.all([page.waitForURL(/\/contact\/sent\?ref=CL-/), page.getByRole('button', { name: 'Send request' }).click()]);
    const reference = await page.locator('.reference').innerText();
    assert.match(reference, /^CL-[0-9A-Z]{8}$/);
    await shot('helpcenter-contact-sent');

    const ticket = (await admin(`/api/v1/tickets/${reference}`)).body as { channel: string; category: string; tags: string[]; subject: string };
    assert.equal(ticket.channel, 'web');
    assert.equal(ticket.category, 'billing');
    assert.equal(ticket.subject, 'I was charged twice for my subscription');
    assert.ok(ticket.tags.includes('deflection:viewed-articles'), JSON.stringify(ticket.tags));
    const analytics = (await admin('/api/v1/helpcenter/analytics')).body as { deflection: { visits: number; opened_article: number; submitted: number } };
    assert.deepEqual(analytics.deflection, { ...analytics.deflection, visits: 1, opened_article: 1, submitted: 1 });
  });

  test('/de/contact asks in German and suggests German articles as you type, keeping German URLs', async () => {
    await page.goto(`${server.url}/de/contact`);
    assert.equal(await page.locator('html').getAttribute('lang'), 'de');
    await page.getByLabel('Wobei brauchen Sie Hilfe?').pressSequentially('Tresor synchronisiert nicht', { delay: 25 });
    const suggestion = page.locator('#contact-suggestions a').first();
    await suggestion.waitFor({ state: 'visible', timeout: 10_000 });
    assert.equal(await page.locator('#contact-suggestions h2').innerText(), 'Diese Artikel beantworten vielleicht Ihre Frage');
    assert.equal(await suggestion.innerText(), 'Tresor synchronisiert nicht zwischen Geräten');
    assert.match(await suggestion.getAttribute('href') ?? '', /^\/de\/articles\/vault-not-syncing\?from=contact&cs=[\w-]+$/);
    assert.match(page.url(), /\/de\/contact\?cs=[\w-]+&q=Tresor/);
    await page.getByLabel('Synchronisierung zwischen meinen Geräten').check();
    await Promise.all([page.waitForURL(/step=details/), page.getByRole('button', { name: 'Weiter' }).click()]);
    await page.getByRole('button', { name: 'Anfrage senden' }).waitFor();
    assert.ok(await page.getByLabel('Betroffene Geräte').isVisible());
    await shot('helpcenter-contact-de');
  });
});
