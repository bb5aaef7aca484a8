import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/** How long after a commit the next checkpoint starts: commits in between share it. */
const DELAY_MS = 100;

/**
 * The worker's body, plain CommonJS (no TypeScript loader to start): its own connection to
 * the database runs PASSIVE checkpoints on request, which never wait for or block the writer.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file);
db.pragma('synchronous = FULL');
parentPort.on('message', (request) => {
  if (request === 'close') {
    db.close();
    parentPort.close();
    return;
  }
  try {
    const [result] = db.pragma('wal_checkpoint(PASSIVE)');
    parentPort.postMessage({ ok: true, result });
  } catch (error) {
    parentPort.postMessage({ ok: false, message: String(error && error.message) });
  }
});
`;

export type WalCheckpointer = {
  /** Tells it a transaction committed: a checkpoint follows within DELAY_MS, unless one is running. */
  committed(): void;
  close(): Promise<void>;
};

/**
 * WAL checkpoints off the event loop. SQLite's automatic checkpoint runs inside the COMMIT
 * that crosses 1,000 WAL pages: it copies pages into the database file and fsyncs it on the
 * thread that committed, which stopped the event loop for up to tens of milliseconds under
 * load. The store turns that off (wal_autocheckpoint=0) and this worker thread checkpoints,
 * with its own connection, shortly after commits. PASSIVE mode copies what no reader still
 * needs without taking the write lock, and SQLite restarts the WAL from its start once a
 * checkpoint has copied it all, so the file stays small. The worker starts on the first commit.
 */
export function walCheckpointer(file: string, onError: (message: string) => void = () => {}): WalCheckpointer {
  let worker: Worker | null = null;
  let timer: NodeJS.Timeout | null = null;
  let running = false;
  let again = false;
  let closed = false;

  const start = (): Worker => {
    const w = new Worker(WORKER_SOURCE, { eval: true, workerData: { file, driver: createRequire(import.meta.url).resolve('better-sqlite3') } });
    w.unref();
    w.on('message', (m: { ok: boolean; message?: string }) => {
      running = false;
      if (!m.ok) onError(m.message ?? 'checkpoint failed');
      if (again) schedule();
    });
    w.on('error', (error) => {
      onError(error.message);
      worker = null;
      running = false;
    });
    return w;
  };

  const run = (): void => {
    timer = null;
    if (closed) return;
    worker ??= start();
    running = true;
    again = false;
    worker.postMessage('checkpoint');
  };

  function schedule(): void {
    again = true;
    if (running || timer || closed) return;
    timer = setTimeout(run, DELAY_MS);
    timer.unref();
  }

  return {
    committed: schedule,
    close: async () => {
      closed = true;
      if (timer) clearTimeout(timer);
      const w = worker;
      worker = null;
      if (!w) return;
      const exited = new Promise<void>((resolve) => w.once('exit', () => resolve()));
      w.ref(); // an unreferenced worker would let the process end before it has closed its connection
      w.postMessage('close');
      await exited;
    },
  };
}
