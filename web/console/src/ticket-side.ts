import { h } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { api } from './api.ts';
import { ago, agentName, label, teamName, useDirectory, type Directory } from './directory.ts';
import { live } from './live.ts';
import { navigate } from './router.ts';
import { useAction } from './use-action.ts';
import type { Customer, Page, Ticket, TicketEvent } from './types.ts';

/** The customer's other tickets, newest first. */
function usePreviousTickets(ticket: Ticket): Ticket[] | null {
  const [items, setItems] = useState<Ticket[] | null>(null);
  useEffect(() => {
    api<Page<Ticket>>('GET', `/tickets?customer_id=${ticket.customer.id}&limit=20`)
      .then((r) => setItems(r.items.filter((t) => t.id !== ticket.id)))
      .catch(() => setItems([]));
  }, [ticket.id, ticket.customer.id]);
  return items;
}

/** Who the customer is: identities (verified or not), sender warnings, and their previous tickets. */
export function CustomerPanel({ ticket }: { ticket: Ticket }) {
  const [customer, setCustomer] = useState<Customer | null>(null);
  const previous = usePreviousTickets(ticket);
  useEffect(() => {
    api<Customer>('GET', `/customers/${ticket.customer.id}`).then(setCustomer).catch(() => setCustomer(null));
  }, [ticket.customer.id]);
  const c = customer;
  return h('section', { class: 'customer' },
    h('h2', null, 'Customer'),
    h('p', { class: 'customer-name' }, c?.name ?? ticket.customer.name ?? 'Unknown'),
    ticket.unverified_sender
      ? h('p', { class: 'warning', role: 'note' }, 'Unverified sender: the latest email failed sender authentication (SPF/DKIM/DMARC). Do not act on account changes without verification.')
      : null,
    ticket.verification ? h('p', { class: 'small' }, 'Identity check: ', h('span', { class: `badge v-${ticket.verification.status}` }, label(ticket.verification.status))) : null,
    c ? h('ul', { class: 'identities' }, c.identities.map((i) =>
      h('li', { key: `${i.kind}:${i.value}` },
        h('span', { class: 'muted small' }, `${i.kind} `), h('span', { class: 'ident' }, i.value), ' ',
        h('span', { class: `badge ${i.verified ? 'ok' : 'warn'}` }, i.verified ? 'verified' : 'unverified'),
        i.bouncing ? h('span', { class: 'badge warn' }, 'bouncing') : null))) : null,
    h('h3', null, 'Previous tickets'),
    previous === null ? h('p', { class: 'muted small' }, 'Loading…')
      : previous.length === 0 ? h('p', { class: 'muted small' }, 'None.')
        : h('ul', { class: 'previous' }, previous.map((t) =>
            h('li', { key: t.id },
              h('a', { href: `/console/tickets/${t.reference}`, onClick: (e: Event) => { e.preventDefault(); navigate(`/tickets/${t.reference}`); } }, t.subject),
              h('span', { class: 'muted small' }, ` ${t.reference} · ${label(t.status)} · ${ago(t.created_at)}`)))));
}

function describe(e: TicketEvent, dir: Directory): string {
  const data = (e.data ?? {}) as Record<string, unknown>;
  if (e.type === 'ticket.updated' && data.changes && typeof data.changes === 'object') {
    return Object.entries(data.changes as Record<string, [unknown, unknown]>).map(([field, [from, to]]) => {
      const show = (v: unknown): string => field === 'assigneeId' ? agentName(dir, v as number | null) : field === 'teamId' ? teamName(dir, v as number | null) : Array.isArray(v) ? v.join(', ') || '—' : v === null ? '—' : typeof v === 'object' ? JSON.stringify(v) : String(v as string | number | boolean);
      return `${label(field.replace(/Id$/, ''))}: ${show(from)} → ${show(to)}`;
    }).join('; ');
  }
  if (e.type === 'message.created') return `${data.kind === 'note' ? 'Note' : 'Reply'} by ${String(data.authorType)} via ${String(data.channel)}`;
  return label(e.type.replace(/^ticket\./, '').replace(/\./g, ' '));
}

/** The ticket's event history: who changed what, when. */
export function History({ reference, version }: { reference: string; version: number }) {
  const dir = useDirectory();
  const [items, setItems] = useState<TicketEvent[] | null>(null);
  useEffect(() => {
    api<{ items: TicketEvent[] }>('GET', `/tickets/${reference}/events`).then((r) => setItems(r.items)).catch(() => setItems([]));
  }, [reference, version]);
  const actor = (a: TicketEvent['actor']): string => a.type === 'agent' && a.id ? agentName(dir, a.id) : label(a.type);
  return h('section', { class: 'history' },
    h('h2', null, 'History'),
    items === null ? h('p', { class: 'muted small' }, 'Loading…') : h('ol', null, [...items].reverse().map((e) =>
      h('li', { key: e.id },
        h('span', { class: 'what' }, describe(e, dir)),
        h('span', { class: 'muted small' }, ` ${actor(e.actor)} · ${ago(e.created_at)}`)))));
}

