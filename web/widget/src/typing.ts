const EVERY_MS = 3000;
const IDLE_MS = 4000;

/** The customer's "typing" signal: at most one `active: true` per 3 s while keys come, `false` after 4 s idle or on send. */
export class TypingSignal {
  private sentAt = 0;
  private idle: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly send: (active: boolean) => boolean) {}

  keystroke(): void {
    const now = Date.now();
    if (now - this.sentAt > EVERY_MS && this.send(true)) this.sentAt = now;
    clearTimeout(this.idle);
    this.idle = setTimeout(() => this.stop(), IDLE_MS);
  }

  stop(): void {
    clearTimeout(this.idle);
    if (!this.sentAt) return;
    this.sentAt = 0;
    this.send(false);
  }
}
