// The DynamoDB projectors at concurrency 1, 2, 4, 8 x batch 10, 100 and the batch size the
// sizing formula picks, against dynalite: `scaling.view[]` of make bench. Runnable alone,
//   tsx bench/scaling-view.ts [--write-sizing] [--events <per cell, default 600>]
// which prints the rows, writes bench/results/scaling-view.json and, with --write-sizing, the
// fitted batch costs of both projectors into infra/sizing.json (`make sizing`).
// lockWaitShare is null: DynamoDB has no locks for a writer to wait on (a conditional write
// fails at once, and contention would show as throttling, which dynalite does not model).
import { mkdirSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { SQSEvent } from 'aws-lambda';
import { createDynamoDocumentClient } from '../shared/adapters/dynamodb-client.js';
import { createEventLog } from '../shared/adapters/event-log.js';
import { eventLogTableDefinition } from '../shared/adapters/event-log-table.js';
import { createLettersStore } from '../shared/adapters/letters-store.js';
import { lettersTableDefinition } from '../shared/adapters/letters-table.js';
import type { Projection } from '../shared/domain/ports.js';
import { createLogger } from '../shared/lambda/logger.js';
import { createMetrics } from '../shared/lambda/metrics.js';
import { testChildErasureKey } from '../shared/testing/child-pseudonyms.js';
import { projectBatch } from '../shared/lambda/project-batch.js';
import { startDynalite } from '../shared/testing/dynalite.js';
import { sqsEvent } from '../shared/testing/sqs-event.js';
import { loadSizing, SIZING_FILE, type ConsumerName } from '../tools/peak/peak-data.js';
import { fitBatchCost, writeBatchCosts, type ScalingRow } from './batch-cost.js';
import { freshBatch } from './projection-throughput.js';

export const SCALING_CONCURRENCIES = [1, 2, 4, 8] as const;

/** A row of scaling.view: which projector, and its throughput at one concurrency and batch size. */
export interface ViewScalingRow extends ScalingRow {
  projector: 'project-letters' | 'archive-events';
}

const PROJECTORS = { 'project-letters': 'letters-view', 'archive-events': 'letters-archive' } as const satisfies Record<ViewScalingRow['projector'], ConsumerName>;

/** Batch sizes measured for a consumer: 10, 100 and the one sizing.json gives it at a sized peak. */
export const scalingBatchSizes = (consumer: ConsumerName): number[] => [...new Set([10, 100, loadSizing().consumers[consumer].maxBatchSize])].sort((a, b) => a - b);

/**
 * Events per second of `concurrency` invocations of the real projector running side by side,
 * each on `batches` batches of fresh letters in turn, on one table. Each invocation has its own
 * client, as each execution environment has on AWS (one client's 50 sockets would cap them all).
 */
const measureCell = async (projectionOf: () => Projection, concurrency: number, batchSize: number, batches: number): Promise<number> => {
  const logger = createLogger('bench', 'SILENT');
  const workers = Array.from({ length: concurrency }, () => {
    const metrics = createMetrics('bench', 'SantasWorkshopBench');
    return {
      metrics,
      consume: projectBatch({ projection: projectionOf(), logger, metrics }),
      events: Array.from({ length: batches }, (): SQSEvent => sqsEvent(freshBatch(batchSize))),
    };
  });
  const started = performance.now();
  await Promise.all(
    workers.map(async ({ metrics, consume, events }) => {
      for (const event of events) {
        const failed = (await consume(event)).batchItemFailures.length;
        metrics.clearMetrics();
        if (failed > 0) throw new Error(`${failed} records failed in a scaling benchmark batch`);
      }
    }),
  );
  return (concurrency * batches * batchSize * 1000) / (performance.now() - started);
};

/** scaling.view: both DynamoDB projectors over the concurrency and batch-size grid, on dynalite. */
export const measureScalingView = async ({ eventsPerCell = 600, onStep = (_: string) => {} } = {}): Promise<ViewScalingRow[]> => {
  const dynamo = await startDynalite();
  try {
    await dynamo.createTable(lettersTableDefinition('letters'));
    await dynamo.createTable(eventLogTableDefinition('event-log'));
    const client = () => createDynamoDocumentClient(dynamo.clientConfig);
    const projections: Record<ViewScalingRow['projector'], () => Projection> = {
      'project-letters': () => createLettersStore({ childErasureKey: testChildErasureKey, client: client(), tableName: 'letters' }),
      'archive-events': () => createEventLog({ childErasureKey: testChildErasureKey, client: client(), tableName: 'event-log' }),
    };
    const rows: ViewScalingRow[] = [];
    for (const [projector, consumer] of Object.entries(PROJECTORS) as [ViewScalingRow['projector'], ConsumerName][]) {
      for (const batchSize of scalingBatchSizes(consumer)) {
        await measureCell(projections[projector], 1, batchSize, 1); // warm-up
        for (const concurrency of SCALING_CONCURRENCIES) {
          onStep(`${projector} at concurrency ${concurrency} x batch ${batchSize}`);
          const batches = Math.max(1, Math.ceil(eventsPerCell / (concurrency * batchSize)));
          const eventsPerSec = await measureCell(projections[projector], concurrency, batchSize, batches);
          rows.push({ projector, concurrency, batchSize, eventsPerSec: Math.round(eventsPerSec), lockWaitShare: null });
        }
      }
    }
    return rows;
  } finally {
    await dynamo.stop();
  }
};

/** The batch cost of each measured consumer, fitted on its single-writer rows. */
export const batchCostsOf = (rows: readonly ViewScalingRow[]) =>
  Object.fromEntries(
    (Object.entries(PROJECTORS) as [ViewScalingRow['projector'], ConsumerName][]).map(([projector, consumer]) => [consumer, fitBatchCost(rows.filter((r) => r.projector === projector))]),
  );

const main = async (): Promise<void> => {
  const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
  const eventsAt = process.argv.indexOf('--events');
  const eventsPerCell = eventsAt >= 0 ? Number(process.argv[eventsAt + 1]) : 600;
  const rows = await measureScalingView({ eventsPerCell, onStep: (what) => process.stderr.write(`scaling-view: ${what}…\n`) });
  for (const r of rows) process.stdout.write(`${r.projector.padEnd(16)} ${String(r.concurrency).padStart(2)} x ${String(r.batchSize).padStart(3)}  ${String(r.eventsPerSec).padStart(6)} events/s\n`);
  mkdirSync(join(root, 'bench', 'results'), { recursive: true });
  writeFileSync(join(root, 'bench', 'results', 'scaling-view.json'), `${JSON.stringify({ generatedAt: new Date().toISOString(), view: rows }, null, 2)}\n`);
  if (process.argv.includes('--write-sizing')) {
    const machine = `${availableParallelism()} CPUs (${cpus()[0]?.model ?? 'unknown'})`;
    writeBatchCosts(SIZING_FILE, batchCostsOf(rows), `bench/scaling-view.ts (DynamoDB projectors on dynalite, single writer, batches of ${[...new Set(rows.map((r) => r.batchSize))].join(', ')}) on ${machine}; letters-analytics as last written`, new Date());
    process.stdout.write(`wrote the batch costs into ${SIZING_FILE}\n`);
  }
};

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) await main();
