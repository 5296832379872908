import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { findAwsMirror, writeCliConfig } from './terraform-env.js';

const here = dirname(fileURLToPath(import.meta.url));
const platform = `${process.platform}_${process.arch === 'x64' ? 'amd64' : process.arch}`;
const made: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'mirror-test-'));
  made.push(dir);
  return dir;
};
const unpacked = (root: string, version: string) => mkdirSync(join(root, 'registry.terraform.io', 'hashicorp', 'aws', version, platform), { recursive: true });

afterEach(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('findAwsMirror', () => {
  it('finds the newest usable version of an unpacked or packed mirror', () => {
    const root = tempDir();
    unpacked(root, '5.100.0');
    writeFileSync(join(root, 'registry.terraform.io', 'hashicorp', 'aws', `terraform-provider-aws_5.101.0_${platform}.zip`), '');

    expect(findAwsMirror({}, [root])).toEqual({ path: root, version: '5.101.0' });
  });

  it('passes over a version of the next major, which versions.tf excludes', () => {
    const root = tempDir();
    unpacked(root, '6.21.0');
    unpacked(root, '7.0.0');

    expect(findAwsMirror({}, [root])).toEqual({ path: root, version: '6.21.0' });
  });

  it('passes over mirrors too old for the version constraint and says where it looked', () => {
    const old = tempDir();
    unpacked(old, '5.99.1');

    const found = findAwsMirror({}, [old, '/nonexistent']);

    if (found.path !== null) throw new Error(`found ${found.path}`);
    expect(found.reason).toContain(`no filesystem mirror of hashicorp/aws >= 5.100.0, < 7.0.0 for ${platform} in ${old}, /nonexistent`);
  });
});

describe('writeCliConfig', () => {
  it('installs hashicorp/aws from the mirror only', () => {
    const dir = tempDir();

    const file = writeCliConfig(dir, '/opt/mirror');

    expect(file).toBe(join(dir, 'terraform-cli.tfrc'));
  });
});

describe('terraform-checks.ts', () => {
  const runChecks = (args: string[]) =>
    spawnSync(process.execPath, ['--import', 'tsx', join(here, 'terraform-checks.ts'), ...args], { cwd: join(here, '..', '..'), encoding: 'utf8', env: { PATH: '/nonexistent', HOME: tmpdir() } });

  it('prints SKIPPED with the reason for each step when there is no terraform, and does not fail', () => {
    const result = runChecks([]);

    expect(result.stdout).toContain('SKIPPED terraform fmt -check — no terraform binary on PATH');
    expect(result.stdout).toContain('SKIPPED terraform test — no terraform binary on PATH');
    expect(result.stdout).toContain('terraform-checks: 0 passed, 0 failed, 4 skipped');
    expect(result.status).toBe(0);
  });

  it('fails on skipped steps with --require', () => {
    const result = runChecks(['--require']);

    expect(result.stdout).toContain('terraform-checks: 0 passed, 4 failed, 0 skipped');
    expect(result.status).toBe(1);
  });
});
