import { Metrics } from '@aws-lambda-powertools/metrics';

/**
 * One EMF metrics instance per function: the service dimension is the function name and the
 * namespace is POWERTOOLS_METRICS_NAMESPACE (wiring.json `metrics.namespace`).
 */
export const createMetrics = (functionName: string, namespace = process.env.POWERTOOLS_METRICS_NAMESPACE): Metrics =>
  new Metrics({ serviceName: functionName, ...(namespace ? { namespace } : {}) });
