// `make analytics-check`: recomputes every analytics aggregate from a scan of the letters and
// reports each difference; exits 1 on any. Locally on DATABASE_URL or the runtime in DATA_DIR;
// with TARGET=aws through the migrate function (its connection may read every table).
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { promisify } from 'node:util';
import { checkAnalytics, type AnalyticsCheck } from '../shared/adapters/analytics-check.js';
import { createSql } from '../shared/adapters/postgres-client.js';
import { localTargets } from './targets.js';

const run = promisify(execFile);

const { values } = parseArgs({
  options: {
    aws: { type: 'boolean', default: process.env.TARGET === 'aws' },
    'data-dir': { type: 'string', default: process.env.DATA_DIR || undefined },
  },
});

/** Invokes the deployed migrate function with the analytics-check action (AWS CLI and Terraform outputs). */
const checkOnAws = async (): Promise<AnalyticsCheck> => {
  const { stdout } = await run('terraform', ['-chdir=infra', 'output', '-json', 'function_names']);
  const functionName = (JSON.parse(stdout) as Record<string, string>).migrate;
  if (!functionName) throw new Error('terraform output function_names has no migrate function: was infra/ applied?');
  const dir = mkdtempSync(join(tmpdir(), 'analytics-check-'));
  try {
    const out = join(dir, 'response.json');
    const { stdout: meta } = await run('aws', [
      'lambda', 'invoke', '--function-name', functionName, '--cli-binary-format', 'raw-in-base64-out',
      '--payload', JSON.stringify({ action: 'analytics-check' }), out,
    ]);
    const response = JSON.parse(readFileSync(out, 'utf8')) as AnalyticsCheck & { errorMessage?: string };
    if ((JSON.parse(meta) as { FunctionError?: string }).FunctionError) throw new Error(`migrate failed: ${response.errorMessage ?? 'unknown error'}`);
    return response;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
};

const checkLocally = async (): Promise<AnalyticsCheck> => {
  if (process.env.DATABASE_URL) {
    const sql = createSql({ url: process.env.DATABASE_URL });
    try {
      return await checkAnalytics(sql);
    } finally {
      await sql.end();
    }
  }
  if (!values['data-dir']) throw new Error("set DATABASE_URL, or DATA_DIR to the local runtime's state directory, or use TARGET=aws");
  const targets = await localTargets(values['data-dir']);
  try {
    return await checkAnalytics(targets.sql());
  } finally {
    await targets.close();
  }
};

try {
  const check = values.aws ? await checkOnAws() : await checkLocally();
  const shown = check.differences.slice(0, 50);
  for (const d of shown) console.log(`${d.aggregate} ${JSON.stringify(d.key)}: expected ${JSON.stringify(d.expected)}, stored ${JSON.stringify(d.actual)}`);
  if (check.differences.length > shown.length) console.log(`… and ${check.differences.length - shown.length} more`);
  console.log(
    `${check.letters} letters scanned, ${check.lettersNotCounted} not yet counted (backfill pending), ${check.differences.length} aggregate rows differ`,
  );
  if (check.differences.length > 0 || check.lettersNotCounted > 0) process.exitCode = 1;
} catch (error) {
  console.error(`analytics check failed: ${(error as Error).message}`);
  process.exitCode = 2;
}
