#!/usr/bin/env node
// Runs every *.test.ts under src/ and test/ with node's test runner (tsx loader, spec reporter)
// and exits non-zero when the run failed. Node 20 has no glob support for --test, so the files
// are found here and passed explicitly.
//
//   npm test                       every test file
//   npm test -- tickets imap       only files whose path contains "tickets" or "imap"
//   npm test -- tickets --test-name-pattern=cursor
//                                  arguments starting with "-" go to node unchanged
//
// CARELINE_REQUIRE_SERVICES=1 (CI) also fails the run when any test or suite was skipped, or
// when no test ran. CARELINE_TEST_CONCURRENCY sets how many files run at once. It defaults to
// 1: on this 2-core machine 2 files at once roughly halved the wall time, but PostgreSQL suites
// running side by side failed now and then, so one file at a time until they are isolated.
import { spawn, spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { dirname, join, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { stripVTControlCharacters } from 'node:util';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const SEARCHED = ['src', 'test'];
const SKIPPED_DIRS = new Set(['node_modules', '.git']);
const requireAll = process.env.CARELINE_REQUIRE_SERVICES === '1';
const concurrency = process.env.CARELINE_TEST_CONCURRENCY ?? '1';

/** Every *.test.ts below dir, as sorted paths relative to the repo root with '/' separators. */
function findTestFiles(dir) {
  let entries;
  try {
    entries = readdirSync(join(ROOT, dir), { withFileTypes: true });
  } catch (error) {
    if (error.code === 'ENOENT') return [];
    throw error;
  }
  const found = [];
  for (const entry of entries) {
    const path = `${dir}/${entry.name}`;
    if (entry.isDirectory() && !SKIPPED_DIRS.has(entry.name)) found.push(...findTestFiles(path));
    else if (entry.isFile() && entry.name.endsWith('.test.ts')) found.push(path);
  }
  return found;
}

const args = process.argv.slice(2);
const nodeFlags = args.filter((a) => a.startsWith('-'));
const filters = args.filter((a) => !a.startsWith('-')).map((a) => a.split(sep).join('/').replace(/^\.\//, ''));
const files = SEARCHED.flatMap(findTestFiles)
  .sort()
  .filter((f) => filters.length === 0 || filters.some((s) => f.includes(s)));

if (files.length === 0) {
  const what = filters.length ? ` matching ${filters.map((f) => JSON.stringify(f)).join(' or ')}` : '';
  console.error(`run-tests: no *.test.ts files found under ${SEARCHED.join('/, ')}/${what}`);
  process.exit(1);
}

const nodeArgs = [
  '--import', 'tsx',
  '--test',
  '--test-reporter=spec',
  `--test-concurrency=${concurrency}`,
  '--test-force-exit',
  ...nodeFlags,
  ...files,
];
// The browser apps are served from dist/: build them first so tests see the current sources.
if (process.env.CARELINE_SKIP_BUILD !== '1') {
  const built = spawnSync(process.execPath, [join(ROOT, 'scripts', 'build.mjs')], { cwd: ROOT, stdio: 'inherit' });
  if (built.status !== 0) process.exit(built.status ?? 1);
}
console.log(`run-tests: ${files.length} file(s), concurrency ${concurrency}${requireAll ? ', skips not allowed' : ''}`);

// Keep colours on a terminal although the runner's stdout is a pipe that we read.
const env = { ...process.env };
if (process.stdout.isTTY && env.FORCE_COLOR === undefined && env.NO_COLOR === undefined) env.FORCE_COLOR = '1';

const child = spawn(process.execPath, nodeArgs, { cwd: ROOT, env, stdio: ['inherit', 'pipe', 'inherit'] });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));

// What the spec reporter says: its closing "ℹ <name> <n>" lines; every skipped test or suite
// ("﹣ name (…) # reason"), since a skipped describe() is NOT counted in "ℹ skipped"; and every
// file that declared no test, which node counts as one passing test named by its path.
const summary = new Map();
const skippedLines = [];
const testFilePaths = new Set(files.map((f) => join(ROOT, f)));
let filesWithoutTests = 0;
let pending = '';
function readLine(raw) {
  const line = stripVTControlCharacters(raw);
  const total = /^ℹ (tests|suites|pass|fail|cancelled|skipped|todo) (\d+)$/.exec(line);
  const passed = /^✔ (.+) \([\d.]+m?s\)$/.exec(line);
  if (total) summary.set(total[1], Number(total[2]));
  else if (/^\s*﹣ /.test(line)) skippedLines.push(line.trim());
  else if (passed && testFilePaths.has(passed[1])) filesWithoutTests += 1;
}
child.stdout.setEncoding('utf8');
child.stdout.on('data', (chunk) => {
  process.stdout.write(chunk);
  const lines = (pending + chunk).split('\n');
  pending = lines.pop();
  lines.forEach(readLine);
});

child.on('close', (code, signal) => {
  if (pending) readLine(pending);
  const problems = [];
  if (signal) problems.push(`the test runner was killed by ${signal}`);
  else if (code !== 0) problems.push(`the test runner exited with code ${code}`);
  if (requireAll) {
    const count = (name) => summary.get(name) ?? 0;
    const skipped = Math.max(count('skipped'), skippedLines.length);
    if (!summary.has('tests')) problems.push('no "ℹ tests N" summary line was found, so the run cannot be checked');
    else if (count('tests') - count('skipped') - count('todo') - filesWithoutTests <= 0) problems.push('no test ran');
    if (skipped > 0) {
      problems.push(`${skipped} test(s) or suite(s) were skipped, and CARELINE_REQUIRE_SERVICES=1 allows none:`);
      problems.push(...skippedLines.map((l) => `    ${l}`));
    }
  }
  if (!requireAll && skippedLines.length) {
    console.log(`\nrun-tests: ${skippedLines.length} test(s) or suite(s) skipped:\n${skippedLines.map((l) => `    ${l}`).join('\n')}`);
  }
  if (problems.length) {
    console.error(`\nrun-tests: FAILED\n${problems.map((p) => (p.startsWith(' ') ? p : `  - ${p}`)).join('\n')}`);
    process.exit(1);
  }
});
