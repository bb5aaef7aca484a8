// npm run bench:chat-write: the chat write path alone, in one process, measured in CPU time so
// that a busy shared machine does not skew it. Opens a file SQLite store (WAL, group commit) as
// `careline serve` does, starts BENCH_CHATS chats, then posts BENCH_MESSAGES customer messages
// through postCustomerMessage with BENCH_CONCURRENCY in flight (many sockets at once), and
// prints CPU ms per message (process.cpuUsage), messages/s and the group commit's batch sizes.
// Env: BENCH_CHATS (200), BENCH_MESSAGES (20,000), BENCH_CONCURRENCY (200), DATABASE_URL (a temp SQLite file).
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../src/config.ts';
import { closeDeps, createDeps } from '../src/deps.ts';
import { createLogger } from '../src/kernel/logger.ts';
import { createVisitor, postCustomerMessage, startChat, type Visitor } from '../src/modules/chat/index.ts';
import { openStore } from '../src/store/database.ts';

const num = (name: string, fallback: number): number => {
  const n = Number(process.env[name] ?? fallback);
  if (!Number.isInteger(n) || n < 1) throw new Error(`${name} must be a whole number above 0`);
  return n;
};
const chats = num('BENCH_CHATS', 200);
const total = num('BENCH_MESSAGES', 20_000);
const concurrency = num('BENCH_CONCURRENCY', 200);

const dir = mkdtempSync(join(tmpdir(), 'careline-bench-chat-write-'));
const databaseUrl = process.env.DATABASE_URL ?? `sqlite:${join(dir, 'careline.db')}`;
const batches: number[] = [];
const store = openStore(databaseUrl, { onBatch: (n) => batches.push(n) });
const config = loadConfig({ CARELINE_DATA_DIR: join(dir, 'data'), CARELINE_DEMO: '0', LOG_LEVEL: 'silent', DATABASE_URL: databaseUrl });
const deps = await createDeps(config, { store, log: createLogger('silent') });
try {
  const open: Array<{ visitor: Visitor; conversationId: number }> = [];
  for (let i = 0; i < chats; i++) {
    const { visitor } = await deps.uow((w) => createVisitor(w));
    const started = await deps.uow((w) => startChat(w, visitor, { clientId: `s-${i}`, text: `Sync stopped (bench ${i})`, name: `Bench ${i}` }));
    open.push({ visitor: { ...visitor, customerId: started.conversation.customer.id }, conversationId: started.conversation.id });
  }
  batches.length = 0;
  let next = 0;
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (next < total) {
      const i = next++;
      const chat = open[i % open.length]!;
      await deps.uow((w) => postCustomerMessage(w, chat.visitor, { conversationId: chat.conversationId, clientId: `b-${i}`, text: `Still no sync, attempt ${i}; the app shows E-4012 again.` }));
    }
  }));
  const wall = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  const cpuMs = (cpu.user + cpu.system) / 1000;
  const meanBatch = batches.reduce((a, b) => a + b, 0) / Math.max(1, batches.length);
  console.log(`chat write path on ${store.dialect}: ${total} customer messages over ${chats} chats, ${concurrency} in flight; node ${process.version}, ${cpus().length} CPUs, load ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  console.log(`  CPU ${(cpuMs / total).toFixed(3)} ms per message (user ${(cpu.user / 1000 / total).toFixed(3)}, system ${(cpu.system / 1000 / total).toFixed(3)}); ${Math.round(total / wall)} messages/s wall (shared machine: CPU is the yardstick)`);
  console.log(`  group commit: ${batches.length} commits, ${meanBatch.toFixed(1)} transactions each on average`);
} finally {
  await closeDeps(deps);
  rmSync(dir, { recursive: true, force: true });
}
