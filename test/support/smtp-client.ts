import net from 'node:net';

/** One SMTP reply: the code and its text lines joined. */
export type SmtpReply = { code: number; text: string };

/**
 * A minimal SMTP client over a raw socket, for tests that must see every reply code (greeting,
 * RCPT 550, DATA 250/4xx/5xx) and keep one connection for many mails.
 */
export class SmtpClient {
  private buffer = '';
  private readonly lines: string[] = [];
  private waiter: (() => void) | null = null;
  private closed = false;

  private constructor(private readonly socket: net.Socket) {
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => {
      this.buffer += chunk;
      let at: number;
      while ((at = this.buffer.indexOf('\r\n')) >= 0) {
        this.lines.push(this.buffer.slice(0, at));
        this.buffer = this.buffer.slice(at + 2);
      }
      this.wake();
    });
    const end = (): void => {
      this.closed = true;
      this.wake();
    };
    socket.on('close', end);
    socket.on('error', end);
  }

  /** Connects and reads the greeting (220, or 421 when the server refuses the connection). */
  static async connect(port: number, host = '127.0.0.1'): Promise<{ client: SmtpClient; greeting: SmtpReply }> {
    const socket = net.connect({ port, host });
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', resolve);
      socket.once('error', reject);
    });
    const client = new SmtpClient(socket);
    return { client, greeting: await client.reply() };
  }

  private wake(): void {
    const w = this.waiter;
    this.waiter = null;
    w?.();
  }

  /** The next complete (possibly multi-line) reply; rejects if the connection closes first. */
  async reply(): Promise<SmtpReply> {
    const text: string[] = [];
    for (;;) {
      while (this.lines.length === 0) {
        if (this.closed) throw new Error(`connection closed while waiting for a reply${text.length ? ` (had: ${text.join(' | ')})` : ''}`);
        await new Promise<void>((resolve) => (this.waiter = resolve));
      }
      const line = this.lines.shift()!;
      text.push(line.slice(4));
      if (line[3] !== '-') return { code: Number(line.slice(0, 3)), text: text.join('\n') };
    }
  }

  /** Sends one command line and reads its reply. */
  async command(line: string): Promise<SmtpReply> {
    this.socket.write(`${line}\r\n`);
    return this.reply();
  }

  /** MAIL, RCPT for each recipient, DATA: stops at the first refusal and says at which step. */
  async send(from: string, to: string[], raw: Buffer | string): Promise<SmtpReply & { step: 'mail' | 'rcpt' | 'data' }> {
    const mail = await this.command(`MAIL FROM:<${from}>`);
    if (mail.code !== 250) return { ...mail, step: 'mail' };
    for (const rcpt of to) {
      const r = await this.command(`RCPT TO:<${rcpt}>`);
      if (r.code !== 250) {
        await this.command('RSET');
        return { ...r, step: 'rcpt' };
      }
    }
    const data = await this.command('DATA');
    if (data.code !== 354) return { ...data, step: 'data' };
    const body = (typeof raw === 'string' ? raw : raw.toString('latin1')).replace(/\r?\n/g, '\r\n').replace(/^\./gm, '..');
    this.socket.write(Buffer.from(`${body}${body.endsWith('\r\n') ? '' : '\r\n'}.\r\n`, 'latin1'));
    return { ...(await this.reply()), step: 'data' };
  }

  /** QUIT, then close the socket. */
  async quit(): Promise<void> {
    if (!this.closed) await this.command('QUIT').catch(() => undefined);
    this.socket.destroy();
  }

  destroy(): void {
    this.socket.destroy();
  }
}
