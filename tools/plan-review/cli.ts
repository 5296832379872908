// Reviews a saved Terraform plan:
//   terraform -chdir=infra plan -out plan.tfplan
//   tsx tools/plan-review/cli.ts infra/plan.tfplan [--chdir infra] [--fail-on-risk]
//   tsx tools/plan-review/cli.ts plan.json            (from `terraform show -json plan.tfplan`)
// Prints resources added, changed, replaced and destroyed by module; IAM grants
// added or widened; and risks (encryption, deletion protection or PITR turned
// off, ingress from anywhere, anything made public, stateful resources destroyed).
// A binary plan file is turned into JSON with `terraform -chdir=<dir> show -json`
// (dir: --chdir, default the plan file's folder). Exit 0; 2 with --fail-on-risk
// when there is a risk; 1 on bad input.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { formatReview } from './format-review.js';
import type { PlanJson } from './plan-json.js';
import { findRisks } from './risks.js';

const fail = (message: string): never => {
  console.error(`plan-review: ${message}`);
  process.exit(1);
};

const args = process.argv.slice(2);
const chdirAt = args.indexOf('--chdir');
const chdir = chdirAt >= 0 ? args[chdirAt + 1] : undefined;
const file = args.find((a, i) => !a.startsWith('--') && (chdirAt < 0 || i !== chdirAt + 1));
if (!file) throw fail('usage: cli.ts <plan.json | plan.tfplan | -> [--chdir <dir>] [--fail-on-risk]');

const readPlanText = (file: string): string => {
  const raw = readFileSync(file === '-' ? 0 : file);
  if (file === '-' || raw.subarray(0, 1).toString() === '{') return raw.toString('utf8');
  // A binary plan (a zip): only terraform can read it, in the folder it was planned in.
  const dir = resolve(chdir ?? dirname(file));
  const shown = spawnSync('terraform', [`-chdir=${dir}`, 'show', '-json', resolve(file)], { encoding: 'utf8', maxBuffer: 1 << 30 });
  if (shown.error) fail(`${file} is a binary plan and terraform is not available (${shown.error.message}); pass the output of terraform show -json instead`);
  if (shown.status !== 0) fail(`terraform show -json ${file} failed:\n${shown.stderr}`);
  return shown.stdout;
};

const readPlan = (file: string): PlanJson => {
  try {
    return JSON.parse(readPlanText(file)) as PlanJson;
  } catch (error) {
    return fail(`cannot read ${file}: ${error instanceof Error ? error.message : String(error)}`);
  }
};

const plan = readPlan(file);
if (!Array.isArray(plan.resource_changes) && plan.format_version === undefined) fail(`${file} is not the JSON of a plan (use terraform show -json <planfile>)`);

console.log(formatReview(plan));
if (args.includes('--fail-on-risk') && findRisks(plan).length > 0) process.exitCode = 2;
