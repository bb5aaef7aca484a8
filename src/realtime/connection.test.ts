import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import WebSocket, { WebSocketServer } from 'ws';
import { createLogger } from '../kernel/logger.ts';
import { Connection, CONNECTION_LIMITS } from './connection.ts';

/** A real socket pair on localhost: the server side wrapped in a Connection, the client side collecting frames. */
describe('a connection over a real socket', () => {
  let server: WebSocketServer;
  let conn: Connection;
  let client: WebSocket;
  const got: string[] = [];
  before(async () => {
    server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
    await new Promise<void>((resolve) => server.once('listening', resolve));
    const accepted = new Promise<WebSocket>((resolve) => server.once('connection', resolve));
    client = new WebSocket(`ws://127.0.0.1:${(server.address() as AddressInfo).port}`);
    client.on('message', (data: Buffer) => got.push(data.toString('utf8')));
    conn = new Connection(await accepted, createLogger('silent'));
    await new Promise<void>((resolve) => (client.readyState === client.OPEN ? resolve() : client.once('open', () => resolve())));
  });
  after(async () => {
    client.terminate();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  const until = async (done: () => boolean): Promise<void> => {
    for (let i = 0; i < 200 && !done(); i++) await new Promise((r) => setTimeout(r, 10));
    assert.ok(done());
  };

  test('frames sent in one turn leave in one write and arrive whole and in order', async () => {
    got.length = 0;
    const tcp = (conn.socket as unknown as { _socket: { _writev: (...a: unknown[]) => unknown; _write: (...a: unknown[]) => unknown } })._socket;
    let writes = 0;
    const [writev, write] = [tcp._writev, tcp._write];
    tcp._writev = (...a: unknown[]) => (writes++, writev.apply(tcp, a));
    tcp._write = (...a: unknown[]) => (writes++, write.apply(tcp, a));
    try {
      for (let i = 0; i < 500; i++) conn.send({ type: 'n', i });
      conn.sendRaw('{"type":"raw"}');
      await until(() => got.length === 501);
    } finally {
      [tcp._writev, tcp._write] = [writev, write];
    }
    assert.equal(writes, 1, '501 frames, one write to the TCP socket');
    assert.deepEqual(got.slice(0, 3).map((g) => JSON.parse(g) as unknown), [{ type: 'n', i: 0 }, { type: 'n', i: 1 }, { type: 'n', i: 2 }]);
    assert.equal(got[499], '{"type":"n","i":499}');
    assert.equal(got[500], '{"type":"raw"}');
    conn.send({ type: 'later' });
    await until(() => got.length === 502);
  });

  test('frames still running count as pending; past the limit the connection is saturated until they finish', async () => {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const done: number[] = [];
    for (let i = 0; i < CONNECTION_LIMITS.pendingFrames - 1; i++) conn.run(null, async () => void (await held, done.push(i)));
    assert.equal(conn.saturated, false);
    conn.run(null, async () => void done.push(-1));
    assert.equal(conn.pending, CONNECTION_LIMITS.pendingFrames);
    assert.equal(conn.saturated, true);
    release();
    await until(() => conn.pending === 0);
    assert.equal(conn.saturated, false);
    assert.equal(done.length, CONNECTION_LIMITS.pendingFrames, 'every frame taken ran, in order');
    assert.equal(done.at(-1), -1);
  });

  test('a failing frame still frees its place and is answered with an error frame', async () => {
    got.length = 0;
    conn.run('c-9', async () => {
      throw new Error('boom');
    });
    await until(() => conn.pending === 0 && got.length === 1);
    assert.deepEqual(JSON.parse(got[0]!), { type: 'error', code: 'internal', message: 'Something went wrong on our side; it has been logged.', ref: 'c-9' });
  });
});
