import { h } from 'preact';
import { useState } from 'preact/hooks';
import { api } from '../api.ts';
import { label, teamName, useDirectory } from '../directory.ts';
import { CATEGORIES, PRIORITIES, STATUSES, type Macro } from '../types.ts';
import { Field, Missing, Page, Select, Status, useAction } from './ui.ts';
import { useResource } from './use-resource.ts';

type Mailbox = { id: number; address: string; name: string; category: string; priority: string | null; team_id: number | null };

/** Mailboxes: the addresses mail is received at, and where their tickets go. */
export function MailboxesPage() {
  const dir = useDirectory();
  const r = useResource<{ items: Mailbox[] }>('/mailboxes');
  const [form, setForm] = useState({ address: '', name: '', category: 'general', team: '' });
  const act = useAction();
  return h(Page, { title: 'Mailboxes', intro: 'Mail to these addresses becomes tickets with this category and team.' },
    h('table', { class: 'data' },
      h('thead', null, h('tr', null, h('th', null, 'Address'), h('th', null, 'Name'), h('th', null, 'Category'), h('th', null, 'Priority'), h('th', null, 'Team'))),
      h('tbody', null, (r.data?.items ?? []).map((m) => h('tr', { key: m.id }, h('td', null, m.address), h('td', null, m.name), h('td', null, label(m.category)), h('td', null, m.priority ?? '—'), h('td', null, teamName(dir, m.team_id)))))),
    h('h2', null, 'Add a mailbox'),
    h('form', { class: 'inline-form', onSubmit: (e: Event) => { e.preventDefault(); void act.run(() => api('POST', '/mailboxes', { address: form.address, ...(form.name ? { name: form.name } : {}), category: form.category, team_id: form.team ? Number(form.team) : null }).then(r.reload), 'Mailbox added'); } },
      h(Field, { id: 'mb-address', label: 'Address', type: 'email', required: true, value: form.address, onInput: (v) => setForm({ ...form, address: v }) }),
      h(Field, { id: 'mb-name', label: 'Name', value: form.name, onInput: (v) => setForm({ ...form, name: v }) }),
      h(Select, { id: 'mb-category', label: 'Category', value: form.category, options: CATEGORIES.map((c): [string, string] => [c, label(c)]), onChange: (v) => setForm({ ...form, category: v }) }),
      h(Select, { id: 'mb-team', label: 'Team', value: form.team, options: [['', 'No team'], ...dir.teams.map((t): [string, string] => [String(t.id), t.name])], onChange: (v) => setForm({ ...form, team: v }) }),
      h('button', { type: 'submit', class: 'primary', disabled: act.busy }, 'Add mailbox')),
    h(Status, { error: act.error ?? r.error, ok: act.ok }));
}

type ChatSettings = { identity_secret: string; enforce_identity: boolean; updated_at: string };

/** Chat widget settings: the embed snippet, the identity secret and enforcement. */
export function WidgetPage() {
  const r = useResource<ChatSettings>('/chat/settings');
  const [reveal, setReveal] = useState(false);
  const act = useAction();
  const snippet = `<script src="${location.origin}/widget.js" async></script>`;
  return h(Page, { title: 'Chat widget', intro: 'Paste the snippet into your site. With identity enforcement on, only visitors your site signs in (a JWT or an HMAC made with the identity secret) can chat.' },
    h('div', { class: 'field' }, h('label', { for: 'widget-snippet' }, 'Embed snippet'), h('textarea', { id: 'widget-snippet', class: 'mono', rows: 2, readOnly: true, value: snippet, onFocus: (e: Event) => (e.target as HTMLTextAreaElement).select() })),
    r.missing ? h(Missing, { what: 'chat settings' }) : r.error ? h('p', { class: 'error' }, r.error) : !r.data ? h('p', { class: 'muted' }, 'Loading…') : [
      h('div', { class: 'field' }, h('label', { for: 'widget-secret' }, 'Identity secret'),
        h('div', { class: 'inline-form' },
          h('input', { id: 'widget-secret', class: 'mono', readOnly: true, type: reveal ? 'text' : 'password', value: r.data.identity_secret }),
          h('button', { type: 'button', onClick: () => setReveal(!reveal) }, reveal ? 'Hide' : 'Show'),
          h('button', { type: 'button', onClick: () => { if (confirm('Rotate the secret? Identities signed with the old one stop working.')) void act.run(() => api('POST', '/chat/settings/rotate-secret', {}).then(r.reload), 'New secret made'); } }, 'Rotate'))),
      h('div', { class: 'field check' },
        h('input', { id: 'widget-enforce', type: 'checkbox', checked: r.data.enforce_identity, onChange: (e: Event) => void act.run(() => api('PUT', '/chat/settings', { enforce_identity: (e.target as HTMLInputElement).checked }).then(r.reload), 'Saved') }),
        h('label', { for: 'widget-enforce' }, 'Require a signed identity to chat (enforcement)')),
    ],
    h(Status, { error: act.error, ok: act.ok }));
}

