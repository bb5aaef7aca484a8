/** The realtime layer: the WebSocket gateway at /chat/ws, its sockets, the relay between nodes, agents' live updates and the routing timer. */
export { Realtime, TIMERS } from './realtime.ts';
export { Gateway } from './gateway.ts';
export { Hub, type AgentPeer, type CustomerPeer, type Peer } from './hub.ts';
export { RedisRelay, localRelay, type Envelope, type Relay, type Target } from './relay.ts';
export { CONNECTION_LIMITS, TokenBucket } from './connection.ts';
export { FrameError, type OutFrame, type FrameErrorCode } from './frames.ts';
