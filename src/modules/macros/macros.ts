import { badRequest, conflict, notFound } from '../../kernel/errors.ts';
import type { Db } from '../../store/database.ts';
import { CATEGORIES, normalizeTags, PRIORITIES, STATUSES, type Category, type Priority, type Status } from '../tickets/index.ts';
import { checkPlaceholders } from './render-macro.ts';

/** What applying a macro changes on the ticket; `assignee: 'me'` assigns the agent who applies it. */
export type MacroActions = {
  status?: Status;
  priority?: Priority;
  category?: Category;
  teamId?: number | null;
  assignee?: number | null | 'me';
  addTags?: string[];
};

/** A canned reply with placeholders, and the field changes that come with it. */
export type Macro = { id: number; title: string; body: string; actions: MacroActions; createdAt: string; updatedAt: string };

export type NewMacro = { title: string; body: string; actions?: MacroActions };
export type MacroPatch = Partial<NewMacro>;

export const MAX_MACRO_BODY = 20_000;

type Row = { id: number; title: string; body: string; actions: string; created_at: string; updated_at: string };
const toMacro = (r: Row): Macro => ({ id: r.id, title: r.title, body: r.body, actions: JSON.parse(r.actions) as MacroActions, createdAt: r.created_at, updatedAt: r.updated_at });

const oneOf = <T extends string>(values: readonly T[], value: T | undefined, field: string): void => {
  if (value !== undefined && !values.includes(value)) throw badRequest(`${field} must be one of ${values.join(', ')}`, { [field]: 'invalid' });
};

/** A macro as stored: trimmed title, known placeholders, valid fields, tags normalized. */
function clean(input: NewMacro): { title: string; body: string; actions: MacroActions } {
  const title = input.title.replace(/\s+/g, ' ').trim();
  if (!title) throw badRequest('A macro needs a title', { title: 'empty' });
  if (title.length > 200) throw badRequest('A macro title may hold at most 200 characters', { title: 'too long' });
  if (!input.body.trim()) throw badRequest('A macro needs a body', { body: 'empty' });
  if (input.body.length > MAX_MACRO_BODY) throw badRequest(`A macro body may hold at most ${MAX_MACRO_BODY} characters`, { body: 'too long' });
  checkPlaceholders(input.body);
  const a = input.actions ?? {};
  oneOf(STATUSES, a.status, 'status');
  oneOf(PRIORITIES, a.priority, 'priority');
  oneOf(CATEGORIES, a.category, 'category');
  const actions: MacroActions = {
    ...(a.status !== undefined ? { status: a.status } : {}),
    ...(a.priority !== undefined ? { priority: a.priority } : {}),
    ...(a.category !== undefined ? { category: a.category } : {}),
    ...(a.teamId !== undefined ? { teamId: a.teamId } : {}),
    ...(a.assignee !== undefined ? { assignee: a.assignee } : {}),
    ...(a.addTags?.length ? { addTags: normalizeTags(a.addTags) } : {}),
  };
  return { title, body: input.body, actions };
}

async function checkTitleFree(db: Db, title: string, exceptId: number | null): Promise<void> {
  const other = await db.selectFrom('macros').select('id').where((eb) => eb(eb.fn('lower', ['title']), '=', title.toLowerCase())).executeTakeFirst();
  if (other && other.id !== exceptId) throw conflict(`A macro titled "${title}" exists already`);
}

export async function listMacros(db: Db): Promise<Macro[]> {
  return (await db.selectFrom('macros').selectAll().orderBy('title').orderBy('id').execute()).map(toMacro);
}

export async function getMacro(db: Db, id: number): Promise<Macro> {
  const row = await db.selectFrom('macros').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound(`Macro ${id}`);
  return toMacro(row);
}

/** Creates a macro; titles are unique regardless of case. */
export async function createMacro(db: Db, input: NewMacro, now: string): Promise<Macro> {
  const m = clean(input);
  await checkTitleFree(db, m.title, null);
  const row = await db
    .insertInto('macros')
    .values({ title: m.title, body: m.body, actions: JSON.stringify(m.actions), created_at: now, updated_at: now })
    .returningAll()
    .executeTakeFirstOrThrow();
  return toMacro(row);
}

/** Changes a macro's title, body or actions (actions are replaced as a whole). */
export async function updateMacro(db: Db, id: number, patch: MacroPatch, now: string): Promise<Macro> {
  const current = await getMacro(db, id);
  const m = clean({ title: patch.title ?? current.title, body: patch.body ?? current.body, actions: patch.actions ?? current.actions });
  if (m.title !== current.title) await checkTitleFree(db, m.title, id);
  await db.updateTable('macros').set({ title: m.title, body: m.body, actions: JSON.stringify(m.actions), updated_at: now }).where('id', '=', id).execute();
  return getMacro(db, id);
}

export async function deleteMacro(db: Db, id: number): Promise<void> {
  const result = await db.deleteFrom('macros').where('id', '=', id).executeTakeFirst();
  if (Number(result.numDeletedRows) === 0) throw notFound(`Macro ${id}`);
}
