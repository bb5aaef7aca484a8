import { h } from 'preact';
import { useState } from 'preact/hooks';
import { api, csrf } from '../api.ts';
import { label, teamName, useDirectory } from '../directory.ts';
import { CATEGORIES } from '../types.ts';
import type { Agent } from '../types.ts';
import { Field, Missing, Page, Select, Status, useAction } from './ui.ts';
import { useResource } from './use-resource.ts';

const ROLES: Array<[string, string]> = [['agent', 'Agent'], ['admin', 'Admin'], ['viewer', 'Viewer (read only)']];

type Routing = { agent_id: number; skills: string[]; max_chats: number };

/** Skills (ticket categories; none = every category) and chat capacity of one agent. */
function AgentRouting({ agent }: { agent: Agent }) {
  const r = useResource<Routing>(`/agents/${agent.id}/routing`);
  const [draft, setDraft] = useState<Routing | null>(null);
  const act = useAction();
  if (r.missing) return h(Missing, { what: 'routing (skills and chat capacity)' });
  if (r.error) return h('p', { class: 'error' }, r.error);
  const v = draft ?? r.data;
  if (!v) return h('p', { class: 'muted small' }, 'Loading routing…');
  const toggle = (c: string): void => setDraft({ ...v, skills: v.skills.includes(c) ? v.skills.filter((s) => s !== c) : [...v.skills, c] });
  return h('form', { class: 'routing', onSubmit: (e: Event) => { e.preventDefault(); void act.run(() => api('PUT', `/agents/${agent.id}/routing`, { skills: v.skills, max_chats: v.max_chats }).then(r.reload), 'Saved'); } },
    h('fieldset', null, h('legend', null, 'Skills: chat categories offered (none ticked = all)'),
      CATEGORIES.map((c) => h('label', { key: c, class: 'check-inline' }, h('input', { type: 'checkbox', checked: v.skills.includes(c), onChange: () => toggle(c) }), ` ${label(c)}`))),
    h(Field, { id: `max-chats-${agent.id}`, label: 'Most chats at once', type: 'number', value: String(v.max_chats), onInput: (x) => setDraft({ ...v, max_chats: Number(x) }) }),
    h('button', { type: 'submit', class: 'primary', disabled: act.busy }, 'Save routing'),
    h(Status, { error: act.error, ok: act.ok }));
}

function AgentRow({ agent, open, onOpen }: { agent: Agent; open: boolean; onOpen: () => void }) {
  const dir = useDirectory();
  const act = useAction();
  const save = (body: Record<string, unknown>) => act.run(() => api('PATCH', `/agents/${agent.id}`, body).then(dir.reload), 'Saved');
  return [
    h('tr', { key: agent.id },
      h('td', null, agent.name, h('div', { class: 'muted small' }, agent.email)),
      h('td', null, h('select', { 'aria-label': `Role of ${agent.name}`, value: agent.role, onChange: (e: Event) => void save({ role: (e.target as HTMLSelectElement).value }) }, ROLES.map(([v, t]) => h('option', { key: v, value: v }, t)))),
      h('td', null, agent.team_ids.map((id) => teamName(dir, id)).join(', ') || '—'),
      h('td', null, h('label', null, h('input', { type: 'checkbox', checked: agent.active, onChange: (e: Event) => void save({ active: (e.target as HTMLInputElement).checked }) }), ' Active')),
      h('td', null,
        h('button', { type: 'button', onClick: onOpen, 'aria-expanded': open }, open ? 'Close' : 'Skills & capacity'), ' ',
        h('button', { type: 'button', onClick: () => void act.run(() => api('DELETE', `/agents/${agent.id}/totp`), 'Two-factor reset') }, 'Reset 2FA'),
        h(Status, { error: act.error, ok: act.ok }))),
    open ? h('tr', { key: `${agent.id}-routing` }, h('td', { colSpan: 5 }, h(AgentRouting, { agent }))) : null,
  ];
}

