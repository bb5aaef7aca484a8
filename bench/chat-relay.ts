// The ceiling for `npm run bench:chat`: a bare WebSocket relay speaking the subset of
// docs/chat-protocol.md the load generator uses (hello/welcome, presence, start, offer/accept,
// message/ack), with nothing stored, no auth, no routing rules, no limits. Run as its own
// process: `node --import tsx bench/chat-relay.ts PORT`; prints "ready" once listening.
import { WebSocketServer, type WebSocket } from 'ws';

type Customer = { socket: WebSocket; conversationId: number | null };
type Agent = { socket: WebSocket; online: boolean };

const port = Number(process.argv[2]);
if (!Number.isInteger(port) || port < 1) throw new Error('usage: chat-relay.ts PORT');

const agents: Agent[] = [];
const conversations = new Map<number, { agent: Agent | null; seq: number }>();
let nextConversation = 1;
let nextMessage = 1;
let turn = 0;

const send = (socket: WebSocket, frame: unknown): void => {
  if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(frame));
};

/** Round-robin among online agents, like the real router with every agent equal. */
function offer(id: number, subject: string): void {
  const online = agents.filter((a) => a.online);
  if (online.length === 0) return;
  const agent = online[turn++ % online.length]!;
  send(agent.socket, { type: 'offer', conversation: { id, reference: `CL-${String(id).padStart(8, '0')}`, subject, category: 'general' }, expires_in: 30 });
}

function onCustomer(c: Customer, f: Record<string, unknown>): void {
  const at = new Date().toISOString();
  if (f.type === 'start') {
    const id = nextConversation++;
    c.conversationId = id;
    conversations.set(id, { agent: null, seq: 1 });
    send(c.socket, { type: 'ack', client_id: f.client_id, seq: 1, message_id: nextMessage++, at, conversation: { id, reference: `CL-${String(id).padStart(8, '0')}`, status: 'queued' } });
    offer(id, String(f.text).slice(0, 80));
  } else if (f.type === 'message' && c.conversationId !== null) {
    const conversation = conversations.get(c.conversationId)!;
    const seq = ++conversation.seq;
    const id = nextMessage++;
    send(c.socket, { type: 'ack', client_id: f.client_id, seq, message_id: id, at });
    if (conversation.agent) {
      send(conversation.agent.socket, { type: 'message', conversation_id: c.conversationId, seq, id, client_id: f.client_id, author: { type: 'customer', id: null, name: null }, text: f.text, attachments: [], at, internal: false });
    }
  } else if (f.type === 'ping') {
    send(c.socket, { type: 'pong' });
  }
}

function onAgent(a: Agent, f: Record<string, unknown>): void {
  if (f.type === 'presence') {
    a.online = f.status === 'online';
    send(a.socket, { type: 'ok', ref: null, presence: f.status });
  } else if (f.type === 'accept') {
    const conversation = conversations.get(Number(f.conversation_id));
    if (conversation) conversation.agent = a;
    send(a.socket, { type: 'ok', ref: f.id ?? null });
  }
}

const server = new WebSocketServer({ port, host: '127.0.0.1', path: '/chat/ws', perMessageDeflate: false });
server.on('connection', (socket) => {
  let handle: ((f: Record<string, unknown>) => void) | null = null;
  socket.on('message', (data: Buffer) => {
    const f = JSON.parse(data.toString('utf8')) as Record<string, unknown>;
    if (handle) return handle(f);
    if (f.type !== 'hello') return;
    if (f.role === 'agent') {
      const agent: Agent = { socket, online: false };
      agents.push(agent);
      handle = (frame) => onAgent(agent, frame);
      socket.on('close', () => agents.splice(agents.indexOf(agent), 1));
      send(socket, { type: 'welcome', agent: { id: agents.length, name: 'Agent' }, presence: 'offline', chats: [] });
    } else {
      const customer: Customer = { socket, conversationId: null };
      handle = (frame) => onCustomer(customer, frame);
      send(socket, { type: 'welcome', visitor_token: 'vt_relay', verified: false, customer: null, availability: { online: true, reason: null, teams: [] }, conversation: null });
    }
  });
  socket.on('error', () => {});
});
server.on('listening', () => console.log('ready'));