type Actions = { status?: string; priority?: string; category?: string; team?: number | null; assignee?: number | 'me' | null; add_tags?: string[] };
const EMPTY = { title: '', body: '', status: '', priority: '', category: '', team: '', assignee: '', add_tags: '' };

/** Macros: canned replies with placeholders that may also set the ticket's fields. */
export function MacrosPage() {
  const dir = useDirectory();
  const r = useResource<{ items: Array<Macro & { actions: Actions }> }>('/macros');
  const [editing, setEditing] = useState<number | 'new' | null>(null);
  const [form, setForm] = useState(EMPTY);
  const act = useAction();
  if (r.missing) return h(Page, { title: 'Macros' }, h(Missing, { what: 'macros' }));
  const edit = (m: (Macro & { actions: Actions }) | null): void => {
    setEditing(m ? m.id : 'new');
    const a = m?.actions ?? {};
    setForm(m ? { title: m.title, body: m.body, status: a.status ?? '', priority: a.priority ?? '', category: a.category ?? '', team: a.team ? String(a.team) : '', assignee: a.assignee ? String(a.assignee) : '', add_tags: (a.add_tags ?? []).join(', ') } : EMPTY);
  };
  const save = (e: Event): void => {
    e.preventDefault();
    const actions: Actions = {
      ...(form.status ? { status: form.status } : {}), ...(form.priority ? { priority: form.priority } : {}), ...(form.category ? { category: form.category } : {}),
      ...(form.team ? { team: Number(form.team) } : {}), ...(form.assignee ? { assignee: form.assignee === 'me' ? 'me' : Number(form.assignee) } : {}),
      ...(form.add_tags.trim() ? { add_tags: form.add_tags.split(',').map((t) => t.trim()).filter(Boolean) } : {}),
    };
    const body = { title: form.title, body: form.body, actions };
    void act.run(() => (editing === 'new' ? api('POST', '/macros', body) : api('PATCH', `/macros/${String(editing)}`, body)).then(() => { setEditing(null); r.reload(); }), 'Macro saved');
  };
  const opt = (values: readonly string[]): Array<[string, string]> => [['', 'Leave as is'], ...values.map((v): [string, string] => [v, label(v)])];
  return h(Page, { title: 'Macros', intro: 'Placeholders: {{customer.first_name}}, {{customer.name}}, {{customer.email}}, {{ticket.reference}}, {{ticket.subject}}, {{agent.first_name}}, {{agent.name}}.' },
    h('ul', { class: 'plain' }, (r.data?.items ?? []).map((m) => h('li', { key: m.id },
      h('strong', null, m.title), ' ', h('span', { class: 'muted small' }, m.body.slice(0, 80)), ' ',
      h('button', { type: 'button', onClick: () => edit(m) }, 'Edit'), ' ',
      h('button', { type: 'button', onClick: () => { if (confirm(`Delete the macro “${m.title}”?`)) void act.run(() => api('DELETE', `/macros/${m.id}`).then(r.reload), 'Deleted'); } }, 'Delete')))),
    editing === null ? h('button', { type: 'button', class: 'primary', onClick: () => edit(null) }, 'New macro') :
      h('form', { class: 'card', onSubmit: save },
        h(Field, { id: 'macro-title', label: 'Title', required: true, value: form.title, onInput: (v) => setForm({ ...form, title: v }) }),
        h('div', { class: 'field' }, h('label', { for: 'macro-body' }, 'Reply text'), h('textarea', { id: 'macro-body', rows: 6, required: true, value: form.body, onInput: (e: Event) => setForm({ ...form, body: (e.target as HTMLTextAreaElement).value }) })),
        h('div', { class: 'grid-3' },
          h(Select, { id: 'macro-status', label: 'Set status', value: form.status, options: opt(STATUSES), onChange: (v) => setForm({ ...form, status: v }) }),
          h(Select, { id: 'macro-priority', label: 'Set priority', value: form.priority, options: opt(PRIORITIES), onChange: (v) => setForm({ ...form, priority: v }) }),
          h(Select, { id: 'macro-category', label: 'Set category', value: form.category, options: opt(CATEGORIES), onChange: (v) => setForm({ ...form, category: v }) }),
          h(Select, { id: 'macro-team', label: 'Set team', value: form.team, options: [['', 'Leave as is'], ...dir.teams.map((t): [string, string] => [String(t.id), t.name])], onChange: (v) => setForm({ ...form, team: v }) }),
          h(Select, { id: 'macro-assignee', label: 'Assign to', value: form.assignee, options: [['', 'Leave as is'], ['me', 'The agent applying it'], ...dir.agents.map((a): [string, string] => [String(a.id), a.name])], onChange: (v) => setForm({ ...form, assignee: v }) }),
          h(Field, { id: 'macro-tags', label: 'Add tags', value: form.add_tags, onInput: (v) => setForm({ ...form, add_tags: v }) })),
        h('div', { class: 'actions' }, h('button', { type: 'button', onClick: () => setEditing(null) }, 'Cancel'), h('button', { type: 'submit', class: 'primary', disabled: act.busy }, 'Save macro'))),
    h(Status, { error: act.error ?? r.error, ok: act.ok }));
}

