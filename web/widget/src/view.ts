import type { WidgetConfig } from './config.ts';
import { h, icon, markedText, replace } from './dom.ts';
import type { Strings } from './i18n.ts';
import { CHAT, CLIP, CLOSE, SEND } from './icons.ts';
import { messageRow, type LocalMessage } from './messages.ts';
import type { Availability } from './protocol.ts';
import CSS from './styles.css?inline';

/** What the customer does, as the view reports it to the widget. */
export type Handlers = {
  toggle(open: boolean): void;
  query(text: string): void;
  start(form: { text: string; name: string; email: string }): void;
  send(text: string): void;
  typing(): void;
  attach(file: File): void;
  transcript(email: string): void;
  end(): void;
  newChat(): void;
};

export type Suggestion = { title: string; snippet: string; url: string };
type Kind = 'prechat' | 'chat' | 'done';
const EMAIL_RE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Everything the customer sees, inside a shadow root so the host page's CSS cannot reach it. */
export class View {
  readonly host: HTMLElement;
  private readonly launcher: HTMLButtonElement;
  private readonly badge: HTMLSpanElement;
  private readonly panel: HTMLElement;
  private readonly status: HTMLParagraphElement;
  private readonly body: HTMLDivElement;
  private kind: Kind | null = null;
  private offlineKey = '';
  private log: HTMLOListElement | null = null;
  private foot: HTMLDivElement | null = null;
  private suggestBox: HTMLDivElement | null = null;
  private suggestStatus: HTMLParagraphElement | null = null;

  constructor(private readonly t: Strings, private readonly cfg: WidgetConfig, private readonly on: Handlers) {
    this.host = document.createElement('careline-widget');
    for (const [k, v] of [['all', 'initial'], ['position', 'fixed'], ['z-index', '2147483000'], ['display', 'block'], ['width', '0'], ['height', '0']]) this.host.style.setProperty(k!, v!, 'important');
    const shadow = this.host.attachShadow({ mode: 'open' });
    this.adoptStyles(shadow);
    this.badge = h('span', { class: 'badge', hidden: true });
    this.launcher = h('button', { class: 'launcher', type: 'button', 'aria-label': t.launcher, 'aria-expanded': 'false', 'aria-controls': 'cl-panel', 'aria-haspopup': 'dialog', onclick: () => on.toggle(this.launcher.getAttribute('aria-expanded') !== 'true') }, icon(CHAT), this.badge);
    this.status = h('p', { class: 'status', role: 'status' });
    this.body = h('div', { class: 'body' });
    this.panel = h('section', { id: 'cl-panel', class: 'panel', role: 'dialog', 'aria-modal': 'false', 'aria-labelledby': 'cl-title', hidden: true },
      h('header', null,
        h('h2', { id: 'cl-title' }, cfg.title ?? t.title),
        h('button', { class: 'icon', type: 'button', 'aria-label': t.close, onclick: () => on.toggle(false) }, icon(CLOSE))),
      this.status,
      this.body);
    this.panel.addEventListener('keydown', (e) => {
      if (e.key === 'Escape') {
        e.stopPropagation();
        on.toggle(false);
      }
    });
    const root = h('div', { class: `root ${cfg.position}` }, this.panel, this.launcher);
    if (cfg.color) root.style.setProperty('--accent', cfg.color);
    shadow.append(root);
  }

  /** Constructable stylesheets are not subject to the host page's style-src CSP; <style> is the fallback. */
  private adoptStyles(shadow: ShadowRoot): void {
    try {
      const sheet = new CSSStyleSheet();
      sheet.replaceSync(CSS);
      shadow.adoptedStyleSheets = [sheet];
    } catch {
      shadow.append(h('style', null, CSS));
    }
  }

  setOpen(open: boolean, moveFocus: boolean): void {
    this.panel.hidden = !open;
    this.launcher.setAttribute('aria-expanded', String(open));
    this.launcher.classList.toggle('open', open);
    if (!moveFocus) return;
    if (open) (this.panel.querySelector<HTMLElement>('textarea, input, .body button') ?? this.panel).focus();
    else this.launcher.focus();
  }

  setStatus(text: string): void {
    if (this.status.textContent !== text) this.status.textContent = text;
  }

  setUnread(n: number): void {
    this.badge.hidden = n === 0;
    this.badge.textContent = n ? String(n) : '';
    this.launcher.setAttribute('aria-label', n ? `${this.t.launcher} (${this.t.unread(n)})` : this.t.launcher);
  }

