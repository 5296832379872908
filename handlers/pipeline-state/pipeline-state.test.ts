import { describe, expect, it } from 'vitest';
import { httpEvent } from '../../shared/testing/http-event.js';
import type { PipelineProbe, ProjectionQueue, QueueCounts } from '../../shared/domain/pipeline.js';
import { pipelineState } from './pipeline-state.js';

const queue = (name: string): ProjectionQueue => ({ name, url: `https://sqs/${name}`, dlqUrl: `https://sqs/${name}-dlq`, metricsService: `project-${name}` });
const QUEUES = [queue('letters-view'), queue('letters-analytics')];

const probeWith = (counts: Record<string, QueueCounts>): PipelineProbe => ({
  counts: async (url) => counts[url] ?? { visible: 0, inFlight: 0, delayed: 0 },
  ages: async () => ({ 'letters-view': { oldestMessageAgeSeconds: 12, readLagSeconds: 12.5 } }),
});

describe('pipelineState', () => {
  it('answers each projection with its backlog, ages and DLQ depth, null where nothing was measured', async () => {
    const probe = probeWith({
      'https://sqs/letters-view': { visible: 4, inFlight: 10, delayed: 1 },
      'https://sqs/letters-analytics-dlq': { visible: 2, inFlight: 1, delayed: 0 },
    });

    const response = await pipelineState({ queues: QUEUES, probe: () => probe })(httpEvent());

    expect(response).toMatchObject({ statusCode: 200, headers: { 'cache-control': 'no-store' } });
    expect(JSON.parse((response as { body: string }).body)).toEqual({
      items: [
        { projection: 'letters-view', backlog: { visible: 4, inFlight: 10, delayed: 1 }, oldestMessageAgeSeconds: 12, readLagSeconds: 12.5, dlqDepth: 0 },
        { projection: 'letters-analytics', backlog: { visible: 0, inFlight: 0, delayed: 0 }, oldestMessageAgeSeconds: null, readLagSeconds: null, dlqDepth: 3 },
      ],
    });
  });
});
