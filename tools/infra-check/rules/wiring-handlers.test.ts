import { describe, expect, it } from 'vitest';
import type { Wiring } from '../../../local/wiring.js';
import { checkFilterPolicies, checkHandlerFolders, checkRouteParameters, checkRoutesAndConsumers } from './wiring-handlers.js';

const fn = (role: Wiring['functions'][string]['role']) => ({ role, memoryMb: 256, timeoutSeconds: 5 });

const wiring: Wiring = {
  topic: 'letters',
  metrics: { namespace: 'SantasWorkshop' },
  commandQuota: { table: 'command-quotas', commandsPerMinute: 60 },
  functions: { 'get-letter': fn('letters-reader'), 'project-letters': fn('letters-projector'), migrate: fn('migrator') },
  routes: { 'GET /letters/{letterId}': { function: 'get-letter', scopes: ['santa/letters'] } },
  consumers: {
    'letters-view': { function: 'project-letters', batchSize: 10, maximumBatchingWindowSeconds: 0, maxReceiveCount: 5, maximumConcurrency: 2, filterPolicy: { type: ['LetterSubmitted'] } },
  },
};

const ATTRIBUTES = { type: ['LetterSubmitted', 'LetterAmended', 'LetterWithdrawn'], schemaVersion: [1], correlationId: [] };

describe('checkHandlerFolders', () => {
  it('accepts one handler folder per function', () => {
    expect(checkHandlerFolders(wiring, ['get-letter', 'migrate', 'project-letters'])).toEqual([]);
  });

  it('reports a function without a folder and a folder without a function', () => {
    expect(checkHandlerFolders(wiring, ['get-letter', 'migrate', 'project-letter'])).toEqual([
      { file: 'infra/wiring.json', resource: 'functions.project-letters', message: 'has no handler folder handlers/project-letters/' },
      { file: 'handlers/project-letter/', resource: 'handlers/project-letter', message: 'is not a function of infra/wiring.json: nothing would deploy it' },
    ]);
  });
});

describe('checkRoutesAndConsumers', () => {
  it('accepts routes and consumers naming defined functions', () => {
    expect(checkRoutesAndConsumers(wiring)).toEqual([]);
  });

  it('reports a route to an unknown function, a malformed route and an unreachable function', () => {
    const broken: Wiring = { ...wiring, routes: { 'GET /letters/{letterId}': { function: 'get-letters', scopes: [] }, 'letters/{letterId}': { function: 'get-letter', scopes: [] } } };

    expect(checkRoutesAndConsumers(broken)).toEqual([
      { file: 'infra/wiring.json', resource: 'routes["GET /letters/{letterId}"]', message: 'names function "get-letters", which wiring.json does not define' },
      { file: 'infra/wiring.json', resource: 'routes["letters/{letterId}"]', message: 'must look like "GET /letters/{letterId}"' },
    ]);
    expect(checkRoutesAndConsumers({ ...wiring, routes: {} })).toEqual([
      { file: 'infra/wiring.json', resource: 'functions.get-letter', message: 'is neither routed, consuming a queue nor scheduled: nothing would invoke it' },
    ]);
  });
});

describe('checkRoutesAndConsumers on schedules', () => {
  const purge = { role: 'analytics-purger' as const, memoryMb: 256, timeoutSeconds: 300 };

  it('accepts a function only a schedule invokes', () => {
    expect(checkRoutesAndConsumers({ ...wiring, functions: { ...wiring.functions, 'purge-expired': { ...purge, schedule: 'rate(1 day)' } } })).toEqual([]);
    expect(checkRoutesAndConsumers({ ...wiring, functions: { ...wiring.functions, 'purge-expired': { ...purge, schedule: 'cron(0 3 * * ? *)' } } })).toEqual([]);
  });

  it('reports a schedule that is no recurring Scheduler expression, and a purger nothing invokes', () => {
    expect(checkRoutesAndConsumers({ ...wiring, functions: { ...wiring.functions, 'purge-expired': { ...purge, schedule: 'rate(1 days)' } } })).toEqual([
      { file: 'infra/wiring.json', resource: 'functions.purge-expired.schedule', message: '"rate(1 days)" is not an EventBridge Scheduler expression such as "rate(1 day)" or "cron(0 3 * * ? *)"' },
    ]);
    expect(checkRoutesAndConsumers({ ...wiring, functions: { ...wiring.functions, 'purge-expired': purge } })).toEqual([
      { file: 'infra/wiring.json', resource: 'functions.purge-expired', message: 'is neither routed, consuming a queue nor scheduled: nothing would invoke it' },
    ]);
  });
});