  /** The question form; offline it explains why and asks for an email address (and name) it does not already have. */
  showPrechat(availability: Availability | null, known: { name: boolean; email: boolean; askEmail: boolean }): void {
    const offline = availability && !availability.online ? (availability.reason ?? 'no_agents') : null;
    const key = `${offline}|${known.name}|${known.email}|${known.askEmail}`;
    if (this.kind === 'prechat' && this.offlineKey === key) return;
    const old = this.body.querySelector('textarea')?.value ?? '';
    this.kind = 'prechat';
    this.offlineKey = key;
    const t = this.t;
    const text = h('textarea', { id: 'cl-q', name: 'text', rows: 3, maxlength: 10000, required: true, 'aria-describedby': 'cl-q-hint', oninput: () => this.on.query(text.value) });
    text.value = old;
    const name = offline && !known.name ? h('input', { id: 'cl-name', name: 'name', autocomplete: 'name', maxlength: 200 }) : null;
    const email = (offline || known.askEmail) && !known.email ? h('input', { id: 'cl-email', name: 'email', type: 'email', autocomplete: 'email', required: true, maxlength: 254, 'aria-describedby': 'cl-err' }) : null;
    const error = h('p', { id: 'cl-err', class: 'error', role: 'alert' });
    this.suggestBox = h('div', { class: 'suggest', hidden: true });
    this.suggestStatus = h('p', { class: 'sr-only', role: 'status' });
    const form = h('form', { class: 'prechat', novalidate: true },
      offline ? h('p', { class: 'notice' }, offline === 'outside_hours' ? t.offlineHours : t.offlineNoAgents) : null,
      h('label', { for: 'cl-q' }, t.ask),
      h('p', { id: 'cl-q-hint', class: 'hint' }, t.askHint),
      text,
      this.suggestBox,
      this.suggestStatus,
      name ? h('label', { for: 'cl-name' }, t.name, ' ', h('span', { class: 'hint' }, t.optional)) : null,
      name,
      email ? h('label', { for: 'cl-email' }, t.email) : null,
      email,
      error,
      h('button', { class: 'primary', type: 'submit' }, offline ? t.sendOffline : t.start));
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      const values = { text: text.value.trim(), name: name?.value.trim() ?? '', email: email?.value.trim() ?? '' };
      text.removeAttribute('aria-invalid');
      email?.removeAttribute('aria-invalid');
      const bad = !values.text ? [text, t.needText] as const : email && !EMAIL_RE.test(values.email) ? [email, t.needEmail] as const : null;
      if (bad) {
        error.textContent = bad[1];
        bad[0].setAttribute('aria-invalid', 'true');
        bad[0].focus();
        return;
      }
      this.on.start(values);
    });
    this.swap('prechat', form);
  }

  showSuggestions(found: Suggestion[]): void {
    if (!this.suggestBox || !this.suggestStatus) return;
    this.suggestBox.hidden = found.length === 0;
    replace(this.suggestBox, h('p', { class: 'hint' }, this.t.suggestions), h('ul', { 'aria-label': this.t.suggestions },
      ...found.map((s) => h('li', null, h('a', { href: s.url, target: '_blank', rel: 'noopener' }, s.title), h('p', null, ...markedText(s.snippet))))));
    this.suggestStatus.textContent = found.length ? this.t.suggestionsFound(found.length) : '';
  }

  /** The conversation: a log that announces new messages politely, and the composer. */
  showChat(): boolean {
    if (this.kind === 'chat') return false;
    this.kind = 'chat';
    this.log = h('ol', { class: 'log', role: 'log', 'aria-live': 'polite', 'aria-relevant': 'additions', 'aria-label': this.t.conversation, tabindex: 0 });
    this.foot = h('div', { class: 'foot' });
    this.swap('chat', this.log, this.foot);
    this.setEnded(false);
    return true;
  }

  /** Composer while the chat is open; when it has ended, a way to start again. Transcript either way. */
  setEnded(ended: boolean): void {
    const foot = this.foot;
    if (!foot || foot.dataset.ended === String(ended)) return;
    foot.dataset.ended = String(ended);
    const t = this.t;
    const transcript = h('button', { class: 'link', type: 'button', onclick: () => this.askTranscript(transcript) }, t.transcript);
    if (ended) {
      replace(foot, h('p', { class: 'notice' }, t.ended), h('button', { class: 'primary', type: 'button', onclick: () => this.on.newChat() }, t.newChat), transcript);
      return;
    }
    const input = h('textarea', { id: 'cl-msg', rows: 1, maxlength: 10000, placeholder: t.message, oninput: () => this.on.typing() });
    const file = h('input', { type: 'file', hidden: true, accept: this.cfg.uploadTypes.join(','), tabindex: -1 });
    file.addEventListener('change', () => {
      const chosen = file.files?.[0];
      if (chosen) this.on.attach(chosen);
      file.value = '';
    });
    const form = h('form', { class: 'composer' },
      h('label', { for: 'cl-msg', class: 'sr-only' }, t.message),
      input,
      file,
      h('button', { class: 'icon', type: 'button', 'aria-label': t.attach, onclick: () => file.click() }, icon(CLIP)),
      h('button', { class: 'icon send', type: 'submit', 'aria-label': t.send }, icon(SEND)));
    const submit = () => {
      const text = input.value.trim();
      if (!text) return;
      input.value = '';
      this.on.send(text);
    };
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      submit();
    });
    input.addEventListener('keydown', (e) => {
      if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
        e.preventDefault();
        submit();
      }
    });
    replace(foot, form, h('div', { class: 'actions' }, transcript, h('button', { class: 'link', type: 'button', onclick: () => this.on.end() }, t.endChat)));
  }

  private askTranscript(button: HTMLButtonElement): void {
    const t = this.t;
    const email = h('input', { type: 'email', required: true, autocomplete: 'email', 'aria-label': t.email, placeholder: t.email });
    const form = h('form', { class: 'inline' }, email, h('button', { type: 'submit' }, t.send));
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      if (!EMAIL_RE.test(email.value.trim())) {
        email.setAttribute('aria-invalid', 'true');
        return;
      }
      this.on.transcript(email.value.trim());
      form.replaceWith(h('p', { class: 'hint', role: 'status' }, t.transcriptSent(email.value.trim())));
    });
    button.replaceWith(form);
    email.focus();
  }

  /** Adds or updates a message in seq order (pending ones last) and moves the read receipt. */
  upsert(m: LocalMessage, readSeq: number): void {
    const log = this.log;
    if (!log) return;
    const row = messageRow(m, this.t, this.cfg.base);
    const existing = log.querySelector<HTMLElement>(`[data-key="${CSS_ESCAPE(m.key)}"]`);
    if (existing) {
      // a row's words never change, only its state: patch it, so screen readers do not hear it twice
      existing.className = row.className;
      existing.dataset.seq = row.dataset.seq;
      existing.querySelector('.state')?.remove();
      const state = row.querySelector('.state');
      if (state) existing.insertBefore(state, existing.querySelector('.read'));
      const before = (existing.previousElementSibling as HTMLElement | null)?.dataset.seq;
      if (m.seq !== null && before && Number(before) > m.seq) log.insertBefore(existing, this.rowAfter(m.seq));
    } else log.insertBefore(row, m.seq === null ? null : this.rowAfter(m.seq));
    this.markRead(readSeq);
    log.scrollTop = log.scrollHeight;
  }

  /** The first row that belongs after seq: a later one, or one not yet numbered. */
  private rowAfter(seq: number): Element | null {
    return Array.from(this.log?.children ?? []).find((li) => {
      const s = (li as HTMLElement).dataset.seq;
      return !s || Number(s) > seq;
    }) ?? null;
  }

  /** Rekeys a pending row once its seq is known, so later echoes find it. */
  rekey(oldKey: string, newKey: string): void {
    const row = this.log?.querySelector<HTMLElement>(`[data-key="${CSS_ESCAPE(oldKey)}"]`);
    if (row) row.dataset.key = newKey;
  }

  remove(key: string): void {
    this.log?.querySelector(`[data-key="${CSS_ESCAPE(key)}"]`)?.remove();
  }

  /** "Read" under the customer's last message the agent has read. */
  markRead(seq: number): void {
    const log = this.log;
    if (!log) return;
    log.querySelector('.read')?.remove();
    const mine = Array.from(log.querySelectorAll<HTMLElement>('.mine[data-seq]')).filter((li) => li.dataset.seq && Number(li.dataset.seq) <= seq);
    mine.at(-1)?.append(h('span', { class: 'read' }, this.t.read));
  }

  showDone(reference: string): void {
    this.kind = 'done';
    const t = this.t;
    this.swap('done', h('div', { class: 'done', role: 'status' },
      h('h3', null, t.offlineDone),
      h('p', { class: 'hint' }, t.offlineSent),
      h('p', null, t.reference, ' ', h('strong', { class: 'ref' }, reference)),
      h('button', { class: 'primary', type: 'button', onclick: () => this.on.newChat() }, t.newChat)));
  }

  /** Forgets the current view so the next show… call builds it afresh. */
  reset(): void {
    this.kind = null;
  }

  formError(message: string): void {
    const el = this.body.querySelector('.error');
    if (el) el.textContent = message;
  }

  private swap(kind: Kind, ...children: Node[]): void {
    const hadFocus = this.panel.contains(document.activeElement) || this.host === document.activeElement;
    this.kind = kind;
    if (kind !== 'prechat') this.suggestBox = this.suggestStatus = null;
    if (kind !== 'chat') this.log = this.foot = null;
    replace(this.body, ...children);
    if (hadFocus && !this.panel.hidden) this.body.querySelector<HTMLElement>('textarea, input, button')?.focus();
  }
}

function CSS_ESCAPE(s: string): string {
  return s.replace(/["\\]/g, '\\$&');
}
