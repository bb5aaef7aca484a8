import type { LocalMessage } from './messages.ts';
import type { Attachment, ChatMessage } from './protocol.ts';
import type { View } from './view.ts';

/**
 * The messages of the conversation on screen, keyed by `s<seq>` once the server numbered them
 * and `c<client_id>` while they are on their way; a seq is shown once however often it arrives
 * (replay after resume, echo after ack). Keeps the view's log in step.
 */
export class MessageLog {
  private readonly byKey = new Map<string, LocalMessage>();
  /** The highest seq of the customer's messages the agent has read. */
  agentRead = 0;

  constructor(private readonly view: View, private readonly systemName: string, private readonly beforeShow: () => void) {}

  get size(): number {
    return this.byKey.size;
  }

  /** The highest seq on screen: what hello's last_seq asks the server to replay after. */
  lastSeq(): number {
    let seq = 0;
    for (const m of this.byKey.values()) if (m.seq !== null && m.seq > seq) seq = m.seq;
    return seq;
  }

  /** The highest seq of the agent's messages: what the customer has seen when the panel is open. */
  lastAgentSeq(): number {
    let seq = 0;
    for (const m of this.byKey.values()) if (!m.mine && m.seq !== null && m.seq > seq) seq = m.seq;
    return seq;
  }

  /** A message the customer just wrote, shown at once as "Sending…". */
  addLocal(clientId: string, text: string, attachments: Attachment[] = [], replacesKey?: string): void {
    const m: LocalMessage = { key: `c${clientId}`, seq: null, clientId, mine: true, author: null, text, attachments, at: null, state: 'sending' };
    this.beforeShow();
    if (replacesKey) this.view.rekey(replacesKey, m.key);
    this.byKey.set(m.key, m);
    this.view.upsert(m, this.agentRead);
  }

  /** The server committed the customer's message as seq. */
  confirm(clientId: string, seq: number, at: string | null): void {
    const local = this.byKey.get(`c${clientId}`);
    if (!local) return;
    this.byKey.delete(local.key);
    const key = `s${seq}`;
    if (this.byKey.has(key)) {
      this.view.remove(local.key);
      return;
    }
    this.view.rekey(local.key, key);
    Object.assign(local, { key, seq, state: 'sent', at });
    this.byKey.set(key, local);
    this.view.upsert(local, this.agentRead);
  }

  /** A numbered message from the server; null when it is already on screen. */
  receive(m: ChatMessage): LocalMessage | null {
    const key = `s${m.seq}`;
    if (this.byKey.has(key)) return null;
    const mine = m.author.type === 'customer';
    const local = m.client_id ? this.byKey.get(`c${m.client_id}`) : undefined;
    if (local) {
      this.byKey.delete(local.key);
      this.view.rekey(local.key, key);
    }
    const author = mine ? null : m.author.type === 'system' ? this.systemName : (m.author.name ?? null);
    const msg: LocalMessage = { key, seq: m.seq, clientId: m.client_id, mine, author, text: m.text, attachments: m.attachments ?? [], at: m.at, state: 'sent' };
    this.beforeShow();
    this.byKey.set(key, msg);
    this.view.upsert(msg, this.agentRead);
    return msg;
  }

  /** The server refused the message: it stays on screen, marked, with the reason. */
  fail(clientId: string, error: string): void {
    const local = this.byKey.get(`c${clientId}`);
    if (!local) return;
    Object.assign(local, { state: 'failed', error });
    this.view.upsert(local, this.agentRead);
  }

  forget(clientId: string): void {
    this.byKey.delete(`c${clientId}`);
  }

  read(seq: number): void {
    if (seq <= this.agentRead) return;
    this.agentRead = seq;
    this.view.markRead(seq);
  }

  clear(): void {
    this.byKey.clear();
    this.agentRead = 0;
  }

  /** Draws every message into a freshly built log, in seq order with unsent ones last. */
  fill(): void {
    const ordered = [...this.byKey.values()].sort((a, b) => (a.seq ?? Infinity) - (b.seq ?? Infinity));
    for (const m of ordered) this.view.upsert(m, this.agentRead);
  }
}
