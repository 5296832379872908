// The checks that need a terraform binary: fmt -check, init (hashicorp/aws from a
// local filesystem mirror, no registry), validate and terraform test (mock provider).
//   tsx tools/infra-check/terraform-checks.ts [--infra <dir>] [--require] [--filter tests/<file>.tftest.hcl]
// init, validate and test run in a temporary copy of infra/ with placeholder zips
// in ../dist and the SQL migrations in ../shared/migrations (whose checksums re-run
// migrate), so the work tree is never touched and `make build` is not needed.
// A step that cannot run prints SKIPPED and why; with --require (or
// INFRA_CHECK_REQUIRE_TERRAFORM=1) a skipped step fails the run instead.
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, createWriteStream, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import yazl from 'yazl';
import { findAwsMirror, findTerraform, terraformEnv, terraformVersion, writeCliConfig } from './terraform-env.js';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

const parseArgs = (argv: string[]): { infra: string; require: boolean; filters: string[] } => {
  const infraAt = argv.indexOf('--infra');
  // --filter runs only the named test files (terraform test -filter), for a quick check of one.
  const filters = argv.flatMap((arg, i) => (arg === '--filter' && argv[i + 1] ? [argv[i + 1]!] : []));
  return {
    filters,
    infra: resolve(REPO, (infraAt >= 0 ? argv[infraAt + 1] : undefined) ?? 'infra'),
    require: argv.includes('--require') || process.env.INFRA_CHECK_REQUIRE_TERRAFORM === '1',
  };
};

// Files that must not reach the throw-away copy: state, real variables, local caches.
const copyable = (source: string): boolean => {
  const name = basename(source);
  return !(name === '.terraform' || name.startsWith('terraform.tfstate') || name.endsWith('.tfvars') || name === 'backend.tf' || name === '.terraform.lock.hcl');
};

/** A placeholder bundle per function of wiring.json: index.mjs exporting handler. */
const writePlaceholderZips = async (wiringFile: string, distDir: string): Promise<number> => {
  mkdirSync(distDir, { recursive: true });
  const functions = Object.keys((JSON.parse(readFileSync(wiringFile, 'utf8')) as { functions: Record<string, unknown> }).functions);
  await Promise.all(
    functions.map(
      (name) =>
        new Promise<void>((done, fail) => {
          const zip = new yazl.ZipFile();
          zip.addBuffer(Buffer.from(`export const handler = async () => { throw new Error('placeholder for ${name}'); };\n`), 'index.mjs', { mtime: new Date(0) });
          zip.end();
          zip.outputStream.pipe(createWriteStream(join(distDir, `${name}.zip`))).on('close', () => done()).on('error', fail);
        }),
    ),
  );
  return functions.length;
};

const run = (bin: string, args: string[], options: { cwd: string; env: NodeJS.ProcessEnv }): { ok: boolean; output: string } => {
  const result = spawnSync(bin, args, { ...options, encoding: 'utf8', maxBuffer: 1 << 28 });
  return { ok: result.status === 0, output: `${result.stdout ?? ''}${result.stderr ?? ''}`.trim() };
};

/** The hashicorp/aws version init selected, as `terraform version -json` reports it. */
const selectedProvider = (bin: string, options: { cwd: string; env: NodeJS.ProcessEnv }): string | null => {
  try {
    const out = JSON.parse(execFileSync(bin, ['version', '-json'], { ...options, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] })) as { provider_selections?: Record<string, string> };
    return out.provider_selections?.['registry.terraform.io/hashicorp/aws'] ?? null;
  } catch {
    return null;
  }
};

