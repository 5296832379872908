// `make dlq` shows every DLQ; `make redrive QUEUE=<name>` moves one DLQ back to its queue.
// See docs/operations.md.
import { parseArgs } from 'node:util';
import { dlqReport } from './dlq-report.js';
import { redrive } from './redrive.js';
import { resolveTargets } from './targets.js';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    queue: { type: 'string', default: process.env.QUEUE || undefined },
    sample: { type: 'string', default: '5' },
    json: { type: 'boolean', default: false },
    aws: { type: 'boolean', default: process.env.TARGET === 'aws' },
    'data-dir': { type: 'string', default: process.env.DATA_DIR || undefined },
  },
});
const command = positionals[0] ?? 'show';
if (!['show', 'redrive'].includes(command) || (command === 'redrive' && !values.queue)) {
  console.error('usage: tsx tools/dlq.ts show [--sample N] [--json] | redrive --queue <name>   [--aws] [--data-dir DIR]');
  process.exit(2);
}

const targets = await resolveTargets({ aws: values.aws, dataDir: values['data-dir'] });
try {
  if (command === 'redrive') {
    const result = await redrive(targets, values.queue!);
    if (values.json) console.log(JSON.stringify(result));
    else {
      console.log(`${result.queue}: moved ${result.moved} messages back; ${result.remaining} left in its DLQ`);
      for (const { messageId, reason } of result.skipped) console.log(`    skipped ${messageId}: ${reason}`);
    }
    if (result.skipped.length > 0) process.exitCode = 1;
  } else {
    const reports = await dlqReport(targets, { sampleSize: Number(values.sample) });
    if (values.json) console.log(JSON.stringify(reports, null, 2));
    for (const report of values.json ? [] : reports) {
      console.log(`${report.dlq.padEnd(28)} ${String(report.depth).padStart(6)} messages`);
      for (const message of report.sample) {
        console.log(`    ${message.type.padEnd(18)} letter ${message.letterId ?? '-'}  received ${message.receiveCount}x  sent ${message.sentAt ?? '?'}`);
      }
    }
  }
} catch (error) {
  console.error(`dlq ${command} failed: ${(error as Error).message}`);
  process.exitCode = 1;
} finally {
  await targets.close();
}