/** Agents: roles, teams, active; skills and chat capacity; two-factor reset; new agents. */
export function AgentsPage() {
  const dir = useDirectory();
  const [open, setOpen] = useState<number | null>(null);
  const [form, setForm] = useState({ email: '', name: '', role: 'agent', password: '', team: '' });
  const act = useAction();
  const create = (e: Event): void => {
    e.preventDefault();
    void act.run(() => api('POST', '/agents', { email: form.email, name: form.name, role: form.role, ...(form.password ? { password: form.password } : {}), team_ids: form.team ? [Number(form.team)] : [] }).then(() => {
      setForm({ email: '', name: '', role: 'agent', password: '', team: '' });
      dir.reload();
    }), 'Agent added');
  };
  return h(Page, { title: 'Agents', intro: 'Who works in the console, their role, teams, skills and how many chats they take at once.' },
    h('table', { class: 'data' },
      h('thead', null, h('tr', null, h('th', null, 'Agent'), h('th', null, 'Role'), h('th', null, 'Teams'), h('th', null, 'Status'), h('th', null, ''))),
      h('tbody', null, dir.agents.map((a) => h(AgentRow, { key: a.id, agent: a, open: open === a.id, onOpen: () => setOpen(open === a.id ? null : a.id) })))),
    h('h2', null, 'Add an agent'),
    h('form', { class: 'inline-form', onSubmit: create },
      h(Field, { id: 'new-agent-name', label: 'Name', value: form.name, required: true, onInput: (v) => setForm({ ...form, name: v }) }),
      h(Field, { id: 'new-agent-email', label: 'Email', type: 'email', value: form.email, required: true, onInput: (v) => setForm({ ...form, email: v }) }),
      h(Select, { id: 'new-agent-role', label: 'Role', value: form.role, options: ROLES, onChange: (v) => setForm({ ...form, role: v }) }),
      h(Select, { id: 'new-agent-team', label: 'Team', value: form.team, options: [['', 'No team'], ...dir.teams.map((t): [string, string] => [String(t.id), t.name])], onChange: (v) => setForm({ ...form, team: v }) }),
      h(Field, { id: 'new-agent-password', label: 'Password (10+ characters)', type: 'password', value: form.password, onInput: (v) => setForm({ ...form, password: v }) }),
      h('button', { type: 'submit', class: 'primary', disabled: act.busy }, 'Add agent')),
    h(Status, { error: act.error, ok: act.ok }));
}

type Interval = { day: string; open: string; close: string };
type Hours = { team_id: number; time_zone: string; always_open: boolean; schedule: Interval[] };
const DAYS: Array<[string, string]> = [['mon', 'Monday'], ['tue', 'Tuesday'], ['wed', 'Wednesday'], ['thu', 'Thursday'], ['fri', 'Friday'], ['sat', 'Saturday'], ['sun', 'Sunday']];

/** A team's time zone and weekly opening hours (as many openings a day as it needs, e.g. around lunch), or always open. */
function TeamHours({ teamId }: { teamId: number }) {
  const r = useResource<Hours>(`/teams/${teamId}/business-hours`);
  const [draft, setDraft] = useState<Hours | null>(null);
  const act = useAction();
  if (r.missing) return h(Missing, { what: 'business hours' });
  if (r.error) return h('p', { class: 'error' }, r.error);
  const v = draft ?? r.data;
  if (!v) return h('p', { class: 'muted small' }, 'Loading hours…');
  const openings = (d: string): Interval[] => v.schedule.filter((i) => i.day === d);
  // A day's openings are replaced together, after the other days' (the server keeps no order).
  const setDay = (d: string, next: Interval[]): void => setDraft({ ...v, schedule: [...v.schedule.filter((i) => i.day !== d), ...next] });
  const edit = (d: string, n: number, change: Partial<Interval>): void => setDay(d, openings(d).map((i, k) => (k === n ? { ...i, ...change } : i)));
  const add = (d: string): void => {
    const last = openings(d).at(-1);
    setDay(d, [...openings(d), last ? { day: d, open: last.close === '24:00' ? '23:00' : last.close, close: '24:00' } : { day: d, open: '09:00', close: '17:00' }]);
  };
  const time = (label: string, value: string, onInput: (value: string) => void) =>
    h('input', { type: 'time', 'aria-label': label, value: value === '24:00' ? '23:59' : value, onInput: (e: Event) => onInput((e.target as HTMLInputElement).value) });
  return h('form', { class: 'hours', onSubmit: (e: Event) => { e.preventDefault(); void act.run(() => api('PUT', `/teams/${teamId}/business-hours`, { time_zone: v.time_zone, always_open: v.always_open, schedule: v.schedule }).then(() => { setDraft(null); r.reload(); }), 'Saved'); } },
    h(Field, { id: `tz-${teamId}`, label: 'Time zone (IANA, e.g. Europe/Berlin)', value: v.time_zone, onInput: (x) => setDraft({ ...v, time_zone: x }) }),
    h('div', { class: 'field check' }, h('input', { id: `always-${teamId}`, type: 'checkbox', checked: v.always_open, onChange: (e: Event) => setDraft({ ...v, always_open: (e.target as HTMLInputElement).checked }) }), h('label', { for: `always-${teamId}` }, 'Always open')),
    v.always_open ? null : h('table', { class: 'data hours-table' }, h('tbody', null, DAYS.map(([d, name]) => {
      const list = openings(d);
      return h('tr', { key: d },
        h('th', null, h('label', { class: 'check-inline' }, h('input', { type: 'checkbox', checked: list.length > 0, onChange: (e: Event) => ((e.target as HTMLInputElement).checked ? add(d) : setDay(d, [])) }), ` ${name}`)),
        h('td', null, list.length === 0 ? h('span', { class: 'muted' }, 'closed') : h('ul', { class: 'plain openings' }, list.map((i, n) => {
          const which = list.length > 1 ? ` (opening ${n + 1})` : '';
          return h('li', { key: n },
            time(`${name} opens${which}`, i.open, (x) => edit(d, n, { open: x })), ' – ',
            time(`${name} closes${which}`, i.close, (x) => edit(d, n, { close: x })),
            list.length > 1 ? h('button', { type: 'button', class: 'link', 'aria-label': `Remove ${name} opening ${n + 1}`, onClick: () => setDay(d, list.filter((_, k) => k !== n)) }, 'Remove') : null);
        }))),
        h('td', null, list.length ? h('button', { type: 'button', class: 'link', 'aria-label': `Add an opening on ${name}`, onClick: () => add(d) }, '+ Opening') : null));
    }))),
    h('button', { type: 'submit', class: 'primary', disabled: act.busy }, 'Save hours'),
    h(Status, { error: act.error, ok: act.ok }));
}

