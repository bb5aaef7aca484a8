import type { Deps } from '../deps.ts';
import type { StoredEvent } from '../kernel/events.ts';
import { getConversation, messagesByIds, sequencePending, type ChatMessage } from '../modules/chat/index.ts';
import { availability, expireOffers, leavePresence, offerNext, offerWaiting, queuePosition, queuePositions, touchPresence, type Availability, type Offer, type QueuePosition } from '../modules/routing/index.ts';
import { eventFrame, messageFrame } from './frames.ts';
import { Hub } from './hub.ts';
import { localRelay, RedisRelay, type Envelope, type Relay } from './relay.ts';

/** How often each node expires offers, offers waiting chats and updates queue positions; and refreshes presence. */
export const TIMERS = Object.freeze({ routingMs: 2_000, presenceMs: 15_000, heartbeatMs: 25_000, availabilityMs: 1_000, chatActivityMs: 1_000 });

/** The least time between two sends of chat activity that is due: a twentieth of its window. */
const ACTIVITY_SLICE_MS = 50;

/**
 * The realtime layer of one node: its sockets (the hub), the relay to other nodes, committed
 * domain events forwarded to agents, and the routing timer that offers waiting chats.
 */
export class Realtime {
  readonly hub: Hub;
  private relay: Relay = localRelay;
  private readonly unsubscribe: Array<() => void> = [];
  private timers: NodeJS.Timeout[] = [];
  private ticking = false;
  private readonly lastQueue = new Map<number, string>();
  /** Availability per team as last read, for welcomes: thousands of hellos a second share one read a second. */
  private readonly availabilityCache = new Map<number | null, { at: number; value: Promise<Availability> }>();
  /** The latest message event of each chat not yet sent to the agents who neither follow nor view it, and when it is due (see noteChatActivity). */
  private readonly chatActivity = new Map<number, { event: StoredEvent; due: number }>();
  private activityTimer: NodeJS.Timeout | null = null;
  /** Agents on this node and the presence they set; touched every 15 s while not offline. */
  readonly presence = new Map<number, 'online' | 'away' | 'offline'>();

  constructor(readonly deps: Deps) {
    this.hub = new Hub(deps.config.nodeId, localRelay);
  }

  /** Connects the relay (with REDIS_URL), listens to the bus and starts the timers. */
  async start(): Promise<void> {
    const { config, log } = this.deps;
    if (config.redisUrl) {
      this.relay = await RedisRelay.connect(config.redisUrl, config.databaseUrl, config.nodeId, (e) => this.receive(e), log);
      this.hub.useRelay(this.relay);
    }
    this.unsubscribe.push(this.deps.bus.subscribe({ name: 'realtime-agents', events: '*', handle: (e) => this.onEvent(e) }));
    this.timers.push(setInterval(() => void this.tick(), TIMERS.routingMs));
    this.timers.push(setInterval(() => void this.touch(), TIMERS.presenceMs));
    for (const t of this.timers) t.unref();
  }

  async stop(): Promise<void> {
    for (const t of this.timers) clearInterval(t);
    this.timers = [];
    if (this.activityTimer) clearTimeout(this.activityTimer);
    this.activityTimer = null;
    this.chatActivity.clear();
    for (const u of this.unsubscribe.splice(0)) u();
    await this.relay.close();
  }

  /** Sends public messages to a chat's customers and all its messages to its agents, on every node. */
  deliverMessages(messages: ChatMessage[], except: string | null = null): void {
    for (const m of messages) {
      if (!m.internal) this.hub.deliver({ kind: 'conversation', id: m.conversationId, audience: 'customers' }, messageFrame(m, false), except);
      this.hub.deliver({ kind: 'conversation', id: m.conversationId, audience: 'agents' }, messageFrame(m, true), except);
    }
  }

  /** Whether a team's chats are answered now, as read at most a second ago on this node (what a welcome shows). */
  availability(teamId: number | null): Promise<Availability> {
    const now = performance.now();
    const hit = this.availabilityCache.get(teamId);
    if (hit && now - hit.at < TIMERS.availabilityMs) return hit.value;
    const value = availability(this.deps, teamId);
    this.availabilityCache.set(teamId, { at: now, value });
    value.catch(() => this.availabilityCache.delete(teamId));
    return value;
  }

