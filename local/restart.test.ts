import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { portIsFree, startChildRuntime } from './testing/child-runtime.js';
import { eventually, httpClient } from './testing/http-client.js';

const dataDir = mkdtempSync(join(tmpdir(), 'workshop-restart-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

const letter = (i: number) => ({
  child: { id: `restart-${i}`, name: 'Restart', age: 9, country: 'IS' },
  toys: [{ name: 'Sled', quantity: 1 }],
});

describe('make dev with DATA_DIR', () => {
  it('stops cleanly on Ctrl-C and, restarted on the same DATA_DIR, projects every letter it had accepted', { timeout: 240_000 }, async () => {
    const first = await startChildRuntime({ DATA_DIR: dataDir });
    const api = httpClient(first.url);
    const answers = await Promise.all(Array.from({ length: 20 }, (_, i) => api.post('/letters', letter(i))));
    expect(answers.map((a) => a.status)).toEqual(Array(20).fill(202));

    // Stopped right after the 202s: some events are likely still queued.
    expect(await first.stop('SIGINT')).toBe(0);
    const port = Number(new URL(first.url).port);
    expect(await portIsFree(port)).toBe(true);

    const second = await startChildRuntime({ DATA_DIR: dataDir });
    try {
      const again = httpClient(second.url);
      for (const answer of answers) {
        const { letterId } = answer.json as { letterId: string };
        await eventually(async () => ((await again.get(`/letters/${letterId}`)).status === 200 ? true : undefined));
      }
      const summary = await eventually(async () => {
        const json = (await again.get('/analytics/summary')).json as { letters: { active: number } };
        return json.letters.active === 20 ? json : undefined;
      });
      expect(summary).toMatchObject({ children: 20, countries: [{ country: 'IS', letters: 20, quantity: 20 }] });
    } finally {
      expect(await second.stop('SIGTERM')).toBe(0);
    }
  });
});
