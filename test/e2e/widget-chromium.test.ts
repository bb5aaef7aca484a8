import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { SignJWT } from 'jose';
import type { Browser, Locator, Page } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH, skipUnlessChromium } from '../support/chromium.ts';
import { api, runCli, spawnServer, type ServerProcess } from '../support/spawn-server.ts';
import { serveShop } from '../support/widget-host.ts';

const SCREENSHOTS = fileURLToPath(new URL('../../test-output/screenshots/', import.meta.url));

/** Locators inside the widget's shadow root (Playwright pierces open shadow roots). */
function widgetOf(page: Page) {
  const widget = page.locator('careline-widget');
  return {
    widget,
    launcher: widget.locator('button.launcher'),
    dialog: widget.locator('[role="dialog"]'),
    status: widget.locator('p.status'),
    submit: widget.locator('.prechat button[type="submit"]'),
    /** The id (or class) of what has focus inside the shadow root; null when focus is outside the widget. */
    focused: () => page.evaluate(() => {
      const host = document.activeElement;
      if (host?.tagName !== 'CARELINE-WIDGET') return null;
      const el = host.shadowRoot?.activeElement;
      return el ? el.id || el.className : null;
    }),
  };
}

const text = async (l: Locator) => (await l.innerText()).trim();

describe('the chat widget in Chromium on another origin: embedding, isolation, accessibility, suggestions, offline', { skip: skipUnlessChromium(), timeout: 240_000 }, () => {
  let dir: string;
  let server: ServerProcess;
  let shop: { url: string; close(): Promise<void> };
  let token: string;
  let browser: Browser;
  let page: Page;
  let w: ReturnType<typeof widgetOf>;

  const shot = (name: string, p: Page = page) => p.screenshot({ path: join(SCREENSHOTS, `${name}.png`) });

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'careline-widget-'));
    mkdirSync(SCREENSHOTS, { recursive: true });
    const env = { DATABASE_URL: `sqlite:${join(dir, 'careline.db')}`, CARELINE_DATA_DIR: dir, CARELINE_DEMO: '1', LOG_LEVEL: 'warn' };
    server = await spawnServer(env, 60_000);
    token = (await runCli(['token', 'create', '--name', 'widget-e2e', '--role', 'admin'], env)).stdout.trim();
    shop = await serveShop(server.url);
    const { chromium } = await import('playwright-core');
    browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
    page = await browser.newPage({ viewport: { width: 1100, height: 800 } });
    w = widgetOf(page);
  });

  after(async () => {
    await browser?.close();
    await shop?.close();
    await server?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  test('one async script tag from another origin mounts the launcher and adds only window.Careline', async () => {
    assert.notEqual(new URL(shop.url).origin, new URL(server.url).origin);
    await page.goto(shop.url);
    await w.launcher.waitFor({ state: 'visible', timeout: 10_000 });
    const added = await page.evaluate(() => {
      const before = (window as unknown as { __globalsBefore: string[] }).__globalsBefore;
      return Object.keys(window).filter((k) => !before.includes(k) && k !== '__globalsBefore');
    });
    assert.deepEqual(added, ['Careline']);
    assert.equal(await w.launcher.getAttribute('aria-expanded'), 'false');
    assert.equal(await w.launcher.getAttribute('aria-label'), 'Chat with us');
  });

  test("the host page's CSS does not reach inside the widget (shadow DOM)", async () => {
    await w.launcher.click();
    await w.dialog.waitFor({ state: 'visible' });
    // a string, not a function: the test loader's helpers do not exist in the page
    const styles = await page.evaluate(`(() => {
      const root = document.querySelector('careline-widget').shadowRoot;
      const css = (sel) => getComputedStyle(root.querySelector(sel));
      return {
        launcherBg: css('.launcher').backgroundColor,
        launcherWidth: css('.launcher').width,
        titleSize: css('h2').fontSize,
        titleColor: css('h2').color,
        font: css('.root').fontFamily,
        spacing: css('textarea').letterSpacing,
        textarea: css('textarea').display,
      };
    })()`) as { launcherBg: string; launcherWidth: string; titleSize: string; titleColor: string; font: string; spacing: string; textarea: string };
    assert.equal(styles.launcherBg, 'rgb(11, 87, 208)', 'our accent, not the host button colour');
    assert.equal(styles.launcherWidth, '56px');
    assert.equal(styles.titleSize, '17px');
    assert.notEqual(styles.titleColor, 'rgb(255, 0, 0)');
    assert.doesNotMatch(styles.font, /Comic Sans/);
    assert.equal(styles.spacing, 'normal');
    assert.notEqual(styles.textarea, 'none');
    await shot('widget-isolated-on-host');
  });

  test('keyboard and screen readers: a labelled dialog, focus moves in, Escape closes and returns focus', async () => {
    assert.equal(await w.launcher.getAttribute('aria-expanded'), 'true');
    assert.equal(await w.dialog.getAttribute('aria-modal'), 'false');
    const labelledBy = await w.dialog.getAttribute('aria-labelledby');
    assert.equal(await text(w.widget.locator(`#${labelledBy}`)), 'Shop support');
    assert.equal(await w.focused(), 'cl-q', 'opening moves focus to the question');
    assert.equal(await text(w.widget.locator('label[for="cl-q"]')), 'How can we help?');
    await page.keyboard.press('Escape');
    await w.dialog.waitFor({ state: 'hidden' });
    assert.equal(await w.launcher.getAttribute('aria-expanded'), 'false');
    assert.equal(await w.focused(), 'launcher', 'focus is back on the launcher');
    await page.keyboard.press('Enter');
    await w.dialog.waitFor({ state: 'visible' });
    assert.equal(await w.focused(), 'cl-q', 'Enter on the launcher opens it again');
  });

  test('typing a question suggests help-center articles before any chat starts', async () => {
    await w.widget.locator('#cl-q').pressSequentially('vault not syncing', { delay: 30 });
    const links = w.widget.locator('.suggest a');
    await links.first().waitFor({ state: 'visible', timeout: 10_000 });
    assert.ok((await links.count()) >= 1 && (await links.count()) <= 3);
    const href = (await links.first().getAttribute('href'))!;
    assert.ok(href.startsWith(`${server.url}/`), `an absolute link to the help center: ${href}`);
    assert.equal(await links.first().getAttribute('target'), '_blank');
    assert.match((await links.allInnerTexts()).join(' | '), /sync/i);
    assert.match(await text(w.widget.locator('.prechat [role="status"]')), /^\d articles? may help$/);
    await shot('widget-suggestions');
    await w.widget.locator('#cl-q').fill('ab');
    await links.first().waitFor({ state: 'hidden' });
  });

  test('with no agent online it says so, asks for an email address, and shows the email ticket reference', async () => {
    const notice = w.widget.locator('.prechat .notice');
    await notice.waitFor({ state: 'visible', timeout: 10_000 });
    assert.match(await text(notice), /No one is available/);
    await w.widget.locator('#cl-q').fill('My vault will not sync and I need it today');
    const email = w.widget.locator('#cl-email');
    await w.submit.click();
    assert.equal(await email.getAttribute('aria-invalid'), 'true');
    assert.match(await text(w.widget.locator('.error[role="alert"]')), /valid email/);
    assert.equal(await w.focused(), 'cl-email', 'focus goes to the field to fix');
    await email.fill('ann@shop.example');
    await w.submit.click();
    const ref = w.widget.locator('.done .ref');
    await ref.waitFor({ state: 'visible', timeout: 15_000 });
    const reference = await text(ref);
    assert.match(reference, /^CL-[A-Z0-9]{8}$/);
    await shot('widget-offline-reference');
    const ticket = await api(server.url, 'GET', `/api/v1/tickets/${reference}`, token);
    assert.equal(ticket.status, 200);
    const body = ticket.body as { channel: string; customer: { email: string } };
    assert.equal(body.channel, 'email');
    assert.equal(body.customer.email, 'ann@shop.example');
  });

  test('a signed-in customer (data-identity-jwt or Careline("identify")) is not asked for an email address; a forged identity is refused', async () => {
    const settings = await api(server.url, 'GET', '/api/v1/chat/settings', token);
    assert.equal(settings.status, 200);
    const secret = new TextEncoder().encode((settings.body as { identity_secret: string }).identity_secret);
    const jwt = await new SignJWT({ email: 'lee@shop.example', name: 'Lee Shopper' }).setProtectedHeader({ alg: 'HS256' }).setSubject('shop-user-42').setExpirationTime('1h').sign(secret);
    const context = await browser.newContext();
    const signed = await context.newPage();
    const s = widgetOf(signed);
    await signed.goto(`${shop.url}?jwt=${encodeURIComponent(jwt)}`);
    await s.launcher.click();
    await signed.locator('careline-widget .prechat .notice').waitFor({ timeout: 10_000 });
    assert.equal(await s.widget.locator('#cl-email').count(), 0);
    assert.equal(await s.widget.locator('#cl-name').count(), 0);
    await s.widget.locator('#cl-q').fill('Please close my account');
    await s.submit.click();
    const reference = await text(s.widget.locator('.done .ref'));
    const ticket = (await api(server.url, 'GET', `/api/v1/tickets/${reference}`, token)).body as { customer: { email: string; name: string } };
    assert.equal(ticket.customer.email, 'lee@shop.example');

    // the same identity through the JS API, after the page has loaded (a single-page app's login)
    const later = await browser.newContext();
    const spa = await later.newPage();
    await spa.goto(shop.url);
    await spa.locator('careline-widget button.launcher').click();
    await spa.locator('careline-widget #cl-email').waitFor({ timeout: 10_000 });
    await spa.evaluate((token) => (window as unknown as { Careline: (c: string, a: unknown) => void }).Careline('identify', { jwt: token }), jwt);
    await spa.locator('careline-widget #cl-email').waitFor({ state: 'detached', timeout: 10_000 });
    await later.close();

    const forged = `${jwt.slice(0, -4)}AAAA`;
    await signed.goto(`${shop.url}?jwt=${encodeURIComponent(forged)}`);
    await s.status.filter({ hasText: 'Chat is not available right now.' }).waitFor({ timeout: 10_000 });
    await context.close();
  });

  test("a host page whose CSP allows only Careline's origin (and no inline styles) still gets a styled, working widget", async () => {
    const strict = await browser.newPage();
    await strict.goto(`${shop.url}?csp=strict`);
    const s = widgetOf(strict);
    await s.launcher.click();
    assert.equal(await s.launcher.evaluate((el) => getComputedStyle(el).backgroundColor), 'rgb(11, 87, 208)', 'styles from a constructable stylesheet, which style-src does not block');
    await s.widget.locator('#cl-q').pressSequentially('vault not syncing', { delay: 20 });
    await s.widget.locator('.suggest a').first().waitFor({ timeout: 10_000 });
    await strict.locator('careline-widget .prechat .notice').waitFor({ timeout: 10_000 });
    await strict.close();
  });

  test('on a phone-sized screen the open widget fills the viewport', async () => {
    await page.setViewportSize({ width: 375, height: 667 });
    const box = await w.dialog.boundingBox();
    assert.deepEqual(box && [box.x, box.y, box.width, box.height], [0, 0, 375, 667]);
    await shot('widget-mobile');
    await page.setViewportSize({ width: 1100, height: 800 });
  });

  test('the JS API opens and closes the panel', async () => {
    await page.evaluate(() => (window as unknown as { Careline: (c: string) => void }).Careline('close'));
    await w.dialog.waitFor({ state: 'hidden' });
    await page.evaluate(() => (window as unknown as { Careline: (c: string) => void }).Careline('open'));
    await w.dialog.waitFor({ state: 'visible' });
  });

  test('the demo page on Careline itself loads the widget under its CSP and connects', async () => {
    const demo = await browser.newPage();
    const errors: string[] = [];
    demo.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    await demo.goto(`${server.url}/widget/demo`);
    const d = widgetOf(demo);
    await d.launcher.click();
    await d.submit.waitFor();
    await demo.locator('careline-widget .prechat .notice').waitFor({ timeout: 10_000 });
    assert.equal(await d.status.innerText(), '', 'the socket said welcome, so no connection notice');
    assert.deepEqual(errors.filter((e) => /Content Security Policy/i.test(e)), []);
    await shot('widget-demo', demo);
    await demo.close();
  });
});
