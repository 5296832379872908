// `make replay PROJECTION=letters-view|letters-analytics [SINCE=…] [WIPE=1]`: rebuilds one read
// store from the event log through the projection code its consumer runs. See docs/operations.md.
import { parseArgs } from 'node:util';
import { assertArchiveDrained } from './archive-backlog.js';
import { createProgress } from './progress.js';
import { approximateEventCount, PROJECTIONS, replayProjection, wipeProjection, type ProjectionName } from './replay-projection.js';
import { resolveTargets } from './targets.js';

const USAGE = `usage: tsx tools/replay.ts --projection ${PROJECTIONS.join('|')} [--since ISO-time] [--wipe [--force]] [--aws] [--data-dir DIR]`;

const { values } = parseArgs({
  options: {
    projection: { type: 'string', default: process.env.PROJECTION },
    since: { type: 'string', default: process.env.SINCE || undefined },
    wipe: { type: 'boolean', default: false },
    force: { type: 'boolean', default: false },
    aws: { type: 'boolean', default: process.env.TARGET === 'aws' },
    'data-dir': { type: 'string', default: process.env.DATA_DIR || undefined },
    'batch-size': { type: 'string', default: '100' },
  },
});

const projection = values.projection as ProjectionName;
if (!PROJECTIONS.includes(projection)) {
  console.error(`${USAGE}\nunknown projection "${values.projection ?? ''}"`);
  process.exit(2);
}
if (values.wipe && values.since) {
  console.error('--wipe rebuilds from the whole log; it cannot be combined with --since');
  process.exit(2);
}

const targets = await resolveTargets({ aws: values.aws, dataDir: values['data-dir'] });
try {
  if (values.wipe) {
    await assertArchiveDrained(targets, { force: values.force });
    const wiped = await wipeProjection(projection, { ...targets });
    console.error(`${projection}: wiped ${wiped} letters`);
  }
  const total = values.since ? undefined : await approximateEventCount(targets);
  const progress = createProgress(`replay ${projection}`);
  const count = await replayProjection(projection, targets, {
    ...(values.since ? { since: values.since } : {}),
    batchSize: Number(values['batch-size']),
    onProgress: (done) => progress.update(done, total),
  });
  progress.finish(`${count} events replayed${values.since ? ` since ${values.since}` : ''} (${targets.mode})`);
} catch (error) {
  console.error(`replay failed: ${(error as Error).message}`);
  process.exitCode = 1;
} finally {
  await targets.close();
}
