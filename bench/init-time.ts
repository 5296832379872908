import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { shuffle } from './stats.js';

const run = promisify(execFile);

/**
 * What every function needs to pass its cold-start checks; nothing is contacted at import
 * (clients connect lazily), so fake values suffice.
 */
// A fixed, valid key set: the keys only have to parse at cold start.
const BENCH_KEY_SET = JSON.stringify({ current: 'k1', keys: { k1: Buffer.alloc(32, 7).toString('base64url') } });

export const FUNCTION_ENV: Record<string, string> = {
  LETTERS_TOPIC_ARN: 'arn:aws:sns:eu-north-1:123456789012:letters',
  LETTERS_TABLE_NAME: 'letters',
  EVENT_LOG_TABLE_NAME: 'letter-events',
  DATABASE_URL: 'postgres://x@127.0.0.1:1/x',
  AWS_REGION: 'eu-north-1',
  AWS_ACCESS_KEY_ID: 'AKIDBENCHMARK',
  AWS_SECRET_ACCESS_KEY: 'benchmark',
  LOG_LEVEL: 'WARN',
  IDEMPOTENCY_TABLE_NAME: 'idempotency',
  QUOTA_TABLE_NAME: 'command-quotas',
  LETTER_ID_KEYS: BENCH_KEY_SET,
  CHILD_PSEUDONYM_KEYS: BENCH_KEY_SET,
  CHILD_ERASURE_KEYS: BENCH_KEY_SET,
  PROJECTION_QUEUES: JSON.stringify(
    Object.fromEntries(
      ['letters-view', 'letters-analytics', 'letters-archive'].map((projection) => [
        projection,
        {
          url: `https://sqs.eu-north-1.amazonaws.com/123456789012/${projection}`,
          dlqUrl: `https://sqs.eu-north-1.amazonaws.com/123456789012/${projection}-dlq`,
          metricsService: projection,
        },
      ]),
    ),
  ),
  POWERTOOLS_METRICS_NAMESPACE: 'SantasWorkshopBench',
  RETENTION_DAYS: '400',
};

// Timed inside the child, so process start-up is excluded and only import (load, parse, evaluate) counts.
const PROBE = 'const t = performance.now(); await import(process.argv[1]); process.stdout.write(String(performance.now() - t));';

/** A module to time: a label and its files, index.mjs and the chunks it imports, by relative path. */
export interface InitSubject {
  label: string;
  files: readonly { path: string; contents: Uint8Array | string }[];
}

/**
 * Import time of each module in a fresh Node process, minus that of an empty module timed in
 * the same round; subjects run in a new random order every round. Returns ms per label, one per round.
 */
export const measureInitTimes = async (subjects: readonly InitSubject[], rounds: number): Promise<Map<string, number[]>> => {
  const dir = mkdtempSync(join(tmpdir(), 'santa-init-'));
  try {
    const files = new Map<string, string>([['(empty)', join(dir, 'empty.mjs')]]);
    writeFileSync(join(dir, 'empty.mjs'), 'export {};\n');
    subjects.forEach(({ label, files: subjectFiles }, index) => {
      for (const { path, contents } of subjectFiles) {
        mkdirSync(dirname(join(dir, `subject-${index}`, path)), { recursive: true });
        writeFileSync(join(dir, `subject-${index}`, path), contents);
      }
      files.set(label, join(dir, `subject-${index}`, 'index.mjs'));
    });
    const env = { PATH: process.env.PATH ?? '', HOME: dir, ...FUNCTION_ENV };
    const samples = new Map<string, number[]>([...files.keys()].map((label) => [label, []]));
    for (let round = 0; round < rounds; round++) {
      const times = new Map<string, number>();
      for (const [label, file] of shuffle([...files])) {
        const { stdout } = await run(process.execPath, ['--input-type=module', '-e', PROBE, file], { env });
        times.set(label, Number(stdout));
      }
      const empty = times.get('(empty)') ?? 0;
      for (const [label, ms] of times) if (label !== '(empty)') samples.get(label)?.push(ms - empty);
    }
    samples.delete('(empty)');
    return samples;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
};