  /** Presence changed (here or, relayed, on another node): the next welcome reads availability afresh. */
  forgetAvailability(): void {
    this.availabilityCache.clear();
  }

  /** Offers a waiting chat to the next agent and tells that agent, wherever it is connected. */
  async offer(ticketId: number): Promise<void> {
    const offer = await offerNext(this.deps, ticketId);
    if (offer) await this.announceOffers([{ ticketId, ...offer }]);
  }

  /** Tells each agent of the offer made to it (one read of the offered chats for all of them). */
  private async announceOffers(offers: Array<Offer & { ticketId: number }>): Promise<void> {
    if (offers.length === 0) return;
    const rows = await this.deps.store.db.selectFrom('tickets').select(['id', 'reference', 'subject', 'category']).where('id', 'in', offers.map((o) => o.ticketId)).execute();
    const byId = new Map(rows.map((t) => [t.id, t]));
    const now = this.deps.clock.now().getTime();
    for (const offer of offers) {
      const t = byId.get(offer.ticketId);
      if (!t) continue;
      const expiresIn = Math.max(0, Math.round((Date.parse(offer.expiresAt) - now) / 1000));
      this.hub.deliver({ kind: 'agent', id: offer.agentId }, { type: 'offer', conversation: { id: t.id, reference: t.reference, subject: t.subject, category: t.category }, expires_in: expiresIn });
    }
  }

  /** The queue frame for a waiting chat, sent to its customers here when it changed. */
  async sendQueue(conversationId: number, force = false): Promise<void> {
    this.queueFrame(conversationId, await queuePosition(this.deps, conversationId), force);
  }

  private queueFrame(conversationId: number, q: QueuePosition | null, force = false): void {
    const key = q ? `${q.position}:${q.estimatedWaitSeconds}` : 'none';
    if (!force && this.lastQueue.get(conversationId) === key) return;
    this.lastQueue.set(conversationId, key);
    if (q) this.hub.local({ kind: 'conversation', id: conversationId, audience: 'customers' }, { type: 'queue', conversation_id: conversationId, position: q.position, estimated_wait_seconds: q.estimatedWaitSeconds });
  }

  /**
   * One routing round: expired offers and waiting chats are offered again (one batch for the
   * whole queue); queue positions of the chats with a customer here go out (one read for all).
   */
  async tick(): Promise<void> {
    if (this.ticking) return;
    this.ticking = true;
    try {
      // An expired offer puts its chat back among the waiting ones, which offerWaiting reads.
      await expireOffers(this.deps);
      await this.announceOffers(await offerWaiting(this.deps));
      const here = this.hub.localConversationIds();
      const live = new Set(here);
      for (const id of this.lastQueue.keys()) if (!live.has(id)) this.lastQueue.delete(id);
      const positions = await queuePositions(this.deps, here);
      for (const id of here) this.queueFrame(id, positions.get(id) ?? null);
    } catch (error) {
      this.deps.log.warn({ err: error }, 'chat routing round failed');
    } finally {
      this.ticking = false;
    }
  }

  /**
   * An agent's last socket on this node closed: this node stops vouching for its presence, and
   * tells the other nodes, so one that still holds the agent's sockets refreshes it at once.
   */
  async agentLeft(agentId: number): Promise<void> {
    this.presence.delete(agentId);
    const left = await leavePresence(this.deps, this.deps.config.nodeId, agentId);
    this.presenceChanged(agentId, left);
  }

  /** An agent's presence changed here: welcomes here and on every node read availability afresh. */
  presenceChanged(agentId: number, left = false): void {
    this.forgetAvailability();
    this.relay.publish({ origin: this.deps.config.nodeId, kind: 'presence', agentId, left });
  }

