import { h } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { api, ApiError, messageOf } from './api.ts';
import { loadDraft, saveDraft, type Draft } from './drafts.ts';
import { useKeys } from './keyboard.ts';
import { live, type Frame } from './live.ts';
import type { Macro, Ticket } from './types.ts';

/** Sends a chat message over the gateway and resolves on its ack (after commit). */
function sendChat(ticket: Ticket, text: string, internal: boolean): Promise<void> {
  const clientId = `m-${crypto.randomUUID()}`;
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => { off(); reject(new Error('The chat server did not confirm the message; it is kept in your draft.')); }, 10_000);
    const off = live.subscribe((f: Frame) => {
      if (f.type === 'ack' && f.client_id === clientId) { clearTimeout(timer); off(); resolve(); }
      if (f.type === 'error' && f.ref === clientId) { clearTimeout(timer); off(); reject(new Error(String(f.message))); }
    });
    if (!live.send({ type: 'message', client_id: clientId, conversation_id: ticket.id, text, ...(internal ? { internal: true } : {}) })) {
      clearTimeout(timer);
      off();
      reject(new Error('not connected'));
    }
  });
}

type Props = {
  ticket: Ticket;
  macros: Macro[] | null;
  /** A macro's rendered text to put into the reply box. */
  insert: { text: string; n: number } | null;
  onSent: () => void;
  onApplyMacro: (macro: Macro) => void;
};

/** Reply (in the ticket's own channel) or internal note, with a draft that survives reloads. */
export function Composer({ ticket, macros, insert, onSent, onApplyMacro }: Props) {
  const [draft, setDraft] = useState<Draft>(() => loadDraft(ticket.reference));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [savedAt, setSavedAt] = useState<number | null>(null);
  const area = useRef<HTMLTextAreaElement>(null);
  const typing = useRef<{ last: number; timer: ReturnType<typeof setTimeout> | null }>({ last: 0, timer: null });
  const text = draft[draft.mode];

  const update = (next: Draft): void => {
    setDraft(next);
    saveDraft(ticket.reference, next);
    setSavedAt(Date.now());
  };
  useEffect(() => {
    if (!insert) return;
    const current = loadDraft(ticket.reference);
    update({ ...current, mode: 'reply', reply: current.reply ? `${current.reply}\n\n${insert.text}` : insert.text });
    area.current?.focus();
  }, [insert?.n]);
  useEffect(() => () => {
    if (typing.current.timer) clearTimeout(typing.current.timer);
    live.send({ type: 'typing', conversation_id: ticket.id, active: false });
  }, []);

  const signalTyping = (): void => {
    const t = typing.current;
    if (Date.now() - t.last > 3000) {
      live.send({ type: 'typing', conversation_id: ticket.id, active: true });
      t.last = Date.now();
    }
    if (t.timer) clearTimeout(t.timer);
    t.timer = setTimeout(() => {
      live.send({ type: 'typing', conversation_id: ticket.id, active: false });
      t.last = 0;
    }, 4000);
  };

  const setMode = (mode: Draft['mode']): void => {
    update({ ...draft, mode });
    setTimeout(() => area.current?.focus(), 0);
  };

  const send = async (): Promise<void> => {
    const body = text.trim();
    if (!body || busy) return;
    setBusy(true);
    setError(null);
    try {
      const note = draft.mode === 'note';
      if (ticket.channel === 'chat' && live.state === 'live') await sendChat(ticket, body, note);
      else await api('POST', `/tickets/${ticket.reference}/messages`, { kind: draft.mode, body, channel: ticket.channel }, {});
      live.send({ type: 'typing', conversation_id: ticket.id, active: false });
      update({ ...draft, [draft.mode]: '' });
      onSent();
    } catch (e) {
      setError(e instanceof ApiError && e.code === 'guard_blocked' ? `Not sent: ${e.message}` : `Not sent, your text is kept: ${messageOf(e)}`);
    } finally {
      setBusy(false);
    }
  };

  useKeys({
    r: () => setMode('reply'),
    n: () => setMode('note'),
    'mod+Enter': () => void send(),
  });

  const where = ticket.channel === 'email' ? `Email reply to ${ticket.customer.email ?? 'the customer'}` : ticket.channel === 'chat' ? 'Chat message to the customer' : `Reply via ${ticket.channel}`;
  return h('section', { class: `composer ${draft.mode}`, 'aria-label': 'Reply or note' },
    h('div', { class: 'tabs', role: 'tablist' },
      h('button', { type: 'button', role: 'tab', 'aria-selected': draft.mode === 'reply', onClick: () => setMode('reply') }, 'Reply ', h('kbd', null, 'r')),
      h('button', { type: 'button', role: 'tab', 'aria-selected': draft.mode === 'note', onClick: () => setMode('note') }, 'Internal note ', h('kbd', null, 'n')),
      macros && macros.length
        ? h('select', {
            class: 'macro-select', 'aria-label': 'Apply a macro', value: '',
            onChange: (e: Event) => {
              const id = Number((e.target as HTMLSelectElement).value);
              const m = macros.find((x) => x.id === id);
              (e.target as HTMLSelectElement).value = '';
              if (m) onApplyMacro(m);
            },
          }, h('option', { value: '' }, 'Apply macro…'), macros.map((m) => h('option', { key: m.id, value: String(m.id) }, m.title)))
        : null),
    h('p', { class: 'composer-hint muted small' }, draft.mode === 'note' ? 'Only agents see notes.' : where),
    h('label', { for: 'composer-text', class: 'sr-only' }, draft.mode === 'note' ? 'Internal note' : 'Reply'),
    h('textarea', {
      id: 'composer-text', ref: area, rows: 6, value: text,
      placeholder: draft.mode === 'note' ? 'Write a note for your team…' : 'Write your reply…',
      onInput: (e: Event) => { update({ ...draft, [draft.mode]: (e.target as HTMLTextAreaElement).value }); if (draft.mode === 'reply') signalTyping(); },
    }),
    error ? h('p', { class: 'error', role: 'alert' }, error) : null,
    h('div', { class: 'composer-actions' },
      h('span', { class: 'muted small', 'aria-live': 'polite' }, savedAt && text ? 'Draft saved' : ''),
      h('button', { type: 'button', class: 'primary', disabled: busy || !text.trim(), onClick: () => void send() }, busy ? 'Sending…' : draft.mode === 'note' ? 'Add note' : 'Send reply', ' ', h('kbd', null, 'Ctrl+Enter'))));
}