describe('checkRouteParameters', () => {
  it('reports a path parameter the handler reads but its route lacks', () => {
    const sources = { 'get-letter': { 'handlers/get-letter/get-letter.ts': 'const id = parseLetterId(event.pathParameters?.id);' } };

    expect(checkRouteParameters(wiring, sources)).toEqual([
      { file: 'handlers/get-letter/get-letter.ts', resource: 'routes["GET /letters/{letterId}"]', message: 'get-letter reads path parameter "id", which the route does not have' },
    ]);
  });

  it('accepts a handler reading the route parameter', () => {
    expect(checkRouteParameters(wiring, { 'get-letter': { 'handlers/get-letter/get-letter.ts': 'event.pathParameters?.letterId' } })).toEqual([]);
  });
});

describe('checkFilterPolicies', () => {
  it('accepts a policy on a published attribute with known values', () => {
    expect(checkFilterPolicies(wiring, ATTRIBUTES)).toEqual([]);
  });

  it('accepts an archive that subscribes unfiltered', () => {
    const consumer = wiring.consumers['letters-view'];
    if (!consumer) throw new Error('fixture');
    const withArchive: Wiring = {
      ...wiring,
      functions: { ...wiring.functions, 'archive-events': fn('event-log-writer') },
      consumers: { ...wiring.consumers, 'letters-archive': { function: 'archive-events', batchSize: 10, maximumBatchingWindowSeconds: 0, maxReceiveCount: 5, maximumConcurrency: 2 } },
    };

    expect(checkFilterPolicies(withArchive, ATTRIBUTES)).toEqual([]);
  });

  it('reports an archive that filters and a projection that does not', () => {
    const { filterPolicy: _filter, ...unfiltered } = wiring.consumers['letters-view'] ?? { filterPolicy: {} };
    const broken = {
      ...wiring,
      functions: { ...wiring.functions, 'archive-events': fn('event-log-writer') },
      consumers: {
        'letters-view': unfiltered,
        'letters-archive': { ...unfiltered, function: 'archive-events', filterPolicy: { type: ['LetterSubmitted'] } },
      },
    } as Wiring;

    expect(checkFilterPolicies(broken, ATTRIBUTES).map((f) => [f.resource, f.message.split(':')[0]])).toEqual([
      ['consumers.letters-view.filterPolicy', 'is missing'],
      ['consumers.letters-archive.filterPolicy', 'must be absent'],
    ]);
  });

  it('reports an attribute publishers do not set, an unknown value and an empty policy', () => {
    const consumer = wiring.consumers['letters-view'];
    if (!consumer) throw new Error('fixture');
    const broken: Wiring = {
      ...wiring,
      consumers: {
        'letters-view': { ...consumer, filterPolicy: { eventType: ['LetterSubmitted'], type: ['LetterSubmited'] } },
        'letters-analytics': { ...consumer, filterPolicy: {} },
      },
    };

    expect(checkFilterPolicies(broken, ATTRIBUTES).map((f) => [f.resource, f.message.split(' (')[0]])).toEqual([
      ['consumers.letters-view.filterPolicy', 'filters on "eventType", which publishers do not set'],
      ['consumers.letters-view.filterPolicy', '"type" value "LetterSubmited" never occurs'],
      ['consumers.letters-analytics.filterPolicy', 'is empty: the queue would receive every message'],
    ]);
  });
});
