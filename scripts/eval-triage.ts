/**
 * Scores triage against a labelled JSONL file and prints the figures.
 * Usage: node --import tsx scripts/eval-triage.ts test/fixtures/triage/labelled.jsonl
 * Exits 2 on a missing or malformed file (naming the line), 0 otherwise.
 */
import { readFileSync } from 'node:fs';
import { classify, evaluate, formatReport, LabelledFileError, parseLabelled } from '../src/modules/triage/classify/index.ts';

const file = process.argv[2];
if (!file) {
  console.error('usage: eval-triage FILE.jsonl');
  process.exit(2);
}

let content: string;
try {
  content = readFileSync(file, 'utf8');
} catch (e) {
  console.error(`cannot read ${file}: ${(e as Error).message}`);
  process.exit(2);
}

try {
  const examples = parseLabelled(content);
  if (examples.length === 0) {
    console.error(`${file}: no examples`);
    process.exit(2);
  }
  console.log(`${file}\n`);
  console.log(formatReport(evaluate(examples, classify)));
} catch (e) {
  if (e instanceof LabelledFileError) {
    console.error(`${file}:${e.line}: ${e.message}`);
    process.exit(2);
  }
  throw e;
}
