import type { APIGatewayProxyEventV2, APIGatewayProxyResultV2 } from 'aws-lambda';
import { json } from '../../shared/http/http.js';
import type { PipelineProbe, ProjectionQueue, ProjectionState } from '../../shared/domain/pipeline.js';

/** GET /operations/queues: per projection, its backlog, oldest message age, read lag and DLQ depth. */
export const pipelineState =
  ({ queues, probe }: { queues: readonly ProjectionQueue[]; probe: () => PipelineProbe }) =>
  async (_event: APIGatewayProxyEventV2): Promise<APIGatewayProxyResultV2> => {
    const reader = probe();
    const [ages, counts] = await Promise.all([
      reader.ages(queues),
      Promise.all(queues.map(async (queue) => ({ backlog: await reader.counts(queue.url), dlq: await reader.counts(queue.dlqUrl) }))),
    ]);
    const items: ProjectionState[] = queues.map((queue, index) => {
      const { backlog, dlq } = counts[index]!;
      return {
        projection: queue.name,
        backlog,
        oldestMessageAgeSeconds: ages[queue.name]?.oldestMessageAgeSeconds ?? null,
        readLagSeconds: ages[queue.name]?.readLagSeconds ?? null,
        dlqDepth: dlq.visible + dlq.inFlight + dlq.delayed,
      };
    });
    return json(200, { items }, { 'cache-control': 'no-store' });
  };
