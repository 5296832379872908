import { request as httpRequest } from 'node:http';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FAMILY_SCOPE } from './identity/token-client.js';
import { isLoopbackAddress } from './loopback/loopback-listen.js';
import { startChildRuntime, type ChildRuntime } from './testing/child-runtime.js';
import { listeningSockets } from './testing/listening-sockets.js';

/**
 * Local mode over HTTP against `make dev`'s entry point on a DATA_DIR: nothing listens beyond
 * loopback, and foreign Hosts and non-JSON token requests are refused.
 */
let runtime: ChildRuntime;
let dataDir: string;
beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'workshop-privacy-'));
  runtime = await startChildRuntime({ DATA_DIR: dataDir });
}, 120_000);

afterAll(async () => {
  await runtime?.stop();
  await rm(dataDir, { recursive: true, force: true });
});

// fetch() will not send a Host of our choosing; node:http will.
const withHost = (url: string, host: string): Promise<number> =>
  new Promise((resolve, reject) => {
    const request = httpRequest(url, { headers: { host } }, (response) => {
      response.resume();
      resolve(response.statusCode ?? 0);
    });
    request.on('error', reject);
    request.end();
  });

describe('local mode on loopback', () => {
  it('listens on loopback only, every stand-in included', async () => {
    const sockets = await listeningSockets(runtime.process.pid!);

    // The front (and issuer), SNS/SQS, DynamoDB and PostgreSQL at least.
    expect(sockets.length).toBeGreaterThanOrEqual(4);
    expect(sockets.filter((socket) => !isLoopbackAddress(socket.address))).toEqual([]);
  });

  it('answers 421 to a Host that is not a loopback name, and mints tokens for JSON requests only', async () => {
    const statuses = await Promise.all(['attacker.example', `localhost:${new URL(runtime.url).port}`].map((host) => withHost(`${runtime.url}/openapi.json`, host)));
    const textPlain = await fetch(`${runtime.url}/local/token`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: JSON.stringify({ sub: 'family-x', scope: FAMILY_SCOPE }) });

    expect(statuses).toEqual([421, 200]);
    expect(textPlain.status).toBe(415);
  });
});
