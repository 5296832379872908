import { submitLetter } from '../handlers/submit-letter/submit-letter.js';
import { createAnalyticsStore } from '../shared/adapters/analytics-store.js';
import { createLettersStore } from '../shared/adapters/letters-store.js';
import { createSnsPublisher } from '../shared/adapters/sns-publisher.js';
import { systemIdsAndClock } from '../shared/domain/ids.js';
import { createLogger } from '../shared/lambda/logger.js';
import { jsonHttpHandler } from '../shared/http/middleware.js';
import { httpEvent } from '../shared/testing/http-event.js';
import { lambdaContext } from '../shared/testing/lambda-context.js';
import { letterBody } from '../shared/testing/letter-bodies.js';
import { crudSubmitLetter } from './crud-baseline.js';
import type { BenchStandIns } from './stand-ins.js';
import { dynamoClientFor } from './stand-ins.js';
import { quantile, shuffle, spreadOf, timed, type Spread } from './stats.js';

/** p50 and p99 of one way of handling POST /letters, as spreads over runs. */
export interface LatencyFigures {
  p50Ms: Spread;
  p99Ms: Spread;
}

export interface CommandVsCrud {
  command: LatencyFigures;
  crud: LatencyFigures;
  /** command p50 / CRUD p50 (and p99), per run. */
  p50Ratio: Spread;
  p99Ratio: Spread;
  runs: number;
  requestsPerRun: number;
}

/**
 * POST /letters through the same Middy stack two ways, against the same stand-ins, interleaved
 * in random order: the command (validate, publish to SNS, 202) and the CRUD baseline
 * (validate, write DynamoDB and PostgreSQL, 201).
 */
export const measureCommandVsCrud = async (
  standIns: BenchStandIns,
  { runs = 5, requestsPerRun = 150 } = {},
): Promise<CommandVsCrud> => {
  const logger = createLogger('bench', 'SILENT');
  const command = jsonHttpHandler(
    logger,
    submitLetter({ publish: createSnsPublisher({ client: standIns.sns, topicArn: standIns.topicArn }), idsAndClock: systemIdsAndClock }),
  );
  const letters = createLettersStore({ client: dynamoClientFor(standIns), tableName: standIns.lettersTable });
  const analytics = createAnalyticsStore(standIns.database.sql);
  const crud = jsonHttpHandler(logger, crudSubmitLetter({ letters, analytics, idsAndClock: systemIdsAndClock }));
  const context = lambdaContext('submit-letter');
  let child = 0;
  // A child of its own per request, so no write contends with another for one partition or row.
  const request = () => httpEvent({ body: letterBody({ child: { id: `child-${++child}`, name: 'Lotta', age: 7, country: 'SE' } }) });
  const variants = { command: () => command(request(), context), crud: () => crud(request(), context) };

  for (let i = 0; i < 30; i++) for (const invoke of Object.values(variants)) await invoke(); // warm-up: JIT, connections
  const perRun = { command: { p50: [] as number[], p99: [] as number[] }, crud: { p50: [] as number[], p99: [] as number[] } };
  const ratios = { p50: [] as number[], p99: [] as number[] };
  for (let run = 0; run < runs; run++) {
    const samples = { command: [] as number[], crud: [] as number[] };
    for (let i = 0; i < requestsPerRun; i++) {
      for (const [name, invoke] of shuffle(Object.entries(variants))) samples[name as keyof typeof samples].push(await timed(invoke));
    }
    for (const name of ['command', 'crud'] as const) {
      perRun[name].p50.push(quantile(samples[name], 0.5));
      perRun[name].p99.push(quantile(samples[name], 0.99));
    }
    ratios.p50.push(quantile(samples.command, 0.5) / quantile(samples.crud, 0.5));
    ratios.p99.push(quantile(samples.command, 0.99) / quantile(samples.crud, 0.99));
    standIns.fauxqs.purgeAll(); // the queue is only there so that publishing fans out; keep it small
  }
  const figures = (name: 'command' | 'crud'): LatencyFigures => ({ p50Ms: spreadOf(perRun[name].p50), p99Ms: spreadOf(perRun[name].p99) });
  return { command: figures('command'), crud: figures('crud'), p50Ratio: spreadOf(ratios.p50), p99Ratio: spreadOf(ratios.p99), runs, requestsPerRun };
};
