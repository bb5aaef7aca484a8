import type { Deps } from '../../../deps.ts';
import { pollMailbox } from './imap-poller.ts';
import { listImapSettings, sealPlainPasswords } from './imap-settings.ts';
import { imapPasswordBox } from './password-box.ts';

/**
 * Polls every IMAP mailbox every `seconds` (IMAP_POLL_SECONDS), one after another; a failing
 * mailbox is logged and tried again next round; the first round seals any password still stored
 * in the clear. stop() waits for the round in progress.
 */
export class ImapPollerLoop {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private stopped = false;
  private sealed = false;

  constructor(
    private readonly deps: Deps,
    private readonly seconds: number,
  ) {}

  start(): void {
    this.stopped = false;
    this.schedule(0);
  }

  /** One round over every IMAP mailbox now. */
  async pollAll(): Promise<void> {
    if (!this.sealed) {
      // Passwords stored in the clear by an older version are sealed once, on the first round.
      const count = await sealPlainPasswords(this.deps.store.db, imapPasswordBox(this.deps.config));
      if (count > 0) this.deps.log.info({ count }, 'sealed IMAP passwords stored in the clear');
      this.sealed = true;
    }
    for (const settings of await listImapSettings(this.deps.store.db)) {
      if (this.stopped) return;
      try {
        const result = await pollMailbox(this.deps, settings.mailboxId);
        if (result.kind === 'polled' && result.fetched > 0) this.deps.log.info({ mailboxId: settings.mailboxId, ...result }, 'IMAP poll');
      } catch (error) {
        this.deps.log.warn({ err: error, mailboxId: settings.mailboxId, host: settings.host }, 'IMAP poll failed');
      }
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.running;
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.running = this.pollAll()
        .catch((error: unknown) => this.deps.log.error({ err: error }, 'IMAP poll round failed'))
        .finally(() => {
          this.running = null;
          this.schedule(this.seconds * 1000);
        });
    }, delayMs);
    this.timer.unref();
  }
}