/** Merge this ticket into another of the same customer; the server moves the messages and closes this one. */
export function MergeDialog({ ticket, onClose, onMerged }: { ticket: Ticket; onClose: () => void; onMerged: (into: string) => void }) {
  const previous = usePreviousTickets(ticket);
  const [into, setInto] = useState('');
  const { busy, error, run } = useAction();
  const submit = async (e: Event): Promise<void> => {
    e.preventDefault();
    await run(async () => {
      const target = await api<Ticket>('POST', `/tickets/${ticket.reference}/merge`, { into: into.trim().toUpperCase() });
      onMerged(target.reference);
    });
  };
  const open = (previous ?? []).filter((t) => t.status !== 'closed');
  return h('div', { class: 'overlay', role: 'dialog', 'aria-modal': 'true', 'aria-labelledby': 'merge-title', onClick: onClose },
    h('form', { class: 'card dialog', onClick: (e: Event) => e.stopPropagation(), onSubmit: (e: Event) => void submit(e) },
      h('h2', { id: 'merge-title' }, `Merge ${ticket.reference} into…`),
      h('p', { class: 'muted small' }, 'Both tickets must belong to the same customer. This ticket’s messages move to the other one, and this one is closed with a link to it.'),
      open.length ? h('ul', { class: 'merge-choices' }, open.map((t) =>
        h('li', { key: t.id }, h('label', null,
          h('input', { type: 'radio', name: 'into', value: t.reference, checked: into === t.reference, onChange: () => setInto(t.reference) }),
          ` ${t.reference} — ${t.subject}`)))) : null,
      h('label', { for: 'merge-into' }, 'Target reference'),
      h('input', { id: 'merge-into', value: into, placeholder: 'CL-XXXXXXXX', required: true, autoFocus: true, onInput: (e: Event) => setInto((e.target as HTMLInputElement).value) }),
      error ? h('p', { class: 'error', role: 'alert' }, error) : null,
      h('div', { class: 'actions' },
        h('button', { type: 'button', onClick: onClose }, 'Cancel'),
        h('button', { type: 'submit', class: 'primary', disabled: busy || !into.trim() }, busy ? 'Merging…' : 'Merge'))));
}

/**
 * Hands a live chat to another agent (who must be online for chat) or to a team's queue (the
 * chat is unassigned and offered to that team's agents), over the chat gateway.
 */
export function TransferDialog({ ticket, onClose, onDone }: { ticket: Ticket; onClose: () => void; onDone: (to: string) => void }) {
  const dir = useDirectory();
  const agents = dir.agents.filter((a) => a.active && a.role !== 'viewer' && a.id !== dir.me.id && a.id !== ticket.assignee_id);
  const [to, setTo] = useState('');
  const { busy, error, run } = useAction();
  const submit = async (e: Event): Promise<void> => {
    e.preventDefault();
    const [kind, value] = to.split(':') as ['agent' | 'team', string];
    await run(async () => {
      await live.ask(kind === 'agent'
        ? { type: 'transfer', conversation_id: ticket.id, to_agent_id: Number(value) }
        : { type: 'transfer', conversation_id: ticket.id, to_team: value });
      onDone(kind === 'agent' ? agentName(dir, Number(value)) : (dir.teams.find((t) => t.slug === value)?.name ?? value));
    });
  };
  const choice = (value: string, text: string) =>
    h('li', { key: value }, h('label', null,
      h('input', { type: 'radio', name: 'transfer-to', value, checked: to === value, onChange: () => setTo(value) }), ` ${text}`));
  return h('div', { class: 'overlay', role: 'dialog', 'aria-modal': 'true', 'aria-labelledby': 'transfer-title', onClick: onClose },
    h('form', { class: 'card dialog', onClick: (e: Event) => e.stopPropagation(), onSubmit: (e: Event) => void submit(e) },
      h('h2', { id: 'transfer-title' }, `Transfer chat ${ticket.reference}`),
      h('p', { class: 'muted small' }, 'An agent must be online for chat to take it. A team gets it in its queue: the chat is offered to the team’s online agents, and the customer sees their place in the queue.'),
      h('fieldset', null, h('legend', null, 'To an agent'),
        agents.length ? h('ul', { class: 'merge-choices' }, agents.map((a) => choice(`agent:${a.id}`, a.name))) : h('p', { class: 'muted small' }, 'No other agents.')),
      h('fieldset', null, h('legend', null, 'To a team'),
        h('ul', { class: 'merge-choices' }, dir.teams.map((t) => choice(`team:${t.slug}`, t.name)))),
      error ? h('p', { class: 'error', role: 'alert' }, error) : null,
      h('div', { class: 'actions' },
        h('button', { type: 'button', onClick: onClose }, 'Cancel'),
        h('button', { type: 'submit', class: 'primary', disabled: busy || !to }, busy ? 'Transferring…' : 'Transfer'))));
}