/** Teams and their business hours. */
export function TeamsPage() {
  const dir = useDirectory();
  const [name, setName] = useState('');
  const [open, setOpen] = useState<number | null>(null);
  const act = useAction();
  return h(Page, { title: 'Teams & business hours', intro: 'Tickets and chats are routed to teams; outside a team’s hours, the widget offers email instead of chat.' },
    h('ul', { class: 'plain' }, dir.teams.map((t) => h('li', { key: t.id },
      h('strong', null, t.name), h('span', { class: 'muted small' }, ` ${t.slug} · ${dir.agents.filter((a) => a.team_ids.includes(t.id)).length} agents `),
      h('button', { type: 'button', 'aria-expanded': open === t.id, onClick: () => setOpen(open === t.id ? null : t.id) }, open === t.id ? 'Close' : 'Business hours'),
      open === t.id ? h(TeamHours, { teamId: t.id }) : null))),
    h('form', { class: 'inline-form', onSubmit: (e: Event) => { e.preventDefault(); void act.run(() => api('POST', '/teams', { name }).then(() => { setName(''); dir.reload(); }), 'Team added'); } },
      h(Field, { id: 'new-team', label: 'New team', value: name, required: true, onInput: setName }),
      h('button', { type: 'submit', class: 'primary', disabled: act.busy }, 'Add team')),
    h(Status, { error: act.error, ok: act.ok }));
}

/** Workspace security: require two-factor for everyone; and the admin's own two-factor. */
export function SecurityPage() {
  const r = useResource<{ require_totp: boolean; updated_at: string | null }>('/admin/security');
  const me = useResource<{ totp: { enabled: boolean; required: boolean } | null; session: { idle_timeout_seconds: number; max_age_seconds: number } }>('/auth/me');
  const act = useAction();
  return h(Page, { title: 'Security', intro: 'Two-factor sign-in (TOTP) and session timeouts.' },
    r.missing ? h(Missing, { what: 'security settings' }) : r.data
      ? h('div', { class: 'field check' },
          h('input', { id: 'require-totp', type: 'checkbox', checked: r.data.require_totp, onChange: (e: Event) => void act.run(() => api('PUT', '/admin/security', { require_totp: (e.target as HTMLInputElement).checked }).then(r.reload), 'Saved') }),
          h('label', { for: 'require-totp' }, 'Require two-factor sign-in for every agent (those without it enrol at their next sign-in)'))
      : null,
    h(Status, { error: act.error ?? r.error, ok: act.ok }),
    me.data ? h('p', { class: 'muted' }, `Your two-factor: ${me.data.totp?.enabled ? 'on' : 'off'}. Sessions end after ${Math.round(me.data.session.idle_timeout_seconds / 60)} minutes unused, or ${Math.round(me.data.session.max_age_seconds / 3600)} hours.`) : null,
    h(OwnTotp, { enabled: me.data?.totp?.enabled ?? false, onDone: me.reload }));
}

function OwnTotp({ enabled, onDone }: { enabled: boolean; onDone: () => void }) {
  const [setup, setSetup] = useState<{ secret: string; otpauth_url: string } | null>(null);
  const [code, setCode] = useState('');
  const act = useAction();
  if (enabled) return null;
  return h('div', { class: 'card' },
    h('h2', null, 'Turn on two-factor for yourself'),
    !setup
      ? h('button', { type: 'button', onClick: () => void act.run(async () => setSetup(await api('POST', '/auth/totp/setup', {}))) }, 'Start')
      : h('form', { onSubmit: (e: Event) => { e.preventDefault(); void act.run(async () => { const s = await api<{ csrf_token: string }>('POST', '/auth/totp/enable', { code }); csrf.set(s.csrf_token); onDone(); }, 'Two-factor is on'); } },
          h('p', null, 'Add this key to your authenticator app: ', h('code', { class: 'secret' }, setup.secret)),
          h(Field, { id: 'own-totp', label: 'Code from the app', value: code, onInput: setCode, required: true }),
          h('button', { type: 'submit', class: 'primary', disabled: act.busy }, 'Turn on')),
    h(Status, { error: act.error, ok: act.ok }));
}

