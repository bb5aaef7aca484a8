import { accessSync, constants } from 'node:fs';
import { createRequire } from 'node:module';
import { servicesRequired } from './services.ts';

/** The browser the e2e suites drive: Debian's chromium unless CARELINE_CHROMIUM names another. */
export const CHROMIUM_PATH = process.env.CARELINE_CHROMIUM ?? '/usr/bin/chromium';

/** Flags for a quiet headless run in a container: no sandbox, GPU, QUIC or background traffic. */
export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

function missing(): string | null {
  try {
    accessSync(CHROMIUM_PATH, constants.X_OK);
  } catch {
    return `chromium is not executable at ${CHROMIUM_PATH}`;
  }
  try {
    createRequire(import.meta.url).resolve('playwright-core');
  } catch {
    return 'playwright-core is not installed';
  }
  return null;
}

/**
 * Whether a suite driving Chromium should be skipped, in the style of services.ts's
 * skipUnless(): false when the browser and playwright-core are there; otherwise a reason to
 * skip, or a thrown error when CARELINE_REQUIRE_SERVICES=1 demands every suite.
 */
export function skipUnlessChromium(): false | string {
  const reason = missing();
  if (reason === null) return false;
  if (servicesRequired) throw new Error(`${reason}, and CARELINE_REQUIRE_SERVICES=1 requires it`);
  return reason;
}
