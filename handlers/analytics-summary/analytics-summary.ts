import type { APIGatewayProxyResultV2 } from 'aws-lambda';
import { json } from '../../shared/http/http.js';
import type { AnalyticsReader } from '../../shared/domain/ports.js';

/** GET /analytics/summary: totals over all letters. */
export const analyticsSummary =
  ({ analytics }: { analytics: Pick<AnalyticsReader, 'summary'> }) =>
  async (): Promise<APIGatewayProxyResultV2> =>
    json(200, await analytics.summary());
