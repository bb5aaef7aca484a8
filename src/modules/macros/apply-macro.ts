import { badRequest } from '../../kernel/errors.ts';
import type { Actor } from '../../kernel/events.ts';
import type { Work } from '../../store/unit-of-work.ts';
import { getAgent } from '../identity/index.ts';
import { findTicket, textToHtml, updateTicket, type Ticket, type TicketPatch } from '../tickets/index.ts';
import { getMacro, type MacroActions } from './macros.ts';
import { renderMacro } from './render-macro.ts';

/** What applying a macro gives the agent: the ticket after its field changes, and the reply to edit and send. */
export type AppliedMacro = { ticket: Ticket; text: string; html: string };

function patchOf(actions: MacroActions, ticket: Ticket, agentId: number | null): TicketPatch {
  let assigneeId: number | null | undefined;
  if (actions.assignee === 'me') {
    if (agentId === null) throw badRequest('This macro assigns the ticket to the agent applying it; an API token is not an agent', { assignee: 'me' });
    assigneeId = agentId;
  } else assigneeId = actions.assignee;
  return {
    ...(actions.status !== undefined ? { status: actions.status } : {}),
    ...(actions.priority !== undefined ? { priority: actions.priority } : {}),
    ...(actions.category !== undefined ? { category: actions.category } : {}),
    ...(actions.teamId !== undefined ? { teamId: actions.teamId } : {}),
    ...(assigneeId !== undefined ? { assigneeId } : {}),
    ...(actions.addTags?.length ? { tags: [...ticket.tags, ...actions.addTags] } : {}),
  };
}

/**
 * Applies a macro to a ticket in the caller's transaction: its field changes go through
 * updateTicket (transition and verification rules, the ticket.updated event), and its body
 * comes back rendered for the reply box; nothing is sent.
 */
export async function applyMacro(work: Work, macroId: number, reference: string, caller: { actor: Actor; agentId: number | null }): Promise<AppliedMacro> {
  const macro = await getMacro(work.trx, macroId);
  const before = await findTicket(work.trx, reference);
  const patch = patchOf(macro.actions, before, caller.agentId);
  const ticket = Object.keys(patch).length ? await updateTicket(work, before.reference, patch, caller.actor) : before;
  const agent = caller.agentId !== null ? await getAgent(work.trx, caller.agentId) : null;
  const text = renderMacro(macro.body, { customer: ticket.customer, ticket, agent });
  return { ticket, text, html: textToHtml(text) };
}
