import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Deps } from '../deps.ts';
import { addMessage, createTicket, updateTicket, type Category, type Priority } from '../modules/tickets/index.ts';
import { createAgent, createTeam, type Role } from '../modules/identity/index.ts';
import { createMailbox, type NewMailbox } from '../modules/mailboxes/index.ts';
import { createMacro, type NewMacro } from '../modules/macros/index.ts';
import { setAgentRouting, setBusinessHours, WEEKDAYS, type BusinessHours } from '../modules/routing/index.ts';
import { seedHelpCenter } from './seed-helpcenter.ts';

/** The demo login printed at start; kept in the data dir so it survives restarts. */
export type DemoCredentials = { email: string; password: string };

const AGENTS: Array<{ email: string; name: string; role: Role; teams: string[] }> = [
  { email: 'admin@vaultly.example', name: 'Alex Morgan', role: 'admin', teams: ['Support', 'Security'] },
  { email: 'sam@vaultly.example', name: 'Sam Okafor', role: 'agent', teams: ['Support'] },
  { email: 'priya@vaultly.example', name: 'Priya Raman', role: 'agent', teams: ['Billing'] },
  { email: 'jordan@vaultly.example', name: 'Jordan Lee', role: 'agent', teams: ['Security'] },
  { email: 'vic@vaultly.example', name: 'Vic Alvarez', role: 'viewer', teams: [] },
];

/** When each team takes live chats: Support and Security around the clock, Billing office hours in Berlin. */
const TEAM_HOURS: Record<string, Omit<BusinessHours, 'teamId'>> = {
  Support: { timeZone: 'UTC', alwaysOpen: true, schedule: [] },
  Billing: { timeZone: 'Europe/Berlin', alwaysOpen: false, schedule: WEEKDAYS.slice(0, 5).map((day) => ({ day, open: '08:00', close: '18:00' })) },
  Security: { timeZone: 'UTC', alwaysOpen: true, schedule: [] },
};

/** Which chats each agent is offered (skills = categories) and how many at once. */
const CHAT_ROUTING: Record<string, { skills: Category[]; maxChats: number }> = {
  'admin@vaultly.example': { skills: [], maxChats: 2 },
  'sam@vaultly.example': { skills: ['account', 'installation', 'sync', 'general'], maxChats: 4 },
  'priya@vaultly.example': { skills: ['billing', 'account'], maxChats: 3 },
  'jordan@vaultly.example': { skills: ['security', 'account'], maxChats: 2 },
};

/** The addresses the demo receives mail at, and the team each one's tickets go to. */
const MAILBOXES: Array<Omit<NewMailbox, 'teamId'> & { team: string }> = [
  { address: 'support@example.com', name: 'Vaultly Support', category: 'general', team: 'Support' },
  { address: 'billing@example.com', name: 'Vaultly Billing', category: 'billing', team: 'Billing' },
  { address: 'security@example.com', name: 'Vaultly Security', category: 'security', priority: 'high', team: 'Security' },
];

/** Canned replies the console offers; applying one may also set fields. */
const MACROS: NewMacro[] = [
  {
    title: 'Password reset steps',
    body: 'Hi {{customer.first_name | there}},\n\nto choose a new master password, open the Vaultly app on a device where you are still signed in and go to Settings → Security → Change master password. If you are signed out everywhere, use "Forgot master password?" on the sign-in screen and follow the recovery steps.\n\nWe will never ask you for your password or recovery code.\n\n{{agent.first_name}}, Vaultly Support',
    actions: { status: 'pending', addTags: ['password-reset'] },
  },
  {
    title: 'Refund issued',
    body: 'Hi {{customer.first_name | there}},\n\nwe have refunded the charge; depending on your bank it shows on your statement within 5 to 10 business days. Your reference is {{ticket.reference}}.\n\n{{agent.first_name}}, Vaultly Billing',
    actions: { status: 'solved', category: 'billing', addTags: ['refund'] },
  },
  {
    title: 'Need app version',
    body: 'Hi {{customer.first_name | there}},\n\nthanks for the details. Which Vaultly version and operating system are you using? You find the version under Settings → About.\n\n{{agent.first_name}}',
    actions: { status: 'pending', assignee: 'me', addTags: ['needs-info'] },
  },
  {
    title: 'Escalate to Security',
    body: 'Hi {{customer.first_name | there}},\n\nour security team is looking into this now and will contact you shortly. Until then, please do not share any codes or passwords with anyone, including us.\n\n{{agent.first_name}}',
    actions: { priority: 'urgent', category: 'security' },
  },
];

type DemoTicket = {
  customer: [string, string];
  subject: string;
  body: string;
  category: Category;
  priority: Priority;
  team: string;
  reply?: { agent: string; text: string };
  status?: 'pending' | 'solved' | 'on_hold';
  tags?: string[];
};

