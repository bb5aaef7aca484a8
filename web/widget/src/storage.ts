import type { WriteFrame } from './protocol.ts';

/** What survives a reload: the visitor token, writes not yet acked, whether the panel was open. */
export type Saved = { token: string | null; pending: WriteFrame[]; open: boolean };

/** localStorage under one key per Careline server, falling back to memory where storage is blocked. */
export class Storage {
  private memory: Saved = { token: null, pending: [], open: false };

  constructor(private readonly key: string) {}

  load(): Saved {
    try {
      const raw = localStorage.getItem(this.key);
      if (raw) {
        const parsed = JSON.parse(raw) as Partial<Saved>;
        this.memory = { token: typeof parsed.token === 'string' ? parsed.token : null, pending: Array.isArray(parsed.pending) ? parsed.pending : [], open: parsed.open === true };
      }
    } catch {
      // storage blocked or corrupt: keep what is in memory
    }
    return this.memory;
  }

  save(patch: Partial<Saved>): void {
    this.memory = { ...this.memory, ...patch };
    try {
      localStorage.setItem(this.key, JSON.stringify(this.memory));
    } catch {
      // storage blocked: memory only, the chat still works until the page goes away
    }
  }

  clear(): void {
    this.memory = { token: null, pending: [], open: false };
    try {
      localStorage.removeItem(this.key);
    } catch {
      // nothing stored
    }
  }
}
