import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { checkInfra, formatFindings, loadInfraInputs, RULES } from './check-infra.js';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const copies: string[] = [];

afterAll(() => {
  for (const dir of copies) rmSync(dir, { recursive: true, force: true });
});

/** A copy of infra/ (and empty handler folders) in a temporary repo, after `edit`. */
const brokenCopy = (edits: Record<string, (text: string) => string>): string => {
  const root = mkdtempSync(join(tmpdir(), 'broken-infra-'));
  copies.push(root);
  cpSync(join(repoRoot, 'infra'), join(root, 'infra'), { recursive: true, filter: (source) => !source.includes('.terraform') });
  const wiring = JSON.parse(readFileSync(join(root, 'infra', 'wiring.json'), 'utf8')) as { functions: Record<string, unknown> };
  for (const name of Object.keys(wiring.functions)) mkdirSync(join(root, 'handlers', name), { recursive: true });
  for (const [path, edit] of Object.entries(edits)) {
    const file = join(root, path);
    const before = readFileSync(file, 'utf8');
    const after = edit(before);
    if (after === before) throw new Error(`edit of ${path} changed nothing`);
    writeFileSync(file, after);
  }
  return root;
};

describe('checkInfra', () => {
  it('finds nothing wrong with the repository: Terraform, wiring.json and handler folders agree', async () => {
    const findings = checkInfra(await loadInfraInputs({ repoRoot }));

    expect(formatFindings(findings)).toBe('');
  });

  it('reports a consumer without a DLQ, a wildcard action and an unknown argument in a broken copy, naming file and resource', async () => {
    const root = brokenCopy({
      'infra/modules/queue-consumer/main.tf': (text) =>
        text
          .replace(/  redrive_policy = jsonencode\(\{\n    deadLetterTargetArn = aws_sqs_queue\.dlq\.arn\n    maxReceiveCount     = var\.max_receive_count\n  \}\)\n/u, '')
          .replace('  message_retention_seconds         = var.dlq_message_retention_seconds\n', '  message_retention_seconds         = var.dlq_message_retention_seconds\n  visibility_timeout                = 30\n'),
      'infra/modules/queue-consumer/iam.tf': (text) =>
        text.replace('actions   = ["sqs:ChangeMessageVisibility", "sqs:DeleteMessage", "sqs:GetQueueAttributes", "sqs:ReceiveMessage"]', 'actions   = ["sqs:*"]'),
    });

    const findings = checkInfra(await loadInfraInputs({ repoRoot: root }));

    const file = 'infra/modules/queue-consumer/main.tf';
    expect(findings).toEqual([
      { file: 'infra/modules/queue-consumer/iam.tf', resource: 'data.aws_iam_policy_document.consume', message: 'IAM action "sqs:*" is a wildcard: name each action the role needs' },
      { file, resource: 'aws_sqs_queue.dlq', message: 'unknown argument or block "visibility_timeout" (not in hashicorp/aws 5.100.0)' },
      { file, resource: 'aws_sqs_queue.this', message: expect.stringContaining('consumed by aws_lambda_event_source_mapping.this but has no redrive_policy') },
    ]);
  });

  it('reports a function added to wiring.json without a handler folder', async () => {
    const root = brokenCopy({ 'infra/wiring.json': (text) => text.replace('"migrate": {', '"reindex": { "role": "letters-projector", "memoryMb": 256, "timeoutSeconds": 30 },\n    "migrate": {') });
    rmSync(join(root, 'handlers', 'reindex'), { recursive: true, force: true });

    const findings = checkInfra(await loadInfraInputs({ repoRoot: root }));

    expect(findings).toEqual([
      { file: 'infra/wiring.json', resource: 'functions.reindex', message: 'has no handler folder handlers/reindex/' },
      { file: 'infra/wiring.json', resource: 'functions.reindex', message: 'is neither routed, consuming a queue nor scheduled: nothing would invoke it' },
    ]);
  });

  it('reports an index of the event log that drifted from its TypeScript definition', async () => {
    const root = brokenCopy({
      'infra/main.tf': (text) => text.replace('{ name = "byDay", hash_key = "day", range_key = "sk", projection_type = "ALL" }', '{ name = "byDay", hash_key = "day", range_key = "sk", projection_type = "KEYS_ONLY" }'),
    });

    const findings = checkInfra(await loadInfraInputs({ repoRoot: root }));

    expect(findings).toEqual([
      { file: 'infra/main.tf', resource: 'module.event_log_table', message: expect.stringContaining('global secondary indexes ["byDay(day, sk, KEYS_ONLY)"] differ from shared/adapters/event-log-table.ts') },
    ]);
  });

  it('runs every rule', () => {
    expect(Object.keys(RULES)).toHaveLength(26);
  });
});