const TICKETS: DemoTicket[] = [
  { customer: ['maria.gonzalez@example.org', 'María González'], subject: 'Locked out after changing phones', body: 'I moved to a new phone and the authenticator codes for my Vaultly account are gone. I still have the desktop app open. How do I get back in?', category: 'account', priority: 'high', team: 'Support', reply: { agent: 'sam@vaultly.example', text: 'Hi María, since the desktop app is still unlocked you can add your new phone under Settings → Two-step login. Before that, we will verify it is really you: please reply from this address and we will send a one-time code.' }, status: 'pending', tags: ['2fa'] },
  { customer: ['tom.becker@example.net', 'Tom Becker'], subject: 'Charged twice for the Family plan', body: 'My card shows two charges of $59.88 on 3 November for the Family plan. Please refund the duplicate.', category: 'billing', priority: 'normal', team: 'Billing', tags: ['refund'] },
  { customer: ['aiko.tanaka@example.jp', 'Aiko Tanaka'], subject: 'Vault not syncing between laptop and phone', body: 'Items I add on my laptop do not show on my phone. The phone says "Last synced 3 days ago". Version 4.2.1 on Android 14.', category: 'sync', priority: 'normal', team: 'Support', reply: { agent: 'sam@vaultly.example', text: 'Thanks Aiko. Could you pull down on the vault list to force a sync and tell us whether an error code appears?' }, status: 'pending' },
  { customer: ['d.okonkwo@example.com', 'David Okonkwo'], subject: 'Login alert from a country I have never been to', body: 'I got an email saying someone logged into my vault from Romania an hour ago. That was not me. What should I do right now?', category: 'security', priority: 'urgent', team: 'Security', tags: ['possible-compromise'] },
  { customer: ['lena.fischer@example.de', 'Lena Fischer'], subject: 'Browser extension will not install on Firefox', body: 'The Firefox add-on page says the extension is corrupt. Firefox 133 on Ubuntu 24.04.', category: 'installation', priority: 'low', team: 'Support', reply: { agent: 'sam@vaultly.example', text: 'This was caused by an expired signature on version 4.1.9; version 4.2.0 fixes it. Please install it from the add-ons page and let us know.' }, status: 'solved' },
  { customer: ['tom.becker@example.net', 'Tom Becker'], subject: 'Invoice with company VAT number', body: 'Can you reissue my October invoice with our VAT number DE123456789?', category: 'billing', priority: 'low', team: 'Billing' },
  { customer: ['noah.smith@example.com', 'Noah Smith'], subject: 'How do I share a password with my partner?', body: 'We both need the Wi-Fi and streaming logins. Is there a safe way to share them without sending them by text?', category: 'general', priority: 'normal', team: 'Support' },
  { customer: ['aiko.tanaka@example.jp', 'Aiko Tanaka'], subject: 'App is slow to unlock', body: 'Unlocking takes about 20 seconds since the last update. I have roughly 2,000 items.', category: 'sync', priority: 'normal', team: 'Support', status: 'on_hold' },
];

function credentialsFile(deps: Deps): string {
  return join(deps.config.dataDir, 'demo-credentials.json');
}

/** The demo admin login, if the demo workspace was seeded in this data dir. */
export function readDemoCredentials(deps: Deps): DemoCredentials | null {
  const file = credentialsFile(deps);
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as DemoCredentials) : null;
}

/**
 * Seeds the fictional password-manager company Vaultly: teams, agents (one shared generated
 * password, written to the data dir) and tickets across the five problem areas. Runs only on
 * an empty database, so a restart never seeds twice.
 */
export async function seedDemo(deps: Deps): Promise<DemoCredentials | null> {
  const existing = await deps.store.db.selectFrom('agents').select('id').limit(1).executeTakeFirst();
  if (existing) return null;
  const now = deps.clock.now().toISOString();
  const password = `demo-${randomBytes(9).toString('base64url')}`;
  const teams = new Map<string, number>();
  for (const name of ['Support', 'Billing', 'Security']) teams.set(name, (await createTeam(deps.store.db, name, now)).id);
  for (const [name, hours] of Object.entries(TEAM_HOURS)) await setBusinessHours(deps.store.db, teams.get(name)!, hours, now);
  for (const { team, ...mailbox } of MAILBOXES) await createMailbox(deps.store.db, { ...mailbox, teamId: teams.get(team)! }, now);
  const agents = new Map<string, number>();
  for (const a of AGENTS) {
    const agent = await createAgent(deps.store.db, { email: a.email, name: a.name, role: a.role, password, teamIds: a.teams.map((t) => teams.get(t)!) }, now);
    agents.set(a.email, agent.id);
    const routing = CHAT_ROUTING[a.email];
    if (routing) await setAgentRouting(deps.store.db, agent.id, routing, now);
  }
  for (const t of TICKETS) {
    const { ticket } = await deps.uow((work) =>
      createTicket(work, {
        subject: t.subject,
        body: { text: t.body },
        customer: { identity: { kind: 'email', value: t.customer[0] }, name: t.customer[1] },
        channel: 'email',
        category: t.category,
        priority: t.priority,
        teamId: teams.get(t.team)!,
        tags: t.tags ?? [],
      }, { type: 'system' }),
    );
    if (t.reply) {
      const agentId = agents.get(t.reply.agent)!;
      await deps.uow((work) => updateTicket(work, ticket.reference, { assigneeId: agentId }, { type: 'agent', id: agentId }));
      await deps.uow((work) =>
        addMessage(work, { reference: ticket.reference, kind: 'reply', author: { type: 'agent', id: agentId }, channel: 'email', body: { text: t.reply!.text } }, { type: 'agent', id: agentId }),
      );
    }
    if (t.status) await deps.uow((work) => updateTicket(work, ticket.reference, { status: t.status! }, { type: 'system' }));
  }
  for (const macro of MACROS) await createMacro(deps.store.db, macro, now);
  const credentials = { email: AGENTS[0]!.email, password };
  await seedHelpCenter(deps);
  writeFileSync(credentialsFile(deps), JSON.stringify(credentials, null, 2) + '\n', { mode: 0o600 });
  return credentials;
}
