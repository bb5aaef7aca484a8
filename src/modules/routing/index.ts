/**
 * Live-chat routing: agent presence, skills and capacity, business hours per team, offers of
 * waiting chats to one agent at a time, queue position and estimated wait. Every piece of state
 * is in the database, so any number of nodes call these at once (conditional updates and a
 * unique index decide races, never an in-memory lock).
 *
 * The gateway's API (`deps` is `RoutingDeps` = `Pick<Deps, 'store' | 'uow' | 'clock'>`):
 *
 *   setPresence(deps, agentId: number, status: PresenceStatus, nodeId: string): Promise<void>
 *   touchPresence(deps, nodeId: string, agentIds: number[]): Promise<void>       // every ~15 s
 *   leavePresence(deps, nodeId: string, agentId: number): Promise<boolean>       // the agent's last socket on this node closed
 *   availability(deps, teamId: number | null): Promise<Availability>
 *   offerNext(deps, ticketId: number): Promise<Offer | null>
 *   acceptOffer(deps, ticketId: number, agentId: number, actor: Actor): Promise<Ticket>   // conflict AppError if no open offer
 *   declineOffer(deps, ticketId: number, agentId: number): Promise<void>          // conflict AppError if no open offer
 *   expireOffers(deps): Promise<number[]>                                       // ticket ids to re-offer
 *   transferChat(deps, ticketId: number, target: TransferTarget, actor: Actor): Promise<Ticket>
 *   queuePosition(deps, ticketId: number): Promise<QueuePosition | null>
 *   waitingChats(deps): Promise<number[]>                                       // unassigned, no open offer, oldest first
 *   queuePositions(deps, ticketIds: number[]): Promise<Map<number, QueuePosition>>    // many at once (the round's queue frames)
 *   offerWaiting(deps, ticketIds?: number[]): Promise<Array<Offer & { ticketId: number }>>  // one round for the whole queue (cheaper than offerNext per chat)
 */
export * from './model.ts';
export { setPresence, touchPresence, leavePresence, onlineAgentIds } from './presence.ts';
export { availability } from './availability.ts';
export { offerNext, acceptOffer, declineOffer, expireOffers, openOfferOf } from './offers.ts';
export { offerWaiting } from './offer-waiting.ts';
export { transferChat } from './transfer-chat.ts';
export { queuePosition, queuePositions, waitingChats, queueOverview, type QueueOverview } from './queue.ts';
export { getAgentRouting, setAgentRouting, MAX_CHATS_LIMIT } from './agent-routing.ts';
export { getBusinessHours, setBusinessHours, isOpenAt, checkTimeZone, type BusinessHours, type OpeningInterval, WEEKDAYS, type Weekday } from './business-hours.ts';
