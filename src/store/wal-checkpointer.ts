import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/** How long after a commit the next checkpoint starts: commits in between share it. */
const DELAY_MS = 100;

/**
 * WAL frames (of 4 KiB pages) after which the writer pauses for one checkpoint so that the WAL
 * starts again from its beginning: about 16 MiB, a few seconds of the heaviest load.
 */
export const RESTART_FRAMES = 4_096;

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
    parentPort.postMessage({ ok: true, log: result.log });
  } catch (error) {
    parentPort.postMessage({ ok: false, message: String(error && error.message) });
  }
});
`;

export type WalCheckpointer = {
  /** Tells it a transaction committed: a checkpoint follows within DELAY_MS, unless one is running. */
  committed(): void;
  /**
   * When the WAL has grown past RESTART_FRAMES: a checkpoint to wait for with no commit in
   * between, after which the next write starts the WAL again from its beginning; else null.
   */
  restartDue(): Promise<void> | null;
  close(): Promise<void>;
};

/**
 * WAL checkpoints off the event loop. SQLite's automatic checkpoint runs inside the COMMIT
 * that crosses 1,000 WAL pages: it copies pages into the database file and fsyncs it on the
 * thread that committed, which stopped the event loop for up to tens of milliseconds under
 * load. The store keeps that only as a backstop (wal_autocheckpoint=10000) and this worker
 * thread checkpoints, with its own connection, shortly after commits. PASSIVE mode copies what no reader still
 * needs without taking the write lock. SQLite starts the WAL again from its beginning only
 * when a write follows a checkpoint that copied all of it; under steady load a commit always
 * lands while the worker copies, so the WAL would grow until SQLite's own checkpoint took over
 * on the event loop. Once the WAL passes RESTART_FRAMES the writer (the group commit) waits
 * for one checkpoint with no commit in between, started as soon as the one under way (if any)
 * ends: it copies only what came since, so the pause is short, and the next write restarts
 * the WAL. The worker starts on the first commit.
 */
export function walCheckpointer(file: string, onError: (message: string) => void = () => {}, restartFrames = RESTART_FRAMES): WalCheckpointer {
  let worker: Worker | null = null;
  let timer: NodeJS.Timeout | null = null;
  let running = false;
  let again = false;
  let closed = false;
  /** Frames in the WAL as the last checkpoint found them. */
  let walFrames = 0;
  /** The WAL is due a restart, but a checkpoint is under way: the held one follows it at once. */
  let restartWanted = false;
  /** The checkpoint running with commits held, and how to let the writer go on after it. */
  let barrier: { done: Promise<void>; release: () => void } | null = null;

  const start = (): Worker => {
    const w = new Worker(WORKER_SOURCE, { eval: true, workerData: { file, driver: createRequire(import.meta.url).resolve('better-sqlite3') } });
    w.unref();
    w.on('message', (m: { ok: boolean; message?: string; log?: number }) => {
      running = false;
      // `log` counts the frames as the checkpoint began; after the held one, the next write restarts the WAL.
      if (m.ok) walFrames = barrier ? 0 : (m.log ?? 0);
      else onError(m.message ?? 'checkpoint failed');
      finished();
    });
    w.on('error', (error) => {
      onError(error.message);
      worker = null;
      running = false;
      walFrames = 0;
      restartWanted = false;
      finished();
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

  /** Starts the checkpoint that runs with commits held (restartDue hands its promise to the writer). */
  function hold(): Promise<void> {
    let release = (): void => {};
    const done = new Promise<void>((resolve) => (release = resolve));
    barrier = { done, release };
    if (timer) clearTimeout(timer);
    run();
    return done;
  }

  /** A checkpoint ended: a held writer goes on; a wanted restart holds the writer for one more; or the next is scheduled. */
  function finished(): void {
    const held = barrier;
    barrier = null;
    held?.release();
    if (restartWanted && !closed) {
      restartWanted = false;
      void hold();
    } else if (again) schedule();
  }

  function schedule(): void {
    again = true;
    if (running || timer || closed) return;
    timer = setTimeout(run, DELAY_MS);
    timer.unref();
  }

  return {
    committed: schedule,
    restartDue: () => {
      if (closed) return null;
      if (barrier) return barrier.done;
      if (walFrames < restartFrames) return null;
      walFrames = 0;
      // A checkpoint under way may miss the commits landing now: the held one starts as it ends, and the writer waits only for that one.
      if (running) {
        restartWanted = true;
        return null;
      }
      return hold();
    },
    close: async () => {
      closed = true;
      if (timer) clearTimeout(timer);
      restartWanted = false;
      finished();
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
