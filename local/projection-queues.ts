import type { Topology } from './topology.js';
import { wiring } from './wiring.js';

/** PROJECTION_QUEUES for the operations functions: each consumer queue, its DLQ and its projector's metrics service. */
export const projectionQueues = (topology: Topology) =>
  Object.fromEntries(
    Object.values(topology.queues).map((queue) => [
      queue.name,
      { url: queue.url, dlqUrl: queue.dlqUrl, metricsService: wiring.consumers[queue.name]?.function ?? queue.name },
    ]),
  );
