import type { OutFrame } from './frames.ts';
import type { Envelope, Relay, Target } from './relay.ts';

/** One open socket as the hub knows it; `sendRaw` takes a frame already serialized (once for all its receivers). */
export type Peer = { id: string; send(frame: OutFrame): void; sendRaw(raw: string): void };

/** A customer's socket: the chat it follows, once it has one. */
export type CustomerPeer = Peer & { conversationId: number | null };

/** An agent's socket: the chats it follows (assigned, accepted, written to) and the tickets it views. */
export type AgentPeer = Peer & { agentId: number; name: string; chats: Set<number>; viewing: Set<number> };

type Viewer = { name: string; typing: boolean; at: number };

/** A viewer not refreshed for this long is gone (its node died). */
const VIEWER_TTL_MS = 45_000;

/**
 * The sockets of this node and delivery to them, here and, through the relay, on every other
 * node: a frame for a chat reaches its customer's and its agents' sockets wherever they are.
 * Also who is viewing or typing on a ticket (collision), as every node heard it.
 */
export class Hub {
  private readonly customers = new Map<number, Set<CustomerPeer>>();
  private readonly agents = new Map<number, Set<AgentPeer>>();
  private readonly viewers = new Map<number, Map<number, Viewer>>();

  constructor(
    private readonly nodeId: string,
    private relay: Relay,
  ) {}

  useRelay(relay: Relay): void {
    this.relay = relay;
  }

  follow(peer: CustomerPeer, conversationId: number): void {
    if (peer.conversationId === conversationId) return;
    this.unfollow(peer);
    peer.conversationId = conversationId;
    let set = this.customers.get(conversationId);
    if (!set) this.customers.set(conversationId, (set = new Set()));
    set.add(peer);
  }

  unfollow(peer: CustomerPeer): void {
    if (peer.conversationId === null) return;
    const set = this.customers.get(peer.conversationId);
    set?.delete(peer);
    if (set?.size === 0) this.customers.delete(peer.conversationId);
    peer.conversationId = null;
  }

  addAgent(peer: AgentPeer): void {
    let set = this.agents.get(peer.agentId);
    if (!set) this.agents.set(peer.agentId, (set = new Set()));
    set.add(peer);
  }

  /** Forgets an agent's socket; true when it was the agent's last one on this node. */
  removeAgent(peer: AgentPeer): boolean {
    for (const ticketId of [...peer.viewing]) this.view(peer, ticketId, false, false);
    const set = this.agents.get(peer.agentId);
    set?.delete(peer);
    if (set && set.size > 0) return false;
    this.agents.delete(peer.agentId);
    return true;
  }

  /** Makes every socket of an agent on this node follow a chat (it was assigned to them). */
  followForAgent(agentId: number, conversationId: number): void {
    for (const peer of this.agents.get(agentId) ?? []) peer.chats.add(conversationId);
  }

  /** Agents with a socket on this node. */
  localAgentIds(): number[] {
    return [...this.agents.keys()];
  }

  /** Chats with a customer socket on this node. */
  localConversationIds(): number[] {
    return [...this.customers.keys()];
  }

  /** Whether a customer of this chat is connected to this node. */
  hasCustomers(conversationId: number): boolean {
    return this.customers.has(conversationId);
  }

  /** Sends a frame to its target's sockets on this node and on every other node. */
  deliver(target: Target, frame: OutFrame, except: string | null = null): void {
    this.local(target, frame, except);
    this.relay.publish({ origin: this.nodeId, kind: 'frame', target, frame, except });
  }

  /** Sends a frame to its target's sockets on this node only (what every node does for a bus event). */
  local(target: Target, frame: OutFrame, except: string | null = null): void {
    let raw: string | null = null;
    const send = (peer: Peer): void => {
      if (peer.id !== except) peer.sendRaw((raw ??= JSON.stringify(frame)));
    };
    if (target.kind === 'agent') this.agents.get(target.id)?.forEach(send);
    else if (target.kind === 'agents') {
      const besides = target.besides;
      for (const set of this.agents.values()) for (const peer of set) if (besides === undefined || !(peer.chats.has(besides) || peer.viewing.has(besides))) send(peer);
    } else {
      if (target.audience !== 'agents') this.customers.get(target.id)?.forEach(send);
      if (target.audience !== 'customers') {
        for (const set of this.agents.values()) for (const peer of set) if (peer.chats.has(target.id) || peer.viewing.has(target.id)) send(peer);
      }
    }
  }

  /** What another node relayed. */
  receive(envelope: Envelope): void {
    if (envelope.kind === 'frame') this.local(envelope.target, envelope.frame, envelope.except);
    else if (envelope.kind === 'viewer') this.applyViewer(envelope.ticketId, envelope.agent, envelope.active, envelope.typing);
  }

  /** An agent starts or stops viewing (or typing on) a ticket; every node's viewers of it are told. */
  view(peer: AgentPeer, ticketId: number, active: boolean, typing: boolean): void {
    if (active) peer.viewing.add(ticketId);
    else peer.viewing.delete(ticketId);
    const agent = { id: peer.agentId, name: peer.name };
    this.applyViewer(ticketId, agent, active, typing);
    this.relay.publish({ origin: this.nodeId, kind: 'viewer', ticketId, agent, active, typing });
  }

  /** Re-announces this node's viewers so other nodes keep them (they expire after 45 s). */
  refreshViewers(): void {
    for (const set of this.agents.values()) {
      for (const peer of set) for (const ticketId of peer.viewing) {
        const typing = this.viewers.get(ticketId)?.get(peer.agentId)?.typing ?? false;
        this.view(peer, ticketId, true, typing);
      }
    }
  }

  private applyViewer(ticketId: number, agent: { id: number; name: string }, active: boolean, typing: boolean): void {
    let map = this.viewers.get(ticketId);
    if (active) {
      if (!map) this.viewers.set(ticketId, (map = new Map<number, Viewer>()));
      map.set(agent.id, { name: agent.name, typing, at: Date.now() });
    } else if (map && !this.stillViewingHere(agent.id, ticketId)) {
      map.delete(agent.id);
      if (map.size === 0) this.viewers.delete(ticketId);
    }
    const frame = { type: 'viewers', ticket_id: ticketId, agents: this.viewersOf(ticketId) };
    for (const set of this.agents.values()) for (const peer of set) if (peer.viewing.has(ticketId)) peer.send(frame);
  }

  private stillViewingHere(agentId: number, ticketId: number): boolean {
    for (const peer of this.agents.get(agentId) ?? []) if (peer.viewing.has(ticketId)) return true;
    return false;
  }

  /** Who views a ticket now, by every node's account. */
  viewersOf(ticketId: number): Array<{ id: number; name: string; typing: boolean }> {
    const map = this.viewers.get(ticketId);
    if (!map) return [];
    const cutoff = Date.now() - VIEWER_TTL_MS;
    return [...map.entries()].filter(([, v]) => v.at >= cutoff).map(([id, v]) => ({ id, name: v.name, typing: v.typing }));
  }
}
