import { createServer, type AddressInfo, type Server } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { isLoopbackAddress, listeningOnLoopbackOnly } from './loopback-listen.js';

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))));
});

const listen = (bind: (server: Server, done: () => void) => void): Promise<string> =>
  new Promise((resolve) => {
    const server = createServer();
    servers.push(server);
    bind(server, () => resolve((server.address() as AddressInfo).address));
  });

describe('listeningOnLoopbackOnly', () => {
  it.each([
    ['listen({ host: "0.0.0.0" })', (server: Server, done: () => void) => server.listen({ port: 0, host: '0.0.0.0' }, done)],
    ['listen({ host: "::" })', (server: Server, done: () => void) => server.listen({ port: 0, host: '::' }, done)],
    ['listen(port, "0.0.0.0")', (server: Server, done: () => void) => server.listen(0, '0.0.0.0', done)],
    ['listen(port) without a host', (server: Server, done: () => void) => server.listen(0, done)],
  ])('binds %s to 127.0.0.1 while it runs', async (_, bind) => {
    const address = await listeningOnLoopbackOnly(() => listen(bind));

    expect(address).toBe('127.0.0.1');
  });

  it('leaves an explicit address alone, and listen() as it was afterwards', async () => {
    const during = await listeningOnLoopbackOnly(() => listen((server, done) => server.listen(0, '::1', done)).catch(() => '::1'));
    const after = await listen((server, done) => server.listen({ port: 0, host: '0.0.0.0' }, done));

    expect(during).toBe('::1');
    expect(after).toBe('0.0.0.0');
  });
});

describe('isLoopbackAddress', () => {
  it.each([['127.0.0.1', true], ['127.1.2.3', true], ['::1', true], ['[::1]', true], ['::ffff:127.0.0.1', true], ['0.0.0.0', false], ['::', false], ['10.0.0.1', false]])(
    '%s → %s',
    (address, loopback) => expect(isLoopbackAddress(address)).toBe(loopback),
  );
});
