import { h } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { api, ApiError, isMissing, messageOf } from './api.ts';
import { Composer } from './composer.ts';
import { label, useDirectory } from './directory.ts';
import { useKeys } from './keyboard.ts';
import { live, type Frame } from './live.ts';
import { navigate } from './router.ts';
import { CustomerPanel, History, MergeDialog, TransferDialog } from './ticket-side.ts';
import { MessageItem } from './thread.ts';
import { CATEGORIES, PRIORITIES, STATUSES, type Macro, type Ticket, type TicketFull } from './types.ts';

type Viewer = { id: number; name: string; typing: boolean };

/** One ticket: its whole thread, the reply box, its fields, the customer and the history. */
export function TicketView({ reference }: { reference: string }) {
  const dir = useDirectory();
  const [ticket, setTicket] = useState<TicketFull | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [macros, setMacros] = useState<Macro[] | null>(null);
  const [insert, setInsert] = useState<{ text: string; n: number } | null>(null);
  const [merging, setMerging] = useState(false);
  const [transferring, setTransferring] = useState(false);
  const [liveState, setLiveState] = useState(live.state);
  const [viewers, setViewers] = useState<Viewer[]>([]);
  const [customerTyping, setCustomerTyping] = useState(false);
  const [historyKey, setHistoryKey] = useState(0);
  const [tags, setTags] = useState('');
  const idRef = useRef<number | null>(null);

  const load = async (): Promise<void> => {
    try {
      const t = await api<TicketFull>('GET', `/tickets/${encodeURIComponent(reference)}`);
      if (t.reference !== reference) { navigate(`/tickets/${t.reference}`, true); return; }
      setTicket(t);
      setTags(t.tags.join(', '));
      setHistoryKey((k) => k + 1);
      setError(null);
    } catch (e) {
      setError(e instanceof ApiError && e.status === 404 ? `No ticket ${reference}.` : messageOf(e));
    }
  };

  useEffect(() => live.onState(setLiveState), []);

  useEffect(() => {
    void load();
    api<{ items: Macro[] }>('GET', '/macros').then((r) => setMacros(r.items)).catch((e: unknown) => setMacros(isMissing(e) ? null : []));
  }, [reference]);

  useEffect(() => {
    if (!ticket) return;
    idRef.current = ticket.id;
    live.setViewing(ticket.id, true);
    let timer: ReturnType<typeof setTimeout> | null = null;
    const reload = (): void => {
      if (timer) clearTimeout(timer);
      timer = setTimeout(() => void load(), 250);
    };
    const off = live.subscribe((f: Frame) => {
      if (f.type === 'event') {
        const e = f.event as { ticket_id?: number; data?: { reference?: string } };
        if (e.ticket_id === ticket.id || e.data?.reference === ticket.reference) reload();
      } else if (f.type === 'viewers' && f.ticket_id === ticket.id) {
        setViewers((f.agents as Viewer[]).filter((a) => a.id !== dir.me.id));
      } else if (f.type === 'typing' && f.conversation_id === ticket.id) {
        const author = f.author as { type?: string } | undefined;
        if (author?.type === 'customer') setCustomerTyping(f.active === true);
      } else if (f.type === 'message' && f.conversation_id === ticket.id) {
        setCustomerTyping(false);
        reload();
      }
    });
    return () => {
      off();
      if (timer) clearTimeout(timer);
      live.setViewing(ticket.id, false);
    };
  }, [ticket?.id]);

  const patch = async (body: Record<string, unknown>): Promise<void> => {
    if (!ticket) return;
    setNotice(null);
    try {
      const t = await api<Ticket>('PATCH', `/tickets/${ticket.reference}`, body);
      setTicket({ ...ticket, ...t });
      setTags(t.tags.join(', '));
      setHistoryKey((k) => k + 1);
      setNotice('Saved');
    } catch (e) {
      setNotice(null);
      setError(messageOf(e));
    }
  };

  const applyMacro = async (m: Macro): Promise<void> => {
    if (!ticket) return;
    try {
      const r = await api<{ ticket: Ticket; text: string }>('POST', `/tickets/${ticket.reference}/macros/${m.id}/apply`, {});
      setTicket({ ...ticket, ...r.ticket });
      setTags(r.ticket.tags.join(', '));
      setInsert({ text: r.text, n: Date.now() });
      setHistoryKey((k) => k + 1);
      setNotice(`Macro “${m.title}” applied`);
    } catch (e) {
      setError(messageOf(e));
    }
  };

  useKeys({
    s: () => void patch({ status: 'solved' }),
    u: () => navigate('/'),
    Escape: () => navigate('/'),
  });

  if (error && !ticket) return h('div', { class: 'ticket-error' }, h('p', { class: 'error', role: 'alert' }, error), h('a', { href: '/console/', onClick: (e: Event) => { e.preventDefault(); navigate('/'); } }, 'Back to the inbox'));
  if (!ticket) return h('p', { class: 'empty' }, 'Loading ticket…');

  const select = (name: string, value: string, options: Array<[string, string]>, onChange: (v: string) => void) =>
    h('div', { class: 'field' },
      h('label', { for: `f-${name}` }, label(name)),
      h('select', { id: `f-${name}`, value, onChange: (e: Event) => onChange((e.target as HTMLSelectElement).value) },
        options.map(([v, text]) => h('option', { key: v, value: v }, text))));
  const others = viewers.filter((v) => v.id !== dir.me.id);
  // A live chat (not yet solved) can be handed on over the chat gateway.
  const canTransfer = ticket.channel === 'chat' && ['new', 'open', 'pending', 'on_hold'].includes(ticket.status) && liveState === 'live' && dir.me.role !== 'viewer';

  return h('div', { class: 'ticket' },
    h('div', { class: 'thread-pane' },
      h('header', { class: 'ticket-head' },
        h('a', { class: 'back', href: '/console/', onClick: (e: Event) => { e.preventDefault(); navigate('/'); }, 'aria-label': 'Back to the inbox (u)' }, '← Inbox'),
        h('h1', null, ticket.subject),
        h('p', { class: 'muted' },
          h('span', { class: 'ref' }, ticket.reference), ' · ',
          h('span', { class: `badge s-${ticket.status}` }, label(ticket.status)), ' · via ', ticket.channel,
          ticket.unverified_sender ? h('span', { class: 'badge warn' }, 'Unverified sender') : null)),
      others.length
        ? h('p', { class: 'collision', role: 'status' }, others.map((v) => `${v.name} is ${v.typing ? 'also typing a reply' : 'also viewing'}`).join(' · '))
        : null,
      error ? h('p', { class: 'error', role: 'alert' }, error, ' ', h('button', { type: 'button', class: 'link', onClick: () => setError(null) }, 'Dismiss')) : null,
      h('div', { class: 'thread', 'aria-label': 'Conversation' }, ticket.messages.map((m) => h(MessageItem, { key: m.id, m }))),
      customerTyping ? h('p', { class: 'typing', role: 'status' }, `${ticket.customer.name ?? 'The customer'} is typing…`) : null,
      dir.me.role === 'viewer' ? null : h(Composer, { ticket, macros, insert, onSent: () => void load(), onApplyMacro: (m: Macro) => void applyMacro(m) })),
    h('aside', { class: 'side-pane', 'aria-label': 'Ticket details' },
      h('section', { class: 'props' },
        h('h2', null, 'Ticket'),
        notice ? h('p', { class: 'saved small', role: 'status' }, notice) : null,
        select('status', ticket.status, STATUSES.map((s) => [s, label(s)]), (v) => void patch({ status: v })),
        select('priority', ticket.priority, PRIORITIES.map((s) => [s, label(s)]), (v) => void patch({ priority: v })),
        select('category', ticket.category, CATEGORIES.map((s) => [s, label(s)]), (v) => void patch({ category: v })),
        select('assignee', String(ticket.assignee_id ?? ''), [['', 'Unassigned'], ...dir.agents.filter((a) => a.active && a.role !== 'viewer').map((a): [string, string] => [String(a.id), a.id === dir.me.id ? `${a.name} (me)` : a.name])], (v) => void patch({ assignee_id: v ? Number(v) : null })),
        select('team', String(ticket.team_id ?? ''), [['', 'No team'], ...dir.teams.map((t): [string, string] => [String(t.id), t.name])], (v) => void patch({ team_id: v ? Number(v) : null })),
        h('div', { class: 'field' },
          h('label', { for: 'f-tags' }, 'Tags'),
          h('input', {
            id: 'f-tags', value: tags, placeholder: 'comma, separated',
            onInput: (e: Event) => setTags((e.target as HTMLInputElement).value),
            onKeyDown: (e: KeyboardEvent) => { if (e.key === 'Enter') (e.target as HTMLInputElement).blur(); },
            onBlur: () => {
              const next = tags.split(',').map((t) => t.trim()).filter(Boolean);
              if (next.join(',') !== ticket.tags.join(',')) void patch({ tags: next });
            },
          })),
        h('div', { class: 'actions' },
          h('button', { type: 'button', onClick: () => void patch({ status: 'solved' }) }, 'Solve ', h('kbd', null, 's')),
          h('button', { type: 'button', onClick: () => setMerging(true) }, 'Merge…'),
          canTransfer ? h('button', { type: 'button', onClick: () => setTransferring(true) }, 'Transfer chat…') : null)),
      h(CustomerPanel, { ticket }),
      h(History, { reference: ticket.reference, version: historyKey })),
    transferring ? h(TransferDialog, { ticket, onClose: () => setTransferring(false), onDone: (to: string) => { setTransferring(false); setNotice(`Chat transferred to ${to}`); void load(); } }) : null,
    merging ? h(MergeDialog, { ticket, onClose: () => setMerging(false), onMerged: (into: string) => { setMerging(false); navigate(`/tickets/${into}`); } }) : null);
}
