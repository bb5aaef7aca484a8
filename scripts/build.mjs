#!/usr/bin/env node
// Builds the browser apps: every web/<app>/vite.config.ts (the agent console, the chat widget)
// into dist/<app>/. `npm start` and `npm test` run it first, so a fresh clone serves what its
// sources say. The server reads only dist/; it never builds at request time.
import { existsSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const apps = readdirSync(join(ROOT, 'web'), { withFileTypes: true })
  .filter((e) => e.isDirectory() && existsSync(join(ROOT, 'web', e.name, 'vite.config.ts')))
  .map((e) => e.name)
  .sort();

for (const app of apps) {
  const started = Date.now();
  await build({ configFile: join(ROOT, 'web', app, 'vite.config.ts'), logLevel: 'warn' });
  console.log(`build: web/${app} -> dist/${app} in ${Date.now() - started} ms`);
}
