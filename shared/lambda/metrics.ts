import { Metrics } from '@aws-lambda-powertools/metrics';

/**
 * One EMF metrics instance per function. The service dimension is POWERTOOLS_SERVICE_NAME
 * (on AWS the deployed function name, which the alarms select on), else the function's own
 * name; the namespace is POWERTOOLS_METRICS_NAMESPACE (wiring.json `metrics.namespace`).
 */
export const createMetrics = (
  functionName: string,
  namespace = process.env.POWERTOOLS_METRICS_NAMESPACE,
  serviceName = process.env.POWERTOOLS_SERVICE_NAME ?? functionName,
): Metrics => new Metrics({ serviceName, ...(namespace ? { namespace } : {}) });
