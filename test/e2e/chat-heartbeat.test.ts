import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import cookie from '@fastify/cookie';
import websocket from '@fastify/websocket';
import Fastify, { type FastifyInstance } from 'fastify';
import { WebSocket } from 'ws';
import { Gateway, Realtime } from '../../src/realtime/index.ts';
import { testDeps } from '../support/builders.ts';
import { customer } from '../support/ws-client.ts';

// The gateway of `careline serve` pings every 25 s; here every 100 ms, so two missed pongs take well under a second.
/** A gateway with the given heartbeat period behind /chat/ws, on its own port. */
async function serveGateway(heartbeatMs: number): Promise<{ base: string; close: () => Promise<void> }> {
  const deps = await testDeps('sqlite');
  const gateway = new Gateway(new Realtime(deps), heartbeatMs);
  gateway.start();
  const app: FastifyInstance = Fastify();
  await app.register(cookie);
  await app.register(websocket);
  app.get('/chat/ws', { websocket: true }, (socket, request) => gateway.attach(socket, request));
  await app.listen({ port: 0, host: '127.0.0.1' });
  return {
    base: `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`,
    close: async () => {
      gateway.stop();
      await app.close();
      await deps.close();
    },
  };
}

describe('chat heartbeats', () => {
  let server: Awaited<ReturnType<typeof serveGateway>>;
  let base = '';

  before(async () => {
    server = await serveGateway(100);
    base = server.base;
  });
  after(() => server.close());

  test('a client that answers pings stays; one that misses two is closed', async () => {
    const { client: alive } = await customer(base);
    const silent = new WebSocket(`${base.replace('http', 'ws')}/chat/ws`, { autoPong: false });
    const closed = new Promise<number>((resolve) => silent.on('close', (code) => resolve(code)));
    await new Promise((resolve) => silent.once('open', resolve));
    silent.send(JSON.stringify({ type: 'hello', role: 'customer' }));
    const code = await Promise.race([closed, new Promise<string>((resolve) => setTimeout(() => resolve('still open'), 3000))]);
    assert.equal(code, 1006, 'terminated without a close frame');
    assert.equal(alive.ws.readyState, WebSocket.OPEN);
    await alive.close();
  });
});

describe('chat heartbeats spread over the period', () => {
  let server: Awaited<ReturnType<typeof serveGateway>>;

  // 600 ms cut into 60 slices of 10 ms: sockets that joined one after another are pinged at different ticks.
  before(async () => {
    server = await serveGateway(600);
  });
  after(() => server.close());

  test('sockets are pinged once a period each, not all at the same moment', async () => {
    const sockets = await Promise.all(Array.from({ length: 6 }, () => customer(server.base)));
    const pings: number[][] = sockets.map(() => []);
    const start = performance.now();
    sockets.forEach(({ client }, i) => client.ws.on('ping', () => pings[i]!.push(performance.now() - start)));
    await new Promise((resolve) => setTimeout(resolve, 1_400));
    for (const [i, times] of pings.entries()) assert.ok(times.length >= 2 && times.length <= 3, `socket ${i} was pinged ${times.length} times in 1.4 s: ${times.map((t) => t.toFixed(0)).join(', ')}`);
    const firsts = pings.map((times) => times[0]!);
    assert.ok(Math.max(...firsts) - Math.min(...firsts) >= 30, `first pings at ${firsts.map((t) => t.toFixed(0)).join(', ')} ms: one slice a tick`);
    await Promise.all(sockets.map(({ client }) => client.close()));
  });
});
