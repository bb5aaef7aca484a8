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
describe('chat heartbeats', () => {
  let deps: Awaited<ReturnType<typeof testDeps>>;
  let app: FastifyInstance;
  let gateway: Gateway;
  let base = '';

  before(async () => {
    deps = await testDeps('sqlite');
    gateway = new Gateway(new Realtime(deps), 100);
    gateway.start();
    app = Fastify();
    await app.register(cookie);
    await app.register(websocket);
    app.get('/chat/ws', { websocket: true }, (socket, request) => gateway.attach(socket, request));
    await app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  });
  after(async () => {
    gateway.stop();
    await app.close();
    await deps.close();
  });

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
