import { h } from 'preact';
import { useCallback, useEffect, useState } from 'preact/hooks';
import { api, csrf, whenLoggedOut } from './api.ts';
import { Admin } from './admin/admin.ts';
import { ChatBar } from './chat-bar.ts';
import { DirectoryContext, type Directory } from './directory.ts';
import { Inbox } from './inbox.ts';
import { SHORTCUTS, useKeys } from './keyboard.ts';
import { live, type LiveState } from './live.ts';
import { Login } from './login.ts';
import { startNotifications } from './notify.ts';
import { navigate, useRoute } from './router.ts';
import { TicketView } from './ticket.ts';
import type { Agent, Team } from './types.ts';

/** The console: the login until there is a session, then the shell with inbox, ticket and admin. */
export function App() {
  const [me, setMe] = useState<Agent | null | undefined>(undefined);
  const [notice, setNotice] = useState<string | null>(null);
  useEffect(() => {
    api<{ agent: Agent | null; csrf_token: string | null }>('GET', '/auth/me', undefined, { quiet401: true })
      .then((r) => {
        csrf.set(r.agent ? r.csrf_token : null);
        setMe(r.agent && r.csrf_token ? r.agent : null);
      })
      .catch(() => setMe(null));
    return whenLoggedOut(() => {
      live.stop();
      setNotice('Your session ended. Sign in again; your drafts are kept.');
      setMe(null);
    });
  }, []);
  if (me === undefined) return h('p', { class: 'boot' }, 'Loading the console…');
  if (me === null) return h(Login, { notice, onDone: (a: Agent) => { setNotice(null); setMe(a); } });
  return h(Shell, { me, onLogout: () => setMe(null) });
}

function Shell({ me, onLogout }: { me: Agent; onLogout: () => void }) {
  const route = useRoute();
  const [agents, setAgents] = useState<Agent[]>([]);
  const [teams, setTeams] = useState<Team[]>([]);
  const [help, setHelp] = useState(false);
  const [state, setState] = useState<LiveState>(live.state);
  const reload = useCallback(() => {
    void api<{ items: Agent[] }>('GET', '/agents').then((r) => setAgents(r.items)).catch(() => undefined);
    void api<{ items: Team[] }>('GET', '/teams').then((r) => setTeams(r.items)).catch(() => undefined);
  }, []);
  useEffect(() => {
    reload();
    live.start();
    const off = live.onState(setState);
    const stopNotify = startNotifications(me);
    return () => {
      off();
      stopNotify();
      live.stop();
    };
  }, []);
  useKeys({
    '?': () => setHelp((v) => !v),
    ...(help ? { Escape: () => setHelp(false) } : {}),
  });
  const logout = async (): Promise<void> => {
    await api('POST', '/auth/logout').catch(() => undefined);
    csrf.set(null);
    onLogout();
  };
  const directory: Directory = { me, agents, teams, reload };
  const [section] = route.parts;
  const view = section === 'tickets' && route.parts[1]
    ? h(TicketView, { reference: route.parts[1], key: route.parts[1] })
    : section === 'admin'
      ? h(Admin, { section: route.parts[1] ?? 'agents' })
      : h(Inbox, { query: route.query });
  const stateLabel = { connecting: 'Connecting…', live: 'Live', 'events-only': 'Live (events)', offline: 'Offline, retrying' }[state];

  return h(DirectoryContext.Provider, { value: directory },
    h('div', { class: 'shell' },
      h('header', { class: 'topbar' },
        h('a', { class: 'brand', href: '/console/', onClick: (e: Event) => { e.preventDefault(); navigate('/'); } }, 'Careline'),
        h('nav', { 'aria-label': 'Console' },
          h('a', { href: '/console/', 'aria-current': section !== 'admin' ? 'page' : undefined, onClick: (e: Event) => { e.preventDefault(); navigate('/'); } }, 'Inbox'),
          me.role === 'admin' ? h('a', { href: '/console/admin', 'aria-current': section === 'admin' ? 'page' : undefined, onClick: (e: Event) => { e.preventDefault(); navigate('/admin'); } }, 'Admin') : null),
        me.role === 'viewer' ? null : h(ChatBar, null),
        h('span', { class: `live-state ${state}`, role: 'status', title: 'Live updates' }, stateLabel),
        h('button', { class: 'ghost', type: 'button', onClick: () => setHelp(true), 'aria-label': 'Keyboard shortcuts' }, '?'),
        h('span', { class: 'me' }, me.name),
        h('button', { class: 'ghost', type: 'button', onClick: () => void logout() }, 'Sign out')),
      h('div', { class: 'view' }, view),
      help ? h(ShortcutHelp, { onClose: () => setHelp(false) }) : null));
}

function ShortcutHelp({ onClose }: { onClose: () => void }) {
  return h('div', { class: 'overlay', role: 'dialog', 'aria-modal': 'true', 'aria-labelledby': 'keys-title', onClick: onClose },
    h('div', { class: 'card dialog', onClick: (e: Event) => e.stopPropagation() },
      h('h2', { id: 'keys-title' }, 'Keyboard shortcuts'),
      h('table', { class: 'keys' }, h('tbody', null, SHORTCUTS.map(([k, what]) => h('tr', { key: k }, h('th', null, h('kbd', null, k)), h('td', null, what))))),
      h('button', { type: 'button', class: 'primary', onClick: onClose, autoFocus: true }, 'Close')));
}
