import type { WidgetConfig } from './config.ts';
import { Connection, type ConnState } from './connection.ts';
import { strings, type Strings } from './i18n.ts';
import { MessageLog } from './message-log.ts';
import type { Availability, Conversation, Identity, ServerFrame, WriteFrame } from './protocol.ts';
import { statusLine } from './status-line.ts';
import { Storage } from './storage.ts';
import { suggester } from './suggest.ts';
import { TypingSignal } from './typing.ts';
import { fileProblem, uploadFile } from './upload.ts';
import { View } from './view.ts';

const AGENT_TYPING_TIMEOUT = 8000;
/** Availability comes with welcome; a panel opened later than this asks again before a chat starts. */
const AVAILABILITY_FRESH_MS = 60_000;

let seqNo = 0;
/** A client_id: unique per visitor across reloads (random), ordered within a page. */
function clientId(): string {
  const rnd = typeof crypto.randomUUID === 'function' ? crypto.randomUUID() : `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
  return `w-${rnd}-${++seqNo}`;
}

/**
 * The widget's state and the protocol around it: hello/resume, writes kept until acked (also
 * across reloads), queue, typing, read receipts, the offline email path. The View draws it.
 */
export class Widget {
  private readonly t: Strings;
  private readonly storage: Storage;
  private readonly view: View;
  private readonly conn: Connection;
  private readonly query: (text: string) => void;
  private identity: Identity | null;
  private token: string | null;
  private pending: WriteFrame[];
  private readonly log: MessageLog;
  private readonly typingSignal: TypingSignal;
  private ready = false;
  private welcomedAt = 0;
  /** A deliberate reconnect (new identity, fresh availability): no "connection lost" notice for it. */
  private refreshing = false;
  /** A start was refused: ask for an email address from now on, whatever availability says. */
  private askEmail = false;
  private everReady = false;
  private connState: ConnState = 'connecting';
  private refusedOnce = false;
  private availability: Availability | null = null;
  private customer: { name?: string | null; email?: string | null } | null = null;
  private conversation: Conversation | null = null;
  private offlineRef: string | null = null;
  private agentTyping: string | null = null;
  private agentTypingTimer: ReturnType<typeof setTimeout> | undefined;
  private readSent = 0;
  private unread = 0;
  private isOpen = false;

  constructor(private readonly cfg: WidgetConfig) {
    this.t = strings(cfg.locale);
    this.storage = new Storage(`careline:${cfg.base}`);
    const saved = this.storage.load();
    this.token = saved.token;
    this.pending = saved.pending;
    this.identity = cfg.identity;
    this.view = new View(this.t, cfg, {
      toggle: (open) => this.setOpen(open, true),
      query: (text) => this.query(text),
      start: (form) => this.start(form),
      send: (text) => this.write({ type: 'message', client_id: clientId(), text }),
      typing: () => this.typingSignal.keystroke(),
      attach: (file) => void this.attach(file),
      transcript: (email) => this.write({ type: 'transcript', client_id: clientId(), email, ...(this.conversation ? { conversation_id: this.conversation.id } : {}) }),
      end: () => this.write({ type: 'close', client_id: clientId() }),
      newChat: () => this.newChat(),
    });
    this.log = new MessageLog(this.view, cfg.title ?? this.t.title, () => this.showChatIfNeeded());
    this.typingSignal = new TypingSignal((active) => this.ready && this.conversation !== null && this.conn.send({ type: 'typing', active }));
    this.query = suggester(cfg.base, cfg.locale, (found) => this.view.showSuggestions(found));
    const wsUrl = `${cfg.base.replace(/^http/, 'ws')}/chat/ws`;
    this.conn = new Connection(wsUrl, () => this.hello(), (f) => this.frame(f), (s, code) => this.onConn(s, code));
    for (const f of this.pending) if (f.type === 'start' || f.type === 'message') this.log.addLocal(f.client_id, f.text);
    document.body.append(this.view.host);
    document.addEventListener('visibilitychange', () => this.markRead());
    this.render();
    if (saved.open || cfg.open) this.setOpen(true, false);
    this.conn.start();
  }

  /** Window API: a signed identity from the host app; the next hello carries it. */
  identify(identity: Identity | null): void {
    this.identity = identity;
    this.refusedOnce = false;
    this.refresh();
  }

  /** Window API: forget this visitor (the host app's logout). */
  reset(): void {
    this.storage.clear();
    this.token = null;
    this.pending = [];
    this.identity = null;
    this.newChat();
    this.refresh();
  }

  toggle(): void {
    this.setOpen(!this.isOpen, true);
  }

  setOpen(open: boolean, moveFocus: boolean): void {
    this.isOpen = open;
    this.storage.save({ open });
    this.view.setOpen(open, moveFocus);
    if (open) {
      this.unread = 0;
      this.view.setUnread(0);
      this.markRead();
      if (this.ready && !this.conversation && !this.offlineRef && Date.now() - this.welcomedAt > AVAILABILITY_FRESH_MS) this.refresh();
    }
  }

  private hello(): object {
    return { type: 'hello', role: 'customer', locale: this.cfg.locale, last_seq: this.log.lastSeq(), ...(this.token ? { visitor_token: this.token } : {}), ...(this.identity ? { identity: this.identity } : {}) };
  }

  private refresh(): void {
    this.refreshing = true;
    this.conn.restart();
  }

  private onConn(state: ConnState, code?: number): void {
    this.connState = state;
    if (state === 'closed' && code !== 1000) this.refreshing = false;
    if (state !== 'open') this.ready = false;
    if (state === 'refused' && code === 4401 && !this.refusedOnce) {
      // the stored visitor token is no longer valid: start over as a new visitor
      this.refusedOnce = true;
      this.token = null;
      this.storage.save({ token: null });
      this.conn.start();
    }
    this.render();
  }

  private frame(f: ServerFrame): void {
    switch (f.type) {
      case 'welcome': {
        this.ready = this.everReady = true;
        this.refreshing = false;
        this.welcomedAt = Date.now();
        this.token = f.visitor_token;
        this.storage.save({ token: f.visitor_token });
        this.customer = f.customer;
        this.availability = f.availability;
        if (this.conversation && f.conversation?.id !== this.conversation.id) this.clearMessages();
        if (f.conversation) this.conversation = f.conversation;
        else if (this.conversation?.status !== 'closed') this.conversation = null;
        for (const p of this.pending) this.conn.send(p);
        break;
      }
      case 'ack':
        this.acked(f);
        break;
      case 'message':
        if (!this.conversation || f.conversation_id === this.conversation.id) this.received(this.log.receive(f));
        break;
      case 'queue':
        if (this.conversation?.id === f.conversation_id) this.conversation.queue = { position: f.position, estimated_wait_seconds: f.estimated_wait_seconds };
        break;
      case 'status':
        if (this.conversation?.id === f.conversation_id) {
          this.conversation.status = f.status;
          if (f.agent) this.conversation.agent = f.agent;
        }
        break;
      case 'typing':
        if (f.author.type !== 'customer') this.setAgentTyping(f.active ? (f.author.name ?? this.t.agent) : null);
        break;
      case 'read':
        if (f.by !== 'customer') this.log.read(f.seq);
        break;
      case 'error':
        this.failed(f.ref ?? null, f.message);
        break;
    }
    this.render();
  }

  private acked(f: Extract<ServerFrame, { type: 'ack' }>): void {
    const frame = this.pending.find((p) => p.client_id === f.client_id);
    if (!frame) return;
    this.pending = this.pending.filter((p) => p !== frame);
    this.storage.save({ pending: this.pending });
    if (frame.type === 'start' && f.offline && f.conversation) {
      this.offlineRef = f.conversation.reference;
      this.clearMessages();
      return;
    }
    if (frame.type === 'start' && f.conversation) this.conversation = { queue: null, agent: null, ...this.conversation, ...f.conversation };
    if (frame.type === 'close' && this.conversation) this.conversation.status = 'closed';
    if (typeof f.seq === 'number') this.log.confirm(f.client_id, f.seq, f.at ?? null);
  }

  /** A new message on screen: the agent's clears its typing notice, counts as unread, and may be read now. */
  private received(msg: { mine: boolean } | null): void {
    if (msg && !msg.mine) {
      this.setAgentTyping(null);
      if (!this.isOpen || document.visibilityState !== 'visible') this.view.setUnread(++this.unread);
      this.markRead();
    }
  }

  private failed(ref: string | null, message: string): void {
    const frame = ref ? this.pending.find((p) => p.client_id === ref) : undefined;
    if (!frame) return;
    this.pending = this.pending.filter((p) => p !== frame);
    this.storage.save({ pending: this.pending });
    if (frame.type === 'start') {
      this.log.forget(frame.client_id);
      this.render();
      this.view.formError(message);
      const text = this.view.host.shadowRoot?.querySelector('textarea');
      if (text && !text.value) text.value = frame.text;
      // most often nobody could take the chat after all: a fresh welcome tells, and the form asks for an email
      this.askEmail = true;
      this.refresh();
    } else this.log.fail(frame.client_id, message);
  }

  private start(form: { text: string; name: string; email: string }): void {
    const c = this.cfg;
    // a signed-in customer was not asked: send what the verified identity says
    const name = form.name || this.customer?.name;
    const email = form.email || this.customer?.email;
    this.write({
      type: 'start', client_id: clientId(), text: form.text,
      ...(name ? { name } : {}), ...(email ? { email } : {}),
      ...(c.team ? { team: c.team } : {}), ...(c.category ? { category: c.category } : {}),
    });
  }

  /** Every write: kept (and stored) until its ack, sent now if the socket is up, else after the next hello. */
  private write(frame: WriteFrame): void {
    this.pending = [...this.pending, frame];
    this.storage.save({ pending: this.pending });
    if (frame.type === 'start' || frame.type === 'message') this.log.addLocal(frame.client_id, frame.text);
    if (frame.type === 'message') this.typingSignal.stop();
    if (this.ready) this.conn.send(frame);
    this.render();
  }

  private async attach(file: File): Promise<void> {
    const problem = fileProblem(file, this.cfg, this.t);
    const id = clientId();
    // an upload row of its own until the server holds the file; then an ordinary pending message
    const row = { key: `u${id}`, seq: null, clientId: null, mine: true, author: null, text: '', attachments: [{ id: 0, filename: file.name }], at: null, state: 'sending' as const };
    if (problem || !this.token) {
      this.view.upsert({ ...row, state: 'failed', error: problem ?? this.t.unavailable }, this.log.agentRead);
      return;
    }
    this.view.upsert(row, this.log.agentRead);
    try {
      const attachment = await uploadFile(this.cfg.base, this.token, file);
      const frame: WriteFrame = { type: 'message', client_id: id, text: file.name, attachments: [attachment] };
      this.pending = [...this.pending, frame];
      this.storage.save({ pending: this.pending });
      this.log.addLocal(id, file.name, [{ id: attachment, filename: file.name }], row.key);
      if (this.ready) this.conn.send(frame);
    } catch (error) {
      this.view.upsert({ ...row, state: 'failed', error: (error as Error).message }, this.log.agentRead);
    }
  }

  private setAgentTyping(name: string | null): void {
    clearTimeout(this.agentTypingTimer);
    this.agentTyping = name;
    if (name) {
      this.agentTypingTimer = setTimeout(() => {
        this.setAgentTyping(null);
        this.render();
      }, AGENT_TYPING_TIMEOUT);
    }
  }

  /** Tells the agent what the customer has seen: only while the panel is open and the tab visible. */
  private markRead(): void {
    if (!this.isOpen || document.visibilityState !== 'visible' || !this.ready) return;
    const seq = this.log.lastAgentSeq();
    if (seq > this.readSent && this.conn.send({ type: 'read', seq })) this.readSent = seq;
  }

  private newChat(): void {
    this.conversation = null;
    this.offlineRef = null;
    this.clearMessages();
    this.render();
  }

  private clearMessages(): void {
    this.log.clear();
    this.readSent = 0;
    this.view.reset();
  }

  /** Whether a chat can be answered now: the data-team's own state when the widget names one. */
  private effectiveAvailability(): Availability | null {
    const a = this.availability;
    const team = a?.teams?.find((t) => t.slug === this.cfg.team);
    if (!a || !team || team.online === a.online) return a;
    return team.online ? { ...a, online: true, reason: null } : { ...a, online: false, reason: a.reason ?? 'no_agents' };
  }

  private known(): { name: boolean; email: boolean; askEmail: boolean } {
    return { name: Boolean(this.customer?.name), email: Boolean(this.customer?.email), askEmail: this.askEmail };
  }

  /** Switches to the conversation view, filling a fresh log with what is known so far. */
  private showChatIfNeeded(): void {
    if (!this.offlineRef && this.view.showChat()) this.log.fill();
  }

  private render(): void {
    const t = this.t;
    const conv = this.conversation;
    if (this.offlineRef) this.view.showDone(this.offlineRef);
    else if (conv || this.log.size > 0 || this.pending.some((p) => p.type === 'start')) {
      this.showChatIfNeeded();
      this.view.setEnded(conv?.status === 'closed');
    } else this.view.showPrechat(this.effectiveAvailability(), this.known());
    this.view.setStatus(statusLine(t, {
      refused: this.connState === 'refused', ready: this.ready, quiet: this.refreshing, everReady: this.everReady,
      agentTyping: this.agentTyping, conversation: this.offlineRef ? null : conv,
    }));
  }

}
