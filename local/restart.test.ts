import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ELF_SCOPE, FAMILY_SCOPE, requestToken } from './identity/token-client.js';
import { freePort, portIsFree, startChildRuntime } from './testing/child-runtime.js';
import { eventually, httpClient } from './testing/http-client.js';

const dataDir = mkdtempSync(join(tmpdir(), 'workshop-restart-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

const letter = (i: number) => ({
  child: { id: `restart-${i}`, name: 'Restart', age: 9, country: 'IS' },
  toys: [{ name: 'Sled', quantity: 1 }],
});

describe('make dev with DATA_DIR', () => {
  it('stops cleanly on Ctrl-C and, restarted on the same DATA_DIR and PORT, projects every letter it had accepted and takes the tokens it issued', { timeout: 240_000 }, async () => {
    const env = { DATA_DIR: dataDir, PORT: String(await freePort()) };
    const first = await startChildRuntime(env);
    const familyToken = await requestToken(first.url, { sub: 'family-1', scope: FAMILY_SCOPE });
    const elfToken = await requestToken(first.url, { sub: 'elf-1', scope: ELF_SCOPE });
    const api = httpClient(first.url, familyToken);
    const answers = await Promise.all(Array.from({ length: 20 }, (_, i) => api.post('/letters', letter(i))));
    expect(answers.map((a) => a.status)).toEqual(Array(20).fill(202));

    // Stopped right after the 202s: some events are likely still queued.
    expect(await first.stop('SIGINT')).toBe(0);
    const port = Number(new URL(first.url).port);
    expect(await portIsFree(port)).toBe(true);

    const second = await startChildRuntime(env);
    try {
      const again = httpClient(second.url, familyToken);
      const elves = httpClient(second.url, elfToken);
      for (const answer of answers) {
        const { letterId } = answer.json as { letterId: string };
        await eventually(async () => ((await again.get(`/letters/${letterId}`)).status === 200 ? true : undefined));
      }
      const summary = await eventually(async () => {
        const json = (await elves.get('/analytics/summary')).json as { letters: { active: number } };
        return json.letters.active === 20 ? json : undefined;
      });
      expect(summary).toMatchObject({ children: 20, countries: [{ country: 'IS', letters: 20, quantity: 20 }] });
    } finally {
      expect(await second.stop('SIGTERM')).toBe(0);
    }
  });
});