  /**
   * What another node relayed: frames and viewers go to the hub. A presence change there makes
   * welcomes here read availability afresh; an agent that node left is refreshed here if it has sockets here.
   */
  private receive(envelope: Envelope): void {
    if (envelope.kind !== 'presence') return this.hub.receive(envelope);
    this.forgetAvailability();
    if (!envelope.left) return;
    const status = this.presence.get(envelope.agentId);
    if (!status || status === 'offline' || !this.hub.localAgentIds().includes(envelope.agentId)) return;
    touchPresence(this.deps, this.deps.config.nodeId, [envelope.agentId]).catch((error: unknown) => this.deps.log.warn({ err: error }, 'presence refresh failed'));
  }

  private async touch(): Promise<void> {
    try {
      const present = [...this.presence.entries()].filter(([, s]) => s !== 'offline').map(([id]) => id);
      await touchPresence(this.deps, this.deps.config.nodeId, present);
      this.hub.refreshViewers();
    } catch (error) {
      this.deps.log.warn({ err: error }, 'presence heartbeat failed');
    }
  }

  /**
   * A busy chat writes several messages a second, and every agent's inbox only needs to know
   * that it moved: the agents who neither follow nor view it get its latest `message.created`
   * event `chatActivityMs` after its first unsent one, not one per message. Each chat keeps its
   * own window, so the events of hundreds of busy chats leave spread over the second rather
   * than in one burst that would stall every other frame.
   */
  private noteChatActivity(e: StoredEvent): void {
    const pending = this.chatActivity.get(e.ticketId!);
    if (pending) pending.event = e;
    else this.chatActivity.set(e.ticketId!, { event: e, due: performance.now() + TIMERS.chatActivityMs });
    this.activityTimer ??= setTimeout(() => this.sendChatActivity(), TIMERS.chatActivityMs).unref();
  }

  /**
   * Sends the chats whose window is over (the map keeps first-noted order, so they lead), then
   * wakes when the next is due, but no sooner than ACTIVITY_SLICE_MS: chats due close together
   * leave together.
   */
  private sendChatActivity(): void {
    this.activityTimer = null;
    const now = performance.now();
    for (const [ticketId, { event, due }] of this.chatActivity) {
      if (due > now) {
        this.activityTimer = setTimeout(() => this.sendChatActivity(), Math.max(ACTIVITY_SLICE_MS, due - now)).unref();
        return;
      }
      this.chatActivity.delete(ticketId);
      this.hub.local({ kind: 'agents', besides: ticketId }, eventFrame(event));
    }
  }

  /**
   * Every committed event reaches this node's agents. A public message written outside the chat
   * (a reply through the API) is numbered here and sent to the chat; an assignment or status
   * change tells the chat's customers on this node where their chat stands.
   */
  private async onEvent(e: StoredEvent): Promise<void> {
    // A chat message reaches the agents who follow or view its chat as a `message` frame; the others learn of the chat's activity once a second.
    if (e.type === 'message.created' && e.data.channel === 'chat' && e.ticketId !== null) this.noteChatActivity(e);
    else this.hub.local({ kind: 'agents' }, eventFrame(e));
    if (e.ticketId === null) return;
    if (e.type === 'message.created' && e.data.channel !== 'chat' && e.data.kind === 'reply') {
      const ticketId = e.ticketId;
      const chat = await this.deps.store.db.selectFrom('chat_conversations').select('ticket_id').where('ticket_id', '=', ticketId).executeTakeFirst();
      if (!chat) return;
      const numbered = await this.deps.uow((work) => sequencePending(work, ticketId));
      this.deliverMessages(await messagesByIds(this.deps.store.db, numbered.map((n) => n.id)));
    }
    if (e.type === 'ticket.updated' && ('assigneeId' in e.data.changes || 'status' in e.data.changes)) {
      if (!this.hub.hasCustomers(e.ticketId) && !('assigneeId' in e.data.changes)) return;
      const c = await getConversation(this.deps.store.db, e.ticketId);
      if (!c) return;
      this.hub.local({ kind: 'conversation', id: c.id, audience: 'customers' }, { type: 'status', conversation_id: c.id, status: c.status, agent: c.agentName ? { name: c.agentName } : null });
      const assignee = e.data.changes.assigneeId?.[1];
      if (typeof assignee === 'number') this.hub.followForAgent(assignee, c.id);
    }
  }
}
