// Finds a terraform binary and a local filesystem mirror of hashicorp/aws, and
// writes a CLI configuration that installs the provider from that mirror only.
// Shared by derive-provider-schema.ts and terraform-checks.ts.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, join } from 'node:path';

/** Lowest hashicorp/aws version infra/versions.tf accepts. */
export const MIN_AWS_PROVIDER = '5.100.0';
/** First hashicorp/aws version infra/versions.tf no longer accepts (the next major). */
export const NEXT_AWS_PROVIDER_MAJOR = '7.0.0';

/** Where a usable mirror is, or why there is none. */
export type MirrorLookup = { path: string; version: string } | { path: null; reason: string };

/** Negative, zero or positive as version a sorts before, with or after b. */
export const compareVersions = (a: string, b: string): number => {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < 3; i += 1) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
};

const platform = (): string => {
  const os = process.platform === 'win32' ? 'windows' : process.platform;
  const arch = ({ x64: 'amd64', arm64: 'arm64', ia32: '386' } as Record<string, string>)[process.arch] ?? process.arch;
  return `${os}_${arch}`;
};

/** The terraform binary to use ($TERRAFORM_BIN, else the first on PATH), or null. */
export const findTerraform = (env: NodeJS.ProcessEnv = process.env): string | null => {
  if (env.TERRAFORM_BIN) return existsSync(env.TERRAFORM_BIN) ? env.TERRAFORM_BIN : null;
  for (const dir of (env.PATH ?? '').split(delimiter)) {
    if (!dir) continue;
    const candidate = join(dir, process.platform === 'win32' ? 'terraform.exe' : 'terraform');
    if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
  }
  return null;
};

/** Where mirrors usually live; $TF_PLUGIN_MIRROR comes first when set. */
export const mirrorCandidates = (env: NodeJS.ProcessEnv = process.env): string[] =>
  [
    env.TF_PLUGIN_MIRROR,
    '/opt/tf-plugins',
    join(homedir(), '.terraform.d', 'plugins'),
    join(homedir(), '.local', 'share', 'terraform', 'plugins'),
    '/usr/local/share/terraform/plugins',
    '/usr/share/terraform/plugins',
  ].filter((dir): dir is string => Boolean(dir));

/**
 * The first mirror holding an unpacked or packed hashicorp/aws in the accepted range
 * (>= MIN_AWS_PROVIDER, < NEXT_AWS_PROVIDER_MAJOR) for this platform, newest first.
 */
export const findAwsMirror = (env: NodeJS.ProcessEnv = process.env, candidates: string[] = mirrorCandidates(env)): MirrorLookup => {
  const looked: string[] = [];
  for (const root of candidates) {
    looked.push(root);
    const providerDir = join(root, 'registry.terraform.io', 'hashicorp', 'aws');
    if (!existsSync(providerDir)) continue;
    const entries = readdirSync(providerDir);
    const versions = new Set<string>();
    for (const entry of entries) {
      // Unpacked layout: <version>/<os_arch>/terraform-provider-aws_*
      if (existsSync(join(providerDir, entry, platform()))) versions.add(entry);
      // Packed layout: terraform-provider-aws_<version>_<os_arch>.zip
      const packed = entry.match(/^terraform-provider-aws_(\d+\.\d+\.\d+)_(.+)\.zip$/u);
      if (packed?.[1] && packed[2] === platform()) versions.add(packed[1]);
    }
    const usable = [...versions].filter((v) => /^\d+\.\d+\.\d+$/u.test(v) && compareVersions(v, MIN_AWS_PROVIDER) >= 0 && compareVersions(v, NEXT_AWS_PROVIDER_MAJOR) < 0);
    usable.sort(compareVersions);
    const newest = usable.at(-1);
    if (newest) return { path: root, version: newest };
  }
  return {
    path: null,
    reason: `no filesystem mirror of hashicorp/aws >= ${MIN_AWS_PROVIDER}, < ${NEXT_AWS_PROVIDER_MAJOR} for ${platform()} in ${looked.join(', ')} (set TF_PLUGIN_MIRROR)`,
  };
};

/** Writes a CLI config installing hashicorp/aws from `mirror` only; returns its path. */
export const writeCliConfig = (dir: string, mirror: string): string => {
  const file = join(dir, 'terraform-cli.tfrc');
  writeFileSync(
    file,
    `provider_installation {
  filesystem_mirror {
    path    = ${JSON.stringify(mirror)}
    include = ["registry.terraform.io/hashicorp/aws"]
  }
  direct {
    exclude = ["registry.terraform.io/hashicorp/aws"]
  }
}
`,
  );
  return file;
};

/** Environment for terraform runs: our CLI config, no prompts, no colour, no telemetry. */
export const terraformEnv = (cliConfig: string, dataDir?: string): NodeJS.ProcessEnv => ({
  ...process.env,
  TF_CLI_CONFIG_FILE: cliConfig,
  ...(dataDir ? { TF_DATA_DIR: dataDir } : {}),
  TF_IN_AUTOMATION: '1',
  TF_INPUT: '0',
  CHECKPOINT_DISABLE: '1',
  NO_COLOR: '1',
});

/** `terraform version` of a binary, such as 1.11.4, or null if it does not run. */
export const terraformVersion = (bin: string): string | null => {
  try {
    // stderr ignored: a missing ~/.terraformrc only warns.
    const out = JSON.parse(execFileSync(bin, ['version', '-json'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] })) as { terraform_version?: string };
    return out.terraform_version ?? null;
  } catch {
    return null;
  }
};