type Token = { id: number; name: string; role: string; prefix: string; created_at: string; last_used_at: string | null; revoked_at: string | null };

/** API tokens: create (the secret is shown once), list, revoke. */
export function TokensPage() {
  const r = useResource<{ items: Token[] }>('/tokens');
  const [name, setName] = useState('');
  const [role, setRole] = useState('agent');
  const [secret, setSecret] = useState<string | null>(null);
  const act = useAction();
  return h(Page, { title: 'API tokens', intro: 'For integrations and scripts: send it as Authorization: Bearer <token>.' },
    h('table', { class: 'data' },
      h('thead', null, h('tr', null, h('th', null, 'Name'), h('th', null, 'Role'), h('th', null, 'Prefix'), h('th', null, 'Last used'), h('th', null, ''))),
      h('tbody', null, (r.data?.items ?? []).map((t) => h('tr', { key: t.id, class: t.revoked_at ? 'revoked' : '' },
        h('td', null, t.name), h('td', null, t.role), h('td', null, h('code', null, t.prefix)), h('td', null, t.last_used_at ? new Date(t.last_used_at).toLocaleString() : 'never'),
        h('td', null, t.revoked_at ? 'revoked' : h('button', { type: 'button', onClick: () => { if (confirm(`Revoke “${t.name}”? Scripts using it stop working.`)) void act.run(() => api('DELETE', `/tokens/${t.id}`).then(r.reload), 'Revoked'); } }, 'Revoke')))))),
    secret ? h('p', { class: 'notice', role: 'status' }, 'Copy the token now; it is not shown again: ', h('code', { class: 'secret' }, secret)) : null,
    h('form', { class: 'inline-form', onSubmit: (e: Event) => { e.preventDefault(); void act.run(async () => { const made = await api<{ token: string }>('POST', '/tokens', { name, role }); setSecret(made.token); setName(''); r.reload(); }); } },
      h(Field, { id: 'token-name', label: 'Name', required: true, value: name, onInput: setName }),
      h(Select, { id: 'token-role', label: 'Role', value: role, options: [['agent', 'Agent'], ['viewer', 'Viewer'], ['admin', 'Admin']], onChange: setRole }),
      h('button', { type: 'submit', class: 'primary', disabled: act.busy }, 'Create token')),
    h(Status, { error: act.error ?? r.error, ok: act.ok }));
}