const main = async (): Promise<void> => {
  const { infra, require, filters } = parseArgs(process.argv.slice(2));
  const results: { step: string; status: string }[] = [];
  const record = (step: string, status: string, detail = ''): void => {
    results.push({ step, status });
    console.log(`${status.padEnd(7)} ${step}${detail ? ` — ${detail}` : ''}`);
  };
  const show = (output: string): void => {
    if (output) console.log(output.replace(/^/gmu, '    '));
  };

  let provider: string | null = null;
  const terraform = findTerraform();
  const version = terraform ? terraformVersion(terraform) : null;
  if (!terraform || !version) {
    const why = terraform ? `${terraform} does not run` : 'no terraform binary on PATH (or TERRAFORM_BIN)';
    for (const step of ['terraform fmt -check', 'terraform init', 'terraform validate', 'terraform test']) record(step, 'SKIPPED', why);
  } else {
    console.log(`terraform ${version} at ${terraform}; checking ${infra}`);
    const fmtWork = mkdtempSync(join(tmpdir(), 'infra-fmt-'));
    writeFileSync(join(fmtWork, 'empty.tfrc'), '');
    const fmt = run(terraform, ['fmt', '-check', '-recursive', '-diff', '-no-color', infra], { cwd: REPO, env: terraformEnv(join(fmtWork, 'empty.tfrc')) });
    rmSync(fmtWork, { recursive: true, force: true });
    record('terraform fmt -check -recursive', fmt.ok ? 'PASSED' : 'FAILED', fmt.ok ? '' : 'run `terraform fmt -recursive infra`');
    if (!fmt.ok) show(fmt.output);

    const mirror = findAwsMirror();
    if (mirror.path === null) {
      for (const step of ['terraform init', 'terraform validate', 'terraform test']) record(step, 'SKIPPED', mirror.reason);
    } else {
      const work = mkdtempSync(join(tmpdir(), 'infra-check-'));
      try {
        const copy = join(work, 'infra');
        cpSync(infra, copy, { recursive: true, filter: copyable });
        const zips = await writePlaceholderZips(join(copy, 'wiring.json'), join(work, 'dist'));
        cpSync(join(REPO, 'shared', 'migrations'), join(work, 'shared', 'migrations'), { recursive: true });
        const env = terraformEnv(writeCliConfig(work, mirror.path), join(work, '.terraform-data'));
        const options = { cwd: copy, env };

        const init = run(terraform, ['init', '-backend=false', '-input=false', '-no-color'], options);
        provider = init.ok ? selectedProvider(terraform, options) ?? mirror.version : mirror.version;
        record('terraform init -backend=false', init.ok ? 'PASSED' : 'FAILED', `hashicorp/aws ${provider} from ${mirror.path}`);
        if (!init.ok) show(init.output);

        const validate = init.ok ? run(terraform, ['validate', '-no-color'], options) : { ok: false, output: '' };
        if (init.ok) record('terraform validate', validate.ok ? 'PASSED' : 'FAILED');
        else record('terraform validate', 'SKIPPED', 'init failed');
        if (init.ok && !validate.ok) show(validate.output);

        if (init.ok) {
          const test = run(terraform, ['test', '-no-color', ...filters.map((f) => `-filter=${f}`)], options);
          const summary = test.output.match(/(\d+) passed, (\d+) failed(?:, (\d+) skipped)?/u)?.[0] ?? 'no summary';
          record('terraform test', test.ok ? 'PASSED' : 'FAILED', `${summary} (mock provider, ${zips} placeholder zips)`);
          if (!test.ok) show(test.output);
        } else {
          record('terraform test', 'SKIPPED', 'init failed');
        }
      } finally {
        rmSync(work, { recursive: true, force: true });
      }
    }
  }

  const count = (status: string): number => results.filter((r) => r.status === status).length;
  const failed = count('FAILED') + (require ? count('SKIPPED') : 0);
  if (require && count('SKIPPED') > 0) console.log('--require: skipped steps count as failures');
  const against = version ? ` (terraform ${version}${provider ? `, hashicorp/aws ${provider}` : ''})` : '';
  console.log(`terraform-checks: ${count('PASSED')} passed, ${failed} failed, ${require ? 0 : count('SKIPPED')} skipped${against}`);
  process.exitCode = failed > 0 ? 1 : 0;
};

await main();
