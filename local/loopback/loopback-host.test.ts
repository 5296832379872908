import { describe, expect, it } from 'vitest';
import { isLoopbackHost } from './loopback-host.js';

describe('isLoopbackHost', () => {
  it.each(['localhost', 'localhost:3000', 'LOCALHOST:3000', '127.0.0.1', '127.0.0.1:8080', '[::1]', '[::1]:3000'])('accepts %s', (host) => {
    expect(isLoopbackHost(host)).toBe(true);
  });

  it.each([
    ['a rebound DNS name', 'attacker.example:3000'],
    ['a name that only starts like localhost', 'localhost.attacker.example'],
    ['a LAN address', '192.168.1.20:3000'],
    ['the wildcard address', '0.0.0.0:3000'],
    ['a malformed port', 'localhost:abc'],
    ['an empty Host', ''],
    ['no Host at all', undefined],
  ])('refuses %s', (_, host) => {
    expect(isLoopbackHost(host)).toBe(false);
  });
});
